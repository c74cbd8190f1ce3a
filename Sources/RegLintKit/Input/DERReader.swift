/// A strict, bounded reader of DER (ITU-T X.690, the encoding of X.509 certificates): it exists so
/// reglint can read the certificate in a key credential's `key` without a cryptography dependency,
/// and refuses rather than guesses on anything a hostile export could use to make it misbehave.
///
/// Strict: definite lengths only, each in its shortest form; low tag numbers only (X.509 needs no
/// others); an element never claims more bytes than its parent holds. Bounded: no recursion, and a
/// reader over an element's contents is one level deeper, refused past `maxDepth`.
public struct DERReader: Sendable {
    /// One element: its tag and where its contents are in the reader's bytes.
    public struct Element: Sendable {
        public let tag: UInt8
        /// Offset of the tag byte.
        public let offset: Int
        /// The contents (the value octets), without tag and length.
        public let contents: Range<Int>
        /// Tag, length and contents: the element as it is encoded.
        public var encoded: Range<Int> { offset..<contents.upperBound }
        public var isConstructed: Bool { tag & 0x20 != 0 }
    }

    /// Universal and context-specific tags reglint reads.
    public enum Tag {
        public static let integer: UInt8 = 0x02
        public static let bitString: UInt8 = 0x03
        public static let octetString: UInt8 = 0x04
        public static let null: UInt8 = 0x05
        public static let objectIdentifier: UInt8 = 0x06
        public static let utf8String: UInt8 = 0x0C
        public static let printableString: UInt8 = 0x13
        public static let teletexString: UInt8 = 0x14
        public static let ia5String: UInt8 = 0x16
        public static let utcTime: UInt8 = 0x17
        public static let generalizedTime: UInt8 = 0x18
        public static let universalString: UInt8 = 0x1C
        public static let bmpString: UInt8 = 0x1E
        public static let sequence: UInt8 = 0x30
        public static let set: UInt8 = 0x31
        /// `[n]` constructed (EXPLICIT tagging, as X.509's `[0] version` and `[3] extensions`).
        public static func contextConstructed(_ number: UInt8) -> UInt8 { 0xA0 | (number & 0x1F) }
    }

    /// Deeper than any X.509 structure reglint reads; a guard against crafted nesting.
    public static let maxDepth = 16

    public let bytes: [UInt8]
    public private(set) var position: Int
    public let end: Int
    public let depth: Int

