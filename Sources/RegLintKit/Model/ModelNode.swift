import RuleSchema

/// A value of the canonical model (Microsoft Graph vocabulary) that the rules read.
///
/// Nodes from a JSON file stay views of its tape (`.json`), decoded only when a rule reads them;
/// adapters and facts add synthetic nodes. An object's members are looked up by lower-cased name,
/// then in its `fallback` (the raw object it was built over), so rules can read any exported field.
///
/// Only the synthetic cases are boxed (`indirect`, or an object's `ModelObject`): a `.json` node
/// is its tape view, stored inline, so the millions of member lookups a large run makes allocate
/// nothing (with the whole enum boxed, every lookup allocated and every copy retained and
/// released a box).
public enum ModelNode: Sendable {
    case json(JSONValue)
    /// A synthetic object: its parts behind one reference (`ModelObject`), so that matching the
    /// case to look a member up retains one object, not each of its arrays and strings.
    case object(ModelObject)
    indirect case array([ModelNode], origin: NodeOrigin)
    indirect case scalar(ModelScalar, origin: NodeOrigin)
    /// The `index`th of the values of a projected fact object (`FactProjection`): its members
    /// share one list of values, one allocation where a boxed scalar each was ten a redirect URI.
    case field([ProjectedField], index: Int)

    /// A synthetic object of `members` over the JSON object `fallback`.
    public static func object(_ members: ModelMembers, fallback: JSONValue?, origin: NodeOrigin) -> ModelNode {
        .object(ModelObject(members, fallback: fallback, origin: origin))
    }

    /// The member named `name` (lower-cased), if present (a `null` member is present).
    public func member(_ name: String) -> ModelNode? {
        UTF8Bytes.with(name) { member(named: $0) }
    }

    /// The one lookup both spellings share: the object's own members by their UTF-8 bytes, then
    /// the JSON object under it, through its member index when it has one.
    func member(named bytes: UnsafeBufferPointer<UInt8>) -> ModelNode? {
        switch self {
        case .json(let value):
            return value.memberValue(bytes).map { .json($0) }
        case .object(let object):
            if let found = object.members.node(named: bytes) { return found }
            if let index = object.members.fallbackIndex { return index.value(bytes).map { .json($0) } }
            return object.fallback?.memberValue(bytes).map { .json($0) }
        case .array, .scalar, .field:
            return nil
        }
    }

    /// This node with the members of its JSON object indexed (`JSONMemberIndex`), when it has
    /// enough of them: made for a registration while it is linted, not kept for a whole file.
    public var indexed: ModelNode {
        switch self {
        case .json(let value):
            guard let index = JSONMemberIndex(value) else { return self }
            var members = ModelMembers()
            members.fallbackIndex = index
            return .object(members, fallback: value, origin: origin)
        case .object(let object) where object.members.fallbackIndex == nil:
            guard let fallback = object.fallback, let index = JSONMemberIndex(fallback) else { return self }
            var members = object.members
            members.fallbackIndex = index
            return .object(members, fallback: fallback, origin: object.origin)
        default:
            return self
        }
    }

    /// Elements when this is an array, nil otherwise.
    public var elements: [ModelNode]? {
        switch self {
        case .json(let value): value.kind == .array ? Self.nodes(ofElements: value) : nil
        case .array(let items, _): items
        case .object, .scalar, .field: nil
        }
    }

    /// A JSON array's elements as nodes, in one list made at its size (not `elements` mapped
    /// into a second list).
    private static func nodes(ofElements array: JSONValue) -> [ModelNode] {
        var result: [ModelNode] = []
        result.reserveCapacity(array.elementCount)
        array.forEachElement { result.append(.json($0)) }
        return result
    }

    public var isObject: Bool {
        switch self {
        case .json(let value): value.kind == .object
        case .object: true
        case .array, .scalar, .field: false
        }
    }

    /// The scalar value, nil for arrays and objects.
    public var scalar: ModelScalar? {
        switch self {
        case .json(let value):
            switch value.kind {
            case .string: return value.string.map { .string($0) }
            case .number: return value.number.map { .number($0) }
            case .true: return .bool(true)
            case .false: return .bool(false)
            case .null: return .null
            case .object, .array: return nil
            }
        case .scalar(let s, _): return s
        case .field(let fields, let index): return fields[index].scalar
        case .object, .array: return nil
        }
    }

