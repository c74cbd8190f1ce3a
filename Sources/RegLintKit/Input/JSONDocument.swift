import Foundation

/// A parsed JSON file: its bytes plus a flat tape of every value, each with its byte range.
///
/// Exists so that positions survive parsing (Foundation's JSON APIs drop them) and so that large
/// exports cost one pass and one array, not a tree of objects (DESIGN §11).
public final class JSONDocument: Sendable {
    public let bytes: [UInt8]
    public let tape: [JSONTapeEntry]
    /// Where each child of a large container starts, built on first use (see `childStarts`).
    private let childStartCache: ChildStartCache

    init(bytes: [UInt8], tape: [JSONTapeEntry]) {
        self.bytes = bytes
        self.tape = tape
        childStartCache = ChildStartCache()
    }

    private init(sharing other: JSONDocument) {
        bytes = other.bytes
        tape = other.tape
        childStartCache = other.childStartCache
    }

    /// Another handle on this document: the same bytes, tape and memo, in an object of its own.
    /// Every copy of a `JSONValue` retains its document; the registrations of one collection,
    /// linted on several cores, each on a handle of their own keep those retains off one shared
    /// reference count (the cores took turns at its cache line: a fifth more time on two).
    func handle() -> JSONDocument { JSONDocument(sharing: self) }

    /// Tape indices of the children of the container at `container`: elements of an array, keys
    /// of an object. Computed once per container and kept, so that locating findings among the
    /// 40,000 credentials of one app costs a binary search each, not a walk over their siblings.
    func childStarts(of container: Int) -> [UInt32] {
        childStartCache.starts(of: container) {
            var starts: [UInt32] = []
            let end = Int(tape[container].next)
            let isObject = tape[container].kind == .object
            var k = container + 1
            while k < end {
                starts.append(UInt32(k))
                k = isObject ? Int(tape[k + 1].next) : Int(tape[k].next)
            }
            return starts
        }
    }

    /// The root value.
    public var root: JSONValue { JSONValue(document: self, index: 0) }
}

/// What kind of JSON value a tape entry holds.
public enum JSONKind: UInt8, Sendable {
    case object, array, string, number, `true`, `false`, null
}

/// One value on the tape: kind, byte range, and the index just past its subtree. 12 bytes (a
/// 510 MB collection has 40 million values): the kind and the escape flag share a word with
/// `next`, which leaves a tape 2^28 values long (`maxCount`).
public struct JSONTapeEntry: Sendable {
    public var start: UInt32
    public var end: UInt32
    /// `next` in the low 28 bits, the kind in the next 3, `hasEscapes` in the top one.
    private var packed: UInt32

    /// The most values a tape holds (a file of 512 MiB has at most about half as many).
    public static let maxCount = 1 << 28 - 1

    public init(kind: JSONKind, hasEscapes: Bool, start: UInt32, end: UInt32, next: UInt32) {
        self.start = start
        self.end = end
        packed = next & 0x0FFF_FFFF | UInt32(kind.rawValue) << 28 | (hasEscapes ? 0x8000_0000 : 0)
    }

    public var kind: JSONKind { JSONKind(rawValue: UInt8(truncatingIfNeeded: packed >> 28) & 7) ?? .null }
    /// Set for strings that contain backslash escapes (they must be decoded, not sliced).
    public var hasEscapes: Bool { packed & 0x8000_0000 != 0 }
    /// Index of the next sibling: skipping a whole subtree is one jump.
    public var next: UInt32 {
        get { packed & 0x0FFF_FFFF }
        set { packed = packed & 0xF000_0000 | newValue & 0x0FFF_FFFF }
    }
}

/// The memo behind `JSONDocument.childStarts`, shared by the workers that locate findings.
private final class ChildStartCache: @unchecked Sendable {
    private let lock = NSLock()
    private var starts: [Int: [UInt32]] = [:]

    func starts(of container: Int, compute: () -> [UInt32]) -> [UInt32] {
        lock.lock()
        defer { lock.unlock() }
        if let known = starts[container] { return known }
        let computed = compute()
        starts[container] = computed
        return computed
    }
}