    /// A reader over all of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.position = 0
        self.end = bytes.count
        self.depth = 0
    }

    private init(bytes: [UInt8], range: Range<Int>, depth: Int) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
        self.depth = depth
    }

    public var isAtEnd: Bool { position >= end }

    /// The next element's tag, without reading it.
    public var nextTag: UInt8? { position < end ? bytes[position] : nil }

    /// Reads the next element.
    public mutating func read() throws(DERError) -> Element {
        let start = position
        guard start < end else { throw DERError(offset: start, problem: .truncated(expected: "an element")) }
        let tag = bytes[start]
        // Tag number 31 means "the number follows in more bytes": no X.509 field uses one.
        guard tag & 0x1F != 0x1F else { throw DERError(offset: start, problem: .highTagNumber) }
        var cursor = start + 1
        guard cursor < end else { throw DERError(offset: cursor, problem: .truncated(expected: "a length")) }
        let first = bytes[cursor]
        cursor += 1
        var length: Int
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            // 0x80 is BER's indefinite length; DER has none.
            guard count != 0 else { throw DERError(offset: cursor - 1, problem: .indefiniteLength) }
            // Four length bytes describe 4 GiB, far past any certificate; more is a crafted claim.
            guard count <= 4 else { throw DERError(offset: cursor - 1, problem: .lengthTooLong(bytes: count)) }
            guard end - cursor >= count else { throw DERError(offset: cursor, problem: .truncated(expected: "\(count) length bytes")) }
            length = 0
            for index in 0..<count { length = length << 8 | Int(bytes[cursor + index]) }
            // DER: the long form only for 128 and more, with no leading zero byte.
            guard length >= 0x80, bytes[cursor] != 0 else { throw DERError(offset: cursor - 1, problem: .nonMinimalLength) }
            cursor += count
        }
        guard length <= end - cursor else {
            throw DERError(offset: start, problem: .lengthExceedsInput(claimed: length, remaining: end - cursor))
        }
        position = cursor + length
        return Element(tag: tag, offset: start, contents: cursor..<(cursor + length))
    }

    /// Reads the next element, which must have `tag`; `what` names it in the error.
    public mutating func read(_ tag: UInt8, _ what: String) throws(DERError) -> Element {
        guard let next = nextTag else { throw DERError(offset: position, problem: .truncated(expected: what)) }
        guard next == tag else { throw DERError(offset: position, problem: .unexpectedTag(expected: what, found: next)) }
        return try read()
    }

    /// Reads the next element when it has `tag`; nil (and nothing read) otherwise.
    public mutating func readIfPresent(_ tag: UInt8) throws(DERError) -> Element? {
        guard nextTag == tag else { return nil }
        return try read()
    }

    /// A reader over a constructed element's contents, one level deeper.
    public func reader(into element: Element) throws(DERError) -> DERReader {
        guard element.isConstructed else { throw DERError(offset: element.offset, problem: .unexpectedTag(expected: "a constructed element", found: element.tag)) }
        guard depth < Self.maxDepth else { throw DERError(offset: element.offset, problem: .tooDeep(limit: Self.maxDepth)) }
        return DERReader(bytes: bytes, range: element.contents, depth: depth + 1)
    }

    /// Refuses bytes left after the last element this reader was meant to hold.
    public func expectEnd(_ what: String) throws(DERError) {
        guard isAtEnd else { throw DERError(offset: position, problem: .trailingData(after: what)) }
    }

    /// An OBJECT IDENTIFIER's contents in dotted form (`1.2.840.113549.1.1.11`).
    public func objectIdentifier(_ element: Element) throws(DERError) -> String {
        let contents = bytes[element.contents]
        guard !contents.isEmpty, contents.count <= 64 else { throw DERError(offset: element.offset, problem: .invalidValue("an object identifier of \(contents.count) bytes")) }
        var arcs: [UInt64] = []
        var value: UInt64 = 0
        var started = false
        for byte in contents {
            // A leading 0x80 pads an arc, which DER forbids; 9 groups of 7 bits overflow 63 bits.
            if !started && byte == 0x80 { throw DERError(offset: element.offset, problem: .invalidValue("an object identifier arc with a leading zero")) }
            guard value <= (UInt64.max >> 7) else { throw DERError(offset: element.offset, problem: .invalidValue("an object identifier arc too large")) }
            value = value << 7 | UInt64(byte & 0x7F)
            started = true
            if byte & 0x80 == 0 {
                arcs.append(value)
                value = 0
                started = false
            }
        }
        guard !started, let first = arcs.first else { throw DERError(offset: element.offset, problem: .invalidValue("an object identifier cut off in an arc")) }
        let head: [UInt64] = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80]
        return (head + arcs.dropFirst()).map(String.init).joined(separator: ".")
    }

    /// The number of bits of a non-negative INTEGER (an RSA modulus): its magnitude, without the
    /// sign byte DER adds when the top bit is set.
    public func unsignedBitLength(_ element: Element) throws(DERError) -> Int {
        let contents = bytes[element.contents]
        guard let first = contents.first else { throw DERError(offset: element.offset, problem: .invalidValue("an empty integer")) }
        guard first & 0x80 == 0 else { throw DERError(offset: element.offset, problem: .invalidValue("a negative integer")) }
        guard let top = contents.firstIndex(where: { $0 != 0 }) else { return 0 }
        // DER integers are minimal: at most one leading zero, and only before a byte with its top bit set.
        if top > contents.startIndex && (top - contents.startIndex > 1 || contents[top] & 0x80 == 0) {
            throw DERError(offset: element.offset, problem: .invalidValue("an integer with superfluous leading zeros"))
        }
        let remaining = contents.endIndex - top
        return (remaining - 1) * 8 + (8 - contents[top].leadingZeroBitCount)
    }

    /// A BIT STRING's bytes, which must have no unused bits (a key or a signature).
    public func bitStringBytes(_ element: Element) throws(DERError) -> ArraySlice<UInt8> {
        let contents = bytes[element.contents]
        guard let unused = contents.first else { throw DERError(offset: element.offset, problem: .invalidValue("an empty bit string")) }
        guard unused == 0 else { throw DERError(offset: element.offset, problem: .invalidValue("a key bit string with \(unused) unused bits")) }
        return contents.dropFirst()
    }
}