    public var isUnknown: Bool {
        // Only reglint makes unknown values: JSON never holds one, so nothing is decoded to tell.
        switch self {
        case .scalar(.unknown, _): return true
        case .field(let fields, let index): if case .unknown = fields[index].scalar { return true } else { return false }
        default: return false
        }
    }

    /// Why the value is unknown, for an unknown one; nil for any other, told without decoding a
    /// JSON string (`scalar` makes a string of one only to say it is no unknown value).
    public var unknownReason: String? {
        switch self {
        case .scalar(.unknown(let reason), _): return reason
        case .field(let fields, let index): if case .unknown(let reason) = fields[index].scalar { return reason } else { return nil }
        default: return nil
        }
    }

    /// True for an array (a JSON one or a computed one), without building its elements.
    public var isArray: Bool {
        switch self {
        case .json(let value): value.kind == .array
        case .array: true
        case .object, .scalar, .field: false
        }
    }

    /// The node as a list: an array's elements, a lone value as one element (PowerShell unwraps
    /// one-element arrays), nothing for null or unknown.
    public var asList: [ModelNode] {
        if let items = elements { return items }
        if isNull || isUnknown { return [] }
        return [self]
    }

    /// Whether `asList` has an item, told without building it.
    var hasListItems: Bool {
        switch self {
        case .json(let value): value.kind == .array ? value.entry.next != UInt32(value.index + 1) : value.kind != .null
        case .array(let items, _): !items.isEmpty
        default: !(isNull || isUnknown)
        }
    }

    /// Calls `body` with each element when this is an array (a JSON one without a list of its
    /// elements) and says whether it was one.
    func forEachElement(_ body: (ModelNode) -> Void) -> Bool {
        switch self {
        case .json(let value) where value.kind == .array:
            value.forEachElement { body(.json($0)) }
            return true
        case .array(let items, _):
            for item in items { body(item) }
            return true
        default:
            return false
        }
    }

    /// Calls `body` with each item of `asList` and its position, without building the list (a
    /// rule's `forEach` visits every credential of every registration).
    func forEachListItem(_ body: (ModelNode, Int) -> Void) {
        switch self {
        case .json(let value) where value.kind == .array:
            var position = 0
            value.forEachElement { element in
                body(.json(element), position)
                position += 1
            }
        case .array(let items, _):
            for (position, item) in items.enumerated() { body(item, position) }
        default:
            if isNull || isUnknown { return }
            body(self, 0)
        }
    }

    public var isNull: Bool {
        switch self {
        case .json(let value): value.kind == .null
        case .scalar(.null, _): true
        case .field(let fields, let index): fields[index].scalar == .null
        case .scalar, .object, .array: false
        }
    }

    /// A string value, or nil.
    public var string: String? {
        if case .string(let s) = scalar { return s }
        return nil
    }

    /// The value read as an instant (ISO 8601 or `/Date(ms)/` strings, or a canonical date).
    public var instant: Instant? {
        switch self {
        case .json(let value):
            guard value.kind == .string else { return nil }
            if value.entry.hasEscapes { return value.string.flatMap { Instant(parsing: $0) } }
            return value.withRawStringBytes { Instant.parse($0) } ?? nil
        case .scalar(.date(let instant), _): return instant
        case .scalar(.string(let s), _): return Instant(parsing: s)
        case .field(let fields, let index):
            switch fields[index].scalar {
            case .date(let instant): return instant
            case .string(let s): return Instant(parsing: s)
            default: return nil
            }
        default: return nil
        }
    }

    /// Where the value is in its file, when it comes from one.
    public var origin: NodeOrigin {
        switch self {
        case .json(let value): NodeOrigin(span: value.span, tapeIndex: value.index, pointer: nil)
        case .object(let object): object.origin
        case .array(_, let origin), .scalar(_, let origin): origin
        case .field(let fields, let index): fields[index].origin
        }
    }

