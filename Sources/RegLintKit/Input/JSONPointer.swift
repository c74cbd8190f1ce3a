/// RFC 6901 JSON pointers: computed from the tape for reported values only.
public enum JSONPointer {
    /// Containers spanning more tape entries than this are searched through their child index.
    static let largeContainer = 4096

    /// The pointer from the document root to the value at `index`.
    /// With `base` (a container's tape index and its pointer), the walk starts there when `index`
    /// lies inside it: a finding in the 9,000th app of an envelope does not walk 9,000 siblings.
    public static func pointer(to index: Int, in document: JSONDocument, base: (index: Int, pointer: String)? = nil) -> String {
        // Made as bytes, each key copied from the document (a string per token and per `+=` was
        // four allocations a finding), and turned into a string once.
        var out: [UInt8] = []
        out.reserveCapacity(64)
        var current = 0
        let tape = document.tape
        guard index >= 0, index < tape.count else { return "" }
        if let base, base.index >= 0, base.index < tape.count, index >= base.index, index < Int(tape[base.index].next) {
            out.append(contentsOf: base.pointer.utf8)
            current = base.index
        }
        func finished() -> String { String(decoding: out, as: UTF8.self) }
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
                guard low > 0 else { return finished() }
                let child = Int(starts[low - 1])
                if entry.kind == .array {
                    out.append(UInt8(ascii: "/"))
                    DecimalText.append(low - 1, to: &out)
                    current = child
                } else {
                    if index == child { return finished() }
                    appendKey(child, of: document, to: &out)
                    current = child + 1
                }
                continue
            }
            if entry.kind == .object {
                var k = current + 1
                while k < Int(entry.next) {
                    let v = k + 1
                    if index >= v, index < Int(tape[v].next) {
                        appendKey(k, of: document, to: &out)
                        current = v
                        found = true
                        break
                    }
                    if index == k { return finished() }
                    k = Int(tape[v].next)
                }
            } else if entry.kind == .array {
                var k = current + 1
                var position = 0
                while k < Int(entry.next) {
                    if index >= k, index < Int(tape[k].next) {
                        out.append(UInt8(ascii: "/"))
                        DecimalText.append(position, to: &out)
                        current = k
                        found = true
                        break
                    }
                    position += 1
                    k = Int(tape[k].next)
                }
            }
            if !found { return finished() }
        }
        return finished()
    }

    /// `/` and the key at tape index `key`, escaped as a reference token: from the document's
    /// bytes when the key has no JSON escapes (nearly always), else decoded first.
    private static func appendKey(_ key: Int, of document: JSONDocument, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "/"))
        let value = JSONValue(document: document, index: key)
        if value.entry.hasEscapes || value.withRawStringBytes({ appendToken($0, to: &out) }) == nil {
            appendToken((value.string ?? "").utf8, to: &out)
        }
    }

    /// A reference token's bytes with `~` written `~0` and `/` written `~1`.
    private static func appendToken(_ token: some Collection<UInt8>, to out: inout [UInt8]) {
        guard token.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
            out.append(contentsOf: token)
            return
        }
        for byte in token {
            switch byte {
            case UInt8(ascii: "~"): out.append(contentsOf: [UInt8(ascii: "~"), UInt8(ascii: "0")])
            case UInt8(ascii: "/"): out.append(contentsOf: [UInt8(ascii: "~"), UInt8(ascii: "1")])
            default: out.append(byte)
            }
        }
    }

    /// Escapes `~` and `/` in one reference token.
    /// Byte by byte, as `pointer` escapes keys: a `~` or `/` followed by a combining mark is one
    /// character to `replacingOccurrences`, which left it unescaped.
    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        var out: [UInt8] = []
        appendToken(token.utf8, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
