/// RFC 6901 JSON pointers: computed from the tape for reported values only.
public enum JSONPointer {
    /// The pointer from the document root to the value at `index`.
    public static func pointer(to index: Int, in document: JSONDocument) -> String {
        var out = ""
        var current = 0
        let tape = document.tape
        guard index >= 0, index < tape.count else { return "" }
        while current != index {
            let entry = tape[current]
            var found = false
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
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
