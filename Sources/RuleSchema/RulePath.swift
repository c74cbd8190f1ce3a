/// A dot-separated path into the canonical model, compiled once into case-folded segments.
public struct RulePath: Sendable, Hashable, CustomStringConvertible {
    /// The compiled path, shared: a condition copied during evaluation retains one object
    /// instead of three arrays and a string. Its reads are inlinable: the evaluator walks a path's
    /// segments for every condition, and a call into this module returned each array retained.
    /// Immutable once made (hence `@unchecked`: the segment buffers point into its own storage).
    @usableFromInline final class Storage: @unchecked Sendable {
        @usableFromInline let text: String
        @usableFromInline let segments: [String]
        @usableFromInline let fromRegistration: Bool
        /// Each segment's UTF-8 bytes, in one allocation this object owns: a walk reads them as
        /// plain pointers, where an array per segment was retained and released at every step.
        @usableFromInline let segmentBuffers: [UnsafeBufferPointer<UInt8>]
        private let bytes: UnsafeMutableBufferPointer<UInt8>

        init(text: String, segments: [String], fromRegistration: Bool) {
            self.text = text
            self.segments = segments
            self.fromRegistration = fromRegistration
            let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, segments.reduce(0) { $0 + $1.utf8.count }))
            var buffers: [UnsafeBufferPointer<UInt8>] = []
            buffers.reserveCapacity(segments.count)
            var offset = 0
            for segment in segments {
                let part = UnsafeMutableBufferPointer(rebasing: bytes[offset..<(offset + segment.utf8.count)])
                _ = part.initialize(from: segment.utf8)
                buffers.append(UnsafeBufferPointer(part))
                offset += part.count
            }
            self.bytes = bytes
            self.segmentBuffers = buffers
        }

        deinit { bytes.deallocate() }
    }

    @usableFromInline let storage: Storage

    /// The path as written in the rule file.
    @inlinable public var text: String { storage.text }
    /// Lower-cased member names; the canonical model is looked up case-insensitively.
    @inlinable public var segments: [String] { storage.segments }
    /// True for `$.`-prefixed paths (and `$`), which start at the registration rather than the
    /// subject; `@` is the subject itself.
    @inlinable public var fromRegistration: Bool { storage.fromRegistration }
    /// The segments as UTF-8 bytes, for lookups that compare raw JSON keys without decoding;
    /// valid while this path is (the evaluator's paths are its rules', alive for the run).
    @inlinable public var segmentBuffers: [UnsafeBufferPointer<UInt8>] { storage.segmentBuffers }

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
