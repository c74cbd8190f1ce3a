import Foundation

/// Where an export was cut off by its exporter's depth limit: a type name stands where an object
/// or a list belongs (`ConvertTo-Json` and `Export-Clixml` default to `-Depth 2`).
public struct Truncation: Sendable, Hashable {
    /// The canonical path of the lost property (`web.implicitGrantSettings`).
    public var property: String
    /// The text that stands in for it (a .NET type name).
    public var placeholder: String
    public var origin: NodeOrigin
}

/// Maps an export's raw tree (JSON, or CliXml turned into nodes) onto the canonical model with
/// the `CanonicalSchema` table: renames, unwrapped one-element lists, dates inside PowerShell
/// note-property objects, and depth-cut placeholders (which become unknown values).
public struct SchemaMapper {
    public private(set) var truncations: [Truncation] = []

    public init() {}

    /// The canonical object for `raw`; fields the table does not know stay readable through the
    /// raw object (the fallback) when it is JSON.
    public mutating func map(_ raw: ModelNode, fields: [CanonicalField], path: String = "") -> ModelNode {
        var members: ModelMembers = [:]
        for field in fields {
            guard let value = field.spellings.lazy.compactMap({ raw.member($0) }).first else { continue }
            let fieldPath = path.isEmpty ? field.name : "\(path).\(field.name)"
            if field.nullWhenNotRequested, value.isNull {
                members[field.name.lowercased()] = .scalar(.unknown(reason: "'\(fieldPath)' is null, which this exporter writes when the property was not requested ($expand or $select)"), origin: value.origin)
                continue
            }
            members[field.name.lowercased()] = map(value, shape: field.shape, path: fieldPath)
        }
        var fallback: JSONValue?
        if case .json(let value) = raw { fallback = value }
        if case .object(let object) = raw { fallback = object.fallback }
        return .object(members, fallback: fallback, origin: raw.origin)
    }

    mutating func map(_ value: ModelNode, shape: CanonicalField.Shape, path: String) -> ModelNode {
        if value.isNull || value.isUnknown { return value }
        switch shape {
        case .scalar:
            return value
        case .date:
            // Windows PowerShell 5.1 writes a DateTime with note properties as {"value": "\/Date(…)\/", …}.
            if value.isObject, let inner = value.member("value") { return inner }
            return value
        case .list:
            if let placeholder = truncated(value) { return cut(path, placeholder, value) }
            return value.elements != nil ? value : .array([value], origin: value.origin)
        case .object(let fields):
            if let placeholder = truncated(value) { return cut(path, placeholder, value) }
            guard value.isObject else { return .scalar(.unknown(reason: "'\(path)' is \(Self.kind(of: value)) where an object belongs"), origin: value.origin) }
            return map(value, fields: fields, path: path)
        case .objectList(let fields):
            if let placeholder = truncated(value) { return cut(path, placeholder, value) }
            // One object stands for a list of one (PowerShell unwraps them); a scalar is unreadable.
            guard value.isObject || value.elements != nil else {
                return .scalar(.unknown(reason: "'\(path)' is \(Self.kind(of: value)) where a list of objects belongs"), origin: value.origin)
            }
            var items: [ModelNode] = []
            for (index, item) in value.asList.enumerated() {
                let itemPath = "\(path)[\(index)]"
                if let placeholder = truncated(item) {
                    items.append(cut(itemPath, placeholder, item))
                } else if item.isObject {
                    items.append(map(item, fields: fields, path: itemPath))
                } else if item.string != nil {
                    items.append(.scalar(.unknown(reason: "'\(itemPath)' is a string where an object belongs"), origin: item.origin))
                } else {
                    items.append(item)
                }
            }
            return .array(items, origin: value.origin)
        }
    }

    /// What a value is, in words, for a reason.
    static func kind(of value: ModelNode) -> String {
        if value.string != nil { return "a string" }
        if value.elements != nil { return "a list" }
        if value.isObject { return "an object" }
        if case .bool = value.scalar { return "true or false" }
        return "a number"
    }

    private mutating func cut(_ path: String, _ placeholder: String, _ node: ModelNode) -> ModelNode {
        truncations.append(Truncation(property: path, placeholder: placeholder, origin: node.origin))
        return .scalar(.unknown(reason: "the export was cut off at '\(path)'"), origin: node.origin)
    }

    /// The .NET type name a depth-limited exporter wrote instead of an object, if `node` is one.
    func truncated(_ node: ModelNode) -> String? {
        guard let text = node.string else { return nil }
        return SchemaMapper.isTypeName(text) ? text : nil
    }

    static func isTypeName(_ text: String) -> Bool {
        // PowerShell writes a hashtable or PSCustomObject past the depth limit as `@{Key=value; …}`.
        if text.hasPrefix("@{"), text.hasSuffix("}") { return true }
        guard text.hasPrefix("Microsoft.") || text.hasPrefix("System.") else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "`" || $0 == "[" || $0 == "]" || $0 == "," || $0 == "+" }
    }
}
