/// Graph JSON is read as it is, without a mapping pass (DESIGN §11), so a value of the wrong type
/// in a field the rules read (`"passwordCredentials": "x"`, `"web": 1`) would read as "none" and
/// the rule would pass. This guard finds such values and lays an unknown over each, with the
/// reason, so the rules that need the field are "not evaluated". Unknown is never a pass.
enum JSONTypeGuard {
    /// A structured field of the canonical application: its lower-cased Graph name and shape.
    /// A class: each registration's check walks every field, and a copy of a struct of these
    /// parts retained and released five references.
    private final class StructuredField: Sendable {
        let key: [UInt8]
        let name: String
        let shape: CanonicalField.Shape
        let nested: FieldSet

        init(key: [UInt8], name: String, shape: CanonicalField.Shape, nested: FieldSet) {
            self.key = key
            self.name = name
            self.shape = shape
            self.nested = nested
        }
    }

    /// The structured fields of one object, with their names for finding them all in one pass
    /// over the object's members.
    private struct FieldSet: Sendable {
        let fields: [StructuredField]
        let names: MemberNames

        init(_ fields: [StructuredField]) {
            self.fields = fields
            names = MemberNames(fields.map(\.name))
        }
    }

    private static let application = FieldSet(structured(CanonicalSchema.application))

    /// `object` itself when every structured field has its type, else the object with an unknown
    /// over each field that does not (and over each list item that is not an object).
    static func guarded(_ object: JSONValue) -> ModelNode {
        guard let overlay = overlay(object, fields: application, path: "") else { return .json(object) }
        return .object(overlay, fallback: object, origin: ModelNode.json(object).origin)
    }

    private static func structured(_ fields: [CanonicalField]) -> [StructuredField] {
        fields.compactMap { field in
            switch field.shape {
            case .scalar, .date: return nil
            case .list, .objectList: return StructuredField(key: Array(field.name.lowercased().utf8), name: field.name, shape: field.shape, nested: FieldSet([]))
            case .object(let inner):
                return StructuredField(key: Array(field.name.lowercased().utf8), name: field.name, shape: field.shape, nested: FieldSet(structured(inner)))
            }
        }
    }

    private static func overlay(_ object: JSONValue, fields set: FieldSet, path: String) -> ModelMembers? {
        // Every field found in one pass over the members (the last of a duplicated key).
        object.withLastMembers(set.names) { found -> ModelMembers? in
            var out: ModelMembers?
            for (k, field) in set.fields.enumerated() where found[k] >= 0 {
                let value = JSONValue(document: object.document, index: found[k])
                guard value.kind != .null else { continue }
                // The field's path is worded only where `judged` needs it.
                if let replaced = judged(value, field: field, path: path.isEmpty ? field.name : "\(path).\(field.name)") {
                    if out == nil { out = [:] }
                    out?[String(decoding: field.key, as: UTF8.self)] = replaced
                }
            }
            return out
        }
    }

    /// The node to lay over `value`, or nil when it has the field's type. `path` is worded only
    /// for a value of the wrong type or an object with nested fields to check.
    private static func judged(_ value: JSONValue, field: StructuredField, path: @autoclosure () -> String) -> ModelNode? {
        switch field.shape {
        case .scalar, .date:
            return nil
        case .object:
            guard value.kind == .object else { return unknown(value, path(), "an object") }
            guard !field.nested.fields.isEmpty, let inner = overlay(value, fields: field.nested, path: path()) else { return nil }
            return .object(inner, fallback: value, origin: ModelNode.json(value).origin)
        case .list:
            // A string stands for a list of one (as the schema mapper reads it in other formats).
            return value.kind == .array || value.kind == .string ? nil : unknown(value, path(), "a list")
        case .objectList:
            guard value.kind == .array else { return unknown(value, path(), "a list of objects") }
            // Told without a list of the elements; the list is made only to lay unknowns over some.
            var allObjects = true
            value.forEachElement { item in if item.kind != .object && item.kind != .null { allObjects = false } }
            guard !allObjects else { return nil }
            let path = path()
            let items = value.elements.enumerated().map { index, item in
                item.kind == .object || item.kind == .null ? ModelNode.json(item) : unknown(item, "\(path)[\(index)]", "an object")
            }
            return .array(items, origin: ModelNode.json(value).origin)
        }
    }

    private static func unknown(_ value: JSONValue, _ path: String, _ expected: String) -> ModelNode {
        let actual: String
        switch value.kind {
        case .string: actual = "a string"
        case .number: actual = "a number"
        case .true, .false: actual = "true or false"
        case .object: actual = "an object"
        case .array: actual = "a list"
        case .null: actual = "null"
        }
        return .scalar(.unknown(reason: "'\(path)' is \(actual) where \(expected) belongs"), origin: ModelNode.json(value).origin)
    }
}
