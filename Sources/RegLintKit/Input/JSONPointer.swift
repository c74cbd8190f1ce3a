/// RFC 6901 JSON pointers: computed from the tape for reported values only.
public enum JSONPointer {
    /// Containers spanning more tape entries than this are searched through their child index.
    static let largeContainer = 4096

    /// The pointer from the document root to the value at `index`.
    /// With `base` (a container's tape index and its pointer), the walk starts there when `index`
    /// lies inside it: a finding in the 9,000th app of an envelope does not walk 9,000 siblings.
    public static func pointer(to index: Int, in document: JSONDocument, base: (index: Int, pointer: String)? = nil) -> String {
        var out = ""
        var current = 0
        let tape = document.tape
        guard index >= 0, index < tape.count else { return "" }
        if let base, base.index >= 0, base.index < tape.count, index >= base.index, index < Int(tape[base.index].next) {
            out = base.pointer
            current = base.index
        }
        while current != index {
            let entry = tape[current]
            var found = false
            if Int(entry.next) - current > largeContainer, entry.kind == .object || entry.kind == .array {
                // Many siblings: a binary search over the container's child starts.
                let starts = document.childStarts(of: current)
                var low = 0, high = starts.count
                while low < high {
                    let mid = (low + high) / 2
                    if Int(starts[mid]) <= index { low = mid + 1 } else { high = mid }
                }
                guard low > 0 else { return out }
                let child = Int(starts[low - 1])
                if entry.kind == .array {
                    out += "/\(low - 1)"
                    current = child
                } else {
                    if index == child { return out }
                    out += "/" + escape(JSONValue(document: document, index: child).string ?? "")
                    current = child + 1
                }
                continue
            }
            if entry.kind == .object {
                var k = current + 1
                while k < Int(entry.next) {
                    let v = k + 1
                    if index >= v, index < Int(tape[v].next) {
                        out += "/" + escape(JSONValue(document: document, index: k).string ?? "")
                        current = v
                        found = true
                        break
                    }
                    if index == k { return out }
                    k = Int(tape[v].next)
                }
            } else if entry.kind == .array {
                var k = current + 1
                var position = 0
                while k < Int(entry.next) {
                    if index >= k, index < Int(tape[k].next) {
                        out += "/\(position)"
                        current = k
                        found = true
                        break
                    }
                    position += 1
                    k = Int(tape[k].next)
                }
            }
            if !found { return out }
        }
        return out
    }

    /// Escapes `~` and `/` in one reference token.
    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
