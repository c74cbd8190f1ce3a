/// Reads PowerShell CliXml (`Export-Clixml`, MS-PSRP §2.2.5 serialization) into model nodes:
/// `Obj` with `Props`/`MS` members, `LST`/`IE` lists, `DCT` dictionaries, typed scalars, `Ref`
/// back-references; then maps the application objects onto the canonical model.
public enum CliXmlAdapter {
    /// True for a CliXml document (`<Objs>` root).
    public static func isCliXml(_ root: XMLElement) -> Bool { root.name == "Objs" }

    /// Why a CliXml document was refused.
    public struct Refusal: Error, Sendable {
        public var message: String
        public var span: SourceSpan
    }

    /// Most values the document may stand for once `Ref`s are followed: a few kilobytes of
    /// nested references could otherwise stand for billions of values.
    public static let maxExpandedValues = 1_000_000

    /// The registrations in the document, with depth-cut properties and secret values found.
    public static func adapt(_ root: XMLElement, mapper: inout SchemaMapper) throws(Refusal) -> (registrations: [ModelNode], secrets: [String]) {
        var reader = ObjectReader()
        var registrations: [ModelNode] = []
        let objects = root.children(named: "Obj").filter { $0.attribute("S") == nil }
        for (index, element) in objects.enumerated() {
            let node = reader.read(element, pointer: "/\(index)")
            if reader.expanded > maxExpandedValues {
                throw Refusal(message: "the CliXml references (Ref) expand to more than \(maxExpandedValues) values, which reglint refuses to process", span: element.span)
            }
            if isApplication(element, node) {
                // AzureAD / AzureRM objects carry AAD Graph names (ReplyUrls, Oauth2AllowImplicitFlow, ...).
                registrations.append(LegacyManifestAdapter.isLegacy(node)
                    ? LegacyManifestAdapter.canonical(node, mapper: &mapper)
                    : mapper.map(node, fields: CanonicalSchema.application))
            } else if isPasswordCredential(element, node) {
                // A credential exported on its own (AzureRM PSADPasswordCredential): lint it as
                // the one credential of an unnamed registration, so its secret and dates are judged.
                var credential = node
                if case .object(let object) = node, object.members["displayname"] == nil {
                    var fields = object.members
                    fields["displayname"] = .scalar(.unknown(reason: "this credential export carries no description"), origin: object.origin)
                    credential = .object(fields, fallback: object.fallback, origin: object.origin)
                }
                let wrapped = ModelNode.object([
                    "passwordcredentials": .array([credential], origin: node.origin),
                    "displayname": .scalar(.string("(credential export)"), origin: .computed),
                ], fallback: nil, origin: node.origin)
                registrations.append(mapper.map(wrapped, fields: CanonicalSchema.application))
            }
        }
        return (registrations, reader.secrets)
    }

    static func isPasswordCredential(_ element: XMLElement, _ node: ModelNode) -> Bool {
        let types = element.children(named: "TN").flatMap { $0.children(named: "T").map(\.text) }
        if types.contains(where: { $0.hasSuffix("PasswordCredential") }) { return true }
        return node.member("keyid") != nil && (node.member("password") != nil || node.member("secrettext") != nil)
    }

    static func isApplication(_ element: XMLElement, _ node: ModelNode) -> Bool {
        let types = element.children(named: "TN").flatMap { $0.children(named: "T").map(\.text) }
        if types.contains(where: { $0.hasSuffix("Application") || $0.contains("MicrosoftGraphApplication") || $0.hasSuffix("PSADApplication") }) { return true }
        return node.member("appid") != nil
    }

    /// Converts CliXml elements to nodes, remembering `RefId`s so `Ref` can point back.
    struct ObjectReader {
        var objects: [String: (node: ModelNode, size: Int)] = [:]
        var inProgress: Set<String> = []
        var secrets: [String] = []
        /// Values the document stands for, references followed.
        var expanded = 0
        /// Values read inside the object being read (its size, for `Ref`s to it).
        private var sizes: [Int] = []

