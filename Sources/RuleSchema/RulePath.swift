/// A dot-separated path into the canonical model, compiled once into case-folded segments.
public struct RulePath: Sendable, Hashable, CustomStringConvertible {
    /// The compiled path, shared: a condition copied during evaluation retains one object
    /// instead of three arrays and a string. Its reads are inlinable: the evaluator walks a path's
    /// segments for every condition, and a call into this module returned each array retained.
    @usableFromInline final class Storage: Sendable {
        @usableFromInline let text: String
        @usableFromInline let segments: [String]
        @usableFromInline let fromRegistration: Bool
        @usableFromInline let segmentBytes: [[UInt8]]

        init(text: String, segments: [String], fromRegistration: Bool) {
            self.text = text
            self.segments = segments
            self.fromRegistration = fromRegistration
            self.segmentBytes = segments.map { Array($0.utf8) }
        }
    }

    @usableFromInline let storage: Storage

    /// The path as written in the rule file.
    @inlinable public var text: String { storage.text }
    /// Lower-cased member names; the canonical model is looked up case-insensitively.
    @inlinable public var segments: [String] { storage.segments }
    /// True for `$.`-prefixed paths (and `$`), which start at the registration rather than the
    /// subject; `@` is the subject itself.
    @inlinable public var fromRegistration: Bool { storage.fromRegistration }
    /// The segments as UTF-8 bytes, for lookups that compare raw JSON keys without decoding.
    @inlinable public var segmentBytes: [[UInt8]] { storage.segmentBytes }

    public init?(_ text: String) {
        var body = Substring(text)
        var fromRoot = false
        if body.hasPrefix("$.") {
            fromRoot = true
            body = body.dropFirst(2)
        } else if body == "$" || body == "@" {
            // `$` is the registration, `@` the subject itself (a string element of a `forEach`
            // over a list of strings, such as one identifier URI or one audience).
            storage = Storage(text: text, segments: [], fromRegistration: body == "$")
            return
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(RulePath.isNameCharacter) }) else {
            return nil
        }
        storage = Storage(text: text, segments: parts.map { $0.lowercased() }, fromRegistration: fromRoot)
    }

    /// The text decides the rest.
    public static func == (a: RulePath, b: RulePath) -> Bool { a.storage === b.storage || a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    public var description: String { text }

    static func isNameCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "@" || c == "-" || c == ":"
    }
}

/// A path is stored as the text it was written as (the compiled rule set the build embeds) and
/// compiled again when read back.
extension RulePath: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let path = RulePath(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a rule path")
        }
        self = path
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