    /// True for absent-equivalent values: null, blank strings, empty arrays and objects.
    public var isEmptyValue: Bool {
        switch self {
        case .json(let value):
            switch value.kind {
            case .null: return true
            case .string:
                // Most values are told by their first byte, with no string decoded (a backslash
                // starts an escape, which may stand for a space).
                if let first = value.withRawStringBytes({ $0.first }), Self.startsVisible(first, escapes: true) { return false }
                return (value.string ?? "").allSatisfy(\.isWhitespace)
            case .array, .object: return value.entry.next == UInt32(value.index + 1)
            default: return false
            }
        case .object(let object):
            if let fallback = object.fallback { return object.members.isEmpty && fallback.entry.next == UInt32(fallback.index + 1) }
            return object.members.isEmpty
        case .array(let items, _): return items.isEmpty
        case .scalar(let s, _):
            return Self.isEmpty(s)
        case .field(let fields, let index):
            return Self.isEmpty(fields[index].scalar)
        }
    }

    private static func isEmpty(_ scalar: ModelScalar) -> Bool {
        switch scalar {
        case .null: return true
        case .string(let text): return !startsVisible(text.utf8.first, escapes: false) && text.allSatisfy(\.isWhitespace)
        default: return false
        }
    }

    /// Whether a text whose first UTF-8 byte is `first` has a first character that is not
    /// whitespace, told from that byte alone: a printable ASCII byte starts such a character
    /// (`Character.isWhitespace` reads a character's first scalar). False when it cannot be
    /// told that way (no byte, a control or space, a non-ASCII byte, or an escape's backslash
    /// in raw JSON).
    private static func startsVisible(_ first: UInt8?, escapes: Bool) -> Bool {
        guard let first, first > 0x20, first < 0x7F else { return false }
        return !(escapes && first == UInt8(ascii: "\\"))
    }
}

/// One value of a projected fact object and where it came from (`ModelNode.field`): a redirect
/// URI's, a permission's or a credential's facts keep their values in one list of these.
public struct ProjectedField: Sendable {
    public var scalar: ModelScalar
    public var origin: NodeOrigin

    public init(_ scalar: ModelScalar, origin: NodeOrigin) {
        self.scalar = scalar
        self.origin = origin
    }
}

/// A scalar of the canonical model.
public enum ModelScalar: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case date(Instant)
    /// A value the export does not give: unknown until apply (Terraform), or cut off by the
    /// exporter's depth limit. Conditions never hold on it; the rule reports "not evaluated".
    case unknown(reason: String)
}

/// Where a model node came from: a byte range and, for JSON, its tape index (the pointer is
/// computed from the tape when reported); synthetic nodes from other formats carry a pointer.
///
/// Copied with every synthetic node, witness and finding, so kept small: the rare place in
/// another file is boxed (inline it more than doubled the origin, to 144 bytes).
public struct NodeOrigin: Sendable, Hashable {
    public var span: SourceSpan?
    public var tapeIndex: Int?
    public var pointer: String?
    /// A place in another file of the run, already resolved (cross-file facts).
    public var resolved: SourceLocation? {
        get { elsewhere?.location }
        set { elsewhere = newValue.map(Elsewhere.init) }
    }
    private var elsewhere: Elsewhere?

    public init(span: SourceSpan?, tapeIndex: Int? = nil, pointer: String? = nil, resolved: SourceLocation? = nil) {
        self.span = span
        self.tapeIndex = tapeIndex
        self.pointer = pointer
        self.elsewhere = resolved.map(Elsewhere.init)
    }

    /// `resolved`'s box, compared and hashed by the place it holds.
    private final class Elsewhere: Sendable, Hashable {
        let location: SourceLocation
        init(_ location: SourceLocation) { self.location = location }
        static func == (a: Elsewhere, b: Elsewhere) -> Bool { a.location == b.location }
        func hash(into hasher: inout Hasher) { hasher.combine(location) }
    }

    /// No position: a value reglint computed.
    public static let computed = NodeOrigin(span: nil)
}

/// The parts of a synthetic object node (`ModelNode.object`): its own members, the JSON object it
/// lies over and where it came from. A class, so that the rules' millions of member lookups
/// borrow these parts through one reference instead of copying (retaining) each out of an enum box.
public final class ModelObject: Sendable {
    public let members: ModelMembers
    public let fallback: JSONValue?
    public let origin: NodeOrigin

    public init(_ members: ModelMembers, fallback: JSONValue?, origin: NodeOrigin) {
        self.members = members
        self.fallback = fallback
        self.origin = origin
    }
}
