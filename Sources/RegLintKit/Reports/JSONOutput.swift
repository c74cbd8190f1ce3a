/// A JSON value built by the JSON and SARIF reporters: members keep the order they are written
/// in, so output is byte-identical run to run and reads in the spec's order.
indirect enum JSONOutput {
    case object([(String, JSONOutput)])
    case array([JSONOutput])
    case string(String)
    case int(Int)
    case bool(Bool)
    case null

    /// Pretty-printed with two-space indentation and a final newline.
    func serialized() -> String {
        var out = ""
        out.reserveCapacity(1 << 16)
        write(into: &out, indent: "")
        return out + "\n"
    }

    private func write(into out: inout String, indent: String) {
        switch self {
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            let inner = indent + "  "
            for (index, (key, value)) in members.enumerated() {
                out += inner
                out += "\""
                JSONText.append(key, to: &out)
                out += "\": "
                value.write(into: &out, indent: inner)
                out += index + 1 < members.count ? ",\n" : "\n"
            }
            out += indent + "}"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            let inner = indent + "  "
            for (index, item) in items.enumerated() {
                out += inner
                item.write(into: &out, indent: inner)
                out += index + 1 < items.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case .string(let s):
            out += "\""
            JSONText.append(s, to: &out)
            out += "\""
        case .int(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }
}
