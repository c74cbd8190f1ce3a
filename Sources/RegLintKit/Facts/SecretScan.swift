/// Finds client-secret-shaped strings anywhere in a registration's model: a JSON subtree is
/// scanned on its tape (only strings holding `Q~` are decoded), synthetic trees node by node.
enum SecretScan {
    /// Most nodes one scan visits; a model that shares subtrees (CliXml `Ref`) is a graph, not a tree.
    static let maxVisits = 200_000

    static func shapedStrings(in node: ModelNode) -> [(String, NodeOrigin)] {
        var out: [(String, NodeOrigin)] = []
        var budget = maxVisits
        visit(node, into: &out, depth: 0, budget: &budget)
        var seen = Set<String>()
        return out.filter { seen.insert("\($0.1.span?.start ?? -1)|\($0.0)").inserted }
    }

    private static func visit(_ node: ModelNode, into out: inout [(String, NodeOrigin)], depth: Int, budget: inout Int) {
        guard depth < 64, budget > 0 else { return }
        budget -= 1
        switch node {
        case .json(let value):
            scan(value, into: &out)
        case .object(let object):
            for key in object.members.keys.sorted() where key != "facts" {
                if let member = object.members[key] { visit(member, into: &out, depth: depth + 1, budget: &budget) }
            }
            if let fallback = object.fallback { scan(fallback, into: &out) }
        case .array(let items, _):
            for item in items { visit(item, into: &out, depth: depth + 1, budget: &budget) }
        case .scalar(.string(let text), let origin):
            for match in SecretValue.shapedSecrets(in: text) { out.append((match, origin)) }
        case .field(let fields, let index):
            if case .string(let text) = fields[index].scalar {
                for match in SecretValue.shapedSecrets(in: text) { out.append((match, fields[index].origin)) }
            }
        case .scalar:
            break
        }
    }

    /// Strings of the tape range of `value` that contain `Q~`.
    private static func scan(_ value: JSONValue, into out: inout [(String, NodeOrigin)]) {
        let tape = value.document.tape
        let bytes = value.document.bytes
        // Most registrations hold no `~` at all: one `memchr` over the value's bytes says so,
        // where the loop below reads every byte of every string.
        let span = tape[value.index]
        let tilde = bytes.withUnsafeBufferPointer { $0.firstIndex(of: UInt8(ascii: "~"), from: Int(span.start), to: Int(span.end)) }
        guard tilde != nil else { return }
        let end = Int(tape[value.index].next)
        for index in value.index..<end where tape[index].kind == .string {
            let entry = tape[index]
            var hasMarker = false
            var k = Int(entry.start) + 1
            while k + 1 < Int(entry.end) {
                if bytes[k] == UInt8(ascii: "Q"), bytes[k + 1] == UInt8(ascii: "~") { hasMarker = true; break }
                k += 1
            }
            guard hasMarker, let text = JSONValue(document: value.document, index: index).string else { continue }
            for match in SecretValue.shapedSecrets(in: text) {
                out.append((match, ModelNode.json(JSONValue(document: value.document, index: index)).origin))
            }
        }
    }
}
