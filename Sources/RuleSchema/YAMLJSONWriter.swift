import Yams

/// Turns an example's `app:` YAML mapping into JSON text, so the example runs through the same
/// JSON parser and adapter as a real export.
enum YAMLJSONWriter {
    struct Failure: Error {
        var mark: Mark?
        var message: String
    }

    static func json(_ node: Node) throws(Failure) -> String {
        var out = ""
        try write(node, into: &out, indent: "")
        return out + "\n"
    }

    private static func write(_ node: Node, into out: inout String, indent: String) throws(Failure) {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                switch node.tagName {
                case .null: out += "null"; return
                case .bool: if let b = node.bool { out += b ? "true" : "false"; return }
                case .int: if let i = node.int { out += String(i); return }
                case .float: if let f = node.float, f.isFinite { out += String(f); return }
                default: break
                }
            }
            out += quoted(scalar.string)
        case .sequence(let sequence):
            if sequence.isEmpty { out += "[]"; return }
            out += "[\n"
            let inner = indent + "  "
            for (index, item) in sequence.enumerated() {
                out += inner
                try write(item, into: &out, indent: inner)
                out += index + 1 < sequence.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case .mapping(let mapping):
            if mapping.isEmpty { out += "{}"; return }
            out += "{\n"
            let inner = indent + "  "
            for (index, (key, value)) in mapping.enumerated() {
                guard let name = key.scalar?.string else { throw Failure(mark: key.mark, message: "keys must be strings") }
                out += inner + quoted(name) + ": "
                try write(value, into: &out, indent: inner)
                out += index + 1 < mapping.count ? ",\n" : "\n"
            }
            out += indent + "}"
        case .alias:
            throw Failure(mark: node.mark, message: "aliases are not supported in examples")
        }
    }

    /// A JSON string literal for `text`.
    static func quoted(_ text: String) -> String { "\"" + JSONEscaping.escape(text) + "\"" }
}

extension Node {
    /// The resolved tag's name (`tag:yaml.org,2002:int`, ...); Yams keeps `Tag.name` internal.
    var tagName: Tag.Name { Tag.Name(rawValue: tag.description) }
}
