/// A parsed JSON file: its bytes plus a flat tape of every value, each with its byte range.
///
/// Exists so that positions survive parsing (Foundation's JSON APIs drop them) and so that large
/// exports cost one pass and one array, not a tree of objects (DESIGN §11).
public final class JSONDocument: Sendable {
    public let bytes: [UInt8]
    public let tape: [JSONTapeEntry]

    init(bytes: [UInt8], tape: [JSONTapeEntry]) {
        self.bytes = bytes
        self.tape = tape
    }

    /// The root value.
    public var root: JSONValue { JSONValue(document: self, index: 0) }
}

/// What kind of JSON value a tape entry holds.
public enum JSONKind: UInt8, Sendable {
    case object, array, string, number, `true`, `false`, null
}

/// One value on the tape: kind, byte range, and the index just past its subtree.
public struct JSONTapeEntry: Sendable {
    public var kind: JSONKind
    /// Set for strings that contain backslash escapes (they must be decoded, not sliced).
    public var hasEscapes: Bool
    public var start: UInt32
    public var end: UInt32
    /// Index of the next sibling: skipping a whole subtree is one jump.
    public var next: UInt32
}