        mutating func read(_ element: XMLElement, pointer: String) -> ModelNode {
            expanded += 1
            if !sizes.isEmpty { sizes[sizes.count - 1] += 1 }
            guard expanded <= CliXmlAdapter.maxExpandedValues else { return .scalar(.null, origin: .computed) }
            let origin = NodeOrigin(span: element.span, pointer: pointer)
            switch element.name {
            case "Obj":
                return object(element, pointer: pointer, origin: origin)
            case "Ref":
                if let id = element.attribute("RefId"), let target = objects[id], !inProgress.contains(id) {
                    expanded += target.size
                    if !sizes.isEmpty { sizes[sizes.count - 1] += target.size }
                    return target.node
                }
                return .scalar(.null, origin: origin)
            case "Nil":
                return .scalar(.null, origin: origin)
            case "B":
                return .scalar(.bool(TextTrim.spaces(element.text).lowercased() == "true"), origin: origin)
            case "I32", "I64", "I16", "U16", "U32", "U64", "By", "SB", "Db", "Sg", "D":
                if let n = Double(TextTrim.spaces(element.text)) { return .scalar(.number(n), origin: origin) }
                return .scalar(.string(element.text), origin: origin)
            case "SS":
                let value = TextTrim.spacesAndNewlines(element.text)
                if !value.isEmpty { secrets.append(value) }
                return .scalar(.string(value), origin: origin)
            default:
                // S, DT, G, URI, Version, TS, BA, C, XD, SBK and anything newer: a string.
                return .scalar(.string(CliXmlAdapter.decode(element.text)), origin: origin)
            }
        }

        private mutating func object(_ element: XMLElement, pointer: String, origin: NodeOrigin) -> ModelNode {
            let id = element.attribute("RefId")
            if let id { inProgress.insert(id) }
            sizes.append(1)
            defer { if let id { inProgress.remove(id) } }
            var members: ModelMembers = [:]
            var list: [ModelNode]?
            for child in element.children {
                switch child.name {
                case "Props", "MS":
                    for property in child.children {
                        guard let name = property.attribute("N") else { continue }
                        members[name.lowercased()] = read(property, pointer: pointer + "/" + JSONPointer.escape(name))
                    }
                case "LST", "IE", "STK", "QUE":
                    list = child.children.enumerated().map { read($0.element, pointer: pointer + "/\($0.offset)") }
                case "DCT":
                    for entry in child.children(named: "En") {
                        guard let key = entry.children.first(where: { $0.attribute("N") == "Key" }),
                              let value = entry.children.first(where: { $0.attribute("N") == "Value" }) else { continue }
                        let name = CliXmlAdapter.decode(key.text)
                        members[name.lowercased()] = read(value, pointer: pointer + "/" + JSONPointer.escape(name))
                    }
                default:
                    break
                }
            }
            let node: ModelNode
            if let list {
                node = .array(list, origin: origin)
            } else if members.isEmpty, let text = element.children(named: "ToString").first?.text {
                // An object serialized past the depth limit keeps only its ToString().
                node = .scalar(.string(CliXmlAdapter.decode(text)), origin: origin)
            } else {
                node = .object(members, fallback: nil, origin: origin)
            }
            let size = sizes.removeLast()
            if !sizes.isEmpty { sizes[sizes.count - 1] += size }
            if let id { objects[id] = (node, size) }
            return node
        }
    }

    /// Undoes CliXml string escaping: `_xHHHH_` is the UTF-16 code unit HHHH.
    static func decode(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var units: [UInt16] = []
        let source = Array(text.utf16)
        var k = 0
        while k < source.count {
            if source[k] == 0x5F, k + 6 < source.count, source[k + 1] == 0x78, source[k + 6] == 0x5F,
               let value = UInt16(String(utf16CodeUnits: Array(source[(k + 2)...(k + 5)]), count: 4), radix: 16) {
                units.append(value)
                k += 7
            } else {
                units.append(source[k])
                k += 1
            }
        }
        return String(decoding: units, as: UTF16.self)
    }
}

import Foundation
