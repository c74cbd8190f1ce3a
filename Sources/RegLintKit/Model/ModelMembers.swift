/// The members of a synthetic model object by lower-cased name, in the order they were set.
///
/// These objects are small (a credential's facts, a redirect URI's, a field or two laid over a
/// JSON object) and are read far more often than built: the rules look a member up millions of
/// times in a large run. A scan over one word per name (its length and first seven bytes) finds a
/// member without hashing its name, and building the object hashes nothing. Past
/// `indexedCount` members (a CliXml object of a hostile size) a name index keeps both linear.
public struct ModelMembers: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// One member: its name's word (see `word`), name and node, side by side in one array.
    private struct Entry: Sendable {
        var word: UInt64
        var name: String
        var node: ModelNode
    }

    private var entries: [Entry] = []
    /// Positions by name, kept once there are more than `indexedCount` members.
    private var index: [String: Int]?
    /// The members of the JSON object this one lies over (its node's `fallback`), indexed: set
    /// on a registration's object, where most lookups fall through to its forty members.
    public var fallbackIndex: JSONMemberIndex?

    /// The most members found by scanning alone.
    static let indexedCount = 32

    public init() {}

    public init(dictionaryLiteral elements: (String, ModelNode)...) {
        entries.reserveCapacity(elements.count)
        for (name, node) in elements { self[name] = node }
    }

    /// Members named `names` (distinct, as a projected fact object's are), the `k`th the `k`th
    /// of `fields`: the object's values in one list its members share (`ModelNode.field`).
    public init(names: [String], fields: [ProjectedField]) {
        entries.reserveCapacity(names.count)
        for k in names.indices where k < fields.count {
            entries.append(Entry(word: ModelMembers.word(names[k]), name: names[k], node: .field(fields, index: k)))
        }
        if entries.count > ModelMembers.indexedCount { reindex() }
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    /// The names, in the order they were first set.
    public var keys: [String] { entries.map(\.name) }

    /// The member named `name`; setting nil removes it, setting a present name replaces its node
    /// in place (the last value wins, as in a dictionary).
    public subscript(name: String) -> ModelNode? {
        get { position(of: name).map { entries[$0].node } }
        set {
            if let at = position(of: name) {
                if let newValue { entries[at].node = newValue } else { remove(at: at) }
            } else if let newValue {
                entries.append(Entry(word: ModelMembers.word(name), name: name, node: newValue))
                if index != nil {
                    index?[name] = entries.count - 1
                } else if entries.count > ModelMembers.indexedCount {
                    reindex()
                }
            }
        }
    }

    /// The member whose name's UTF-8 bytes are `bytes` (compiled rule paths carry them).
    public func node(named bytes: UnsafeBufferPointer<UInt8>) -> ModelNode? {
        if let index {
            return index[String(decoding: bytes, as: UTF8.self)].map { entries[$0].node }
        }
        let word = ModelMembers.word(bytes)
        return entries.withUnsafeBufferPointer { entries -> ModelNode? in
            for entry in entries where entry.word == word {
                if bytes.count <= 7 || UTF8Bytes.equal(entry.name, bytes) { return entry.node }
            }
            return nil
        }
    }

    /// Every member of `other` set here, replacing a member of the same name.
    public mutating func merge(_ other: ModelMembers) {
        for (name, node) in other { self[name] = node }
    }

    /// The members whose `transform` is not nil.
    public func compactMapValues(_ transform: (ModelNode) -> ModelNode?) -> ModelMembers {
        var result = ModelMembers()
        for (name, node) in self { if let mapped = transform(node) { result[name] = mapped } }
        return result
    }

    public func makeIterator() -> some IteratorProtocol<(String, ModelNode)> {
        entries.lazy.map { ($0.name, $0.node) }.makeIterator()
    }

    private func position(of name: String) -> Int? {
        if let index { return index[name] }
        let word = ModelMembers.word(name)
        return entries.withUnsafeBufferPointer { entries -> Int? in
            for at in entries.indices where entries[at].word == word && (name.utf8.count <= 7 || entries[at].name == name) { return at }
            return nil
        }
    }

    private mutating func remove(at position: Int) {
        entries.remove(at: position)
        if index != nil { reindex() }
    }

    private mutating func reindex() {
        index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.name, $0) })
    }

    /// A name's length in the top byte and its first seven bytes below: equal words mean equal
    /// names up to seven bytes long.
    static func word(_ name: String) -> UInt64 {
        UTF8Bytes.with(name) { word($0) }
    }

    static func word(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { JSONMemberIndex.word(bytes) }
}
