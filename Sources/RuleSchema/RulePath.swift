/// A dot-separated path into the canonical model, compiled once into case-folded segments.
public struct RulePath: Sendable, Hashable, CustomStringConvertible {
    /// The path as written in the rule file.
    public let text: String
    /// Lower-cased member names; the canonical model is looked up case-insensitively.
    public let segments: [String]
    /// True for `$.`-prefixed paths (and `$`), which start at the registration rather than the
    /// subject; `@` is the subject itself.
    public let fromRegistration: Bool
    /// The segments as UTF-8 bytes, for lookups that compare raw JSON keys without decoding.
    public let segmentBytes: [[UInt8]]

    public init?(_ text: String) {
        var body = Substring(text)
        var fromRoot = false
        if body.hasPrefix("$.") {
            fromRoot = true
            body = body.dropFirst(2)
        } else if body == "$" || body == "@" {
            // `$` is the registration, `@` the subject itself (a string element of a `forEach`
            // over a list of strings, such as one identifier URI or one audience).
            self.text = text
            self.segments = []
            self.segmentBytes = []
            self.fromRegistration = body == "$"
            return
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(RulePath.isNameCharacter) }) else {
            return nil
        }
        self.text = text
        self.segments = parts.map { $0.lowercased() }
        self.segmentBytes = segments.map { Array($0.utf8) }
        self.fromRegistration = fromRoot
    }

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
