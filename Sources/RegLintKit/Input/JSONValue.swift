/// A cheap view of one value on a `JSONDocument` tape; decodes only what is asked for.
public struct JSONValue: Sendable {
    public let document: JSONDocument
    public let index: Int

    public var entry: JSONTapeEntry { document.tape[index] }
    public var kind: JSONKind { entry.kind }
    /// Byte range of the value token (a string's quotes included).
    public var span: SourceSpan { SourceSpan(start: Int(entry.start), end: Int(entry.end)) }

    /// Members of an object as (key, value) pairs, in file order.
    public var members: [(key: JSONValue, value: JSONValue)] {
        guard kind == .object else { return [] }
        var result: [(JSONValue, JSONValue)] = []
        let tape = document.tape
        var k = index + 1
        let end = Int(tape[index].next)
        while k < end {
            let v = k + 1
            result.append((JSONValue(document: document, index: k), JSONValue(document: document, index: v)))
            k = Int(tape[v].next)
        }
        return result
    }

    /// Elements of an array, in file order.
    public var elements: [JSONValue] {
        guard kind == .array else { return [] }
        // Counted first (a walk along the tape), so the list is made at its size, not grown.
        var result: [JSONValue] = []
        result.reserveCapacity(elementCount)
        forEachElement { result.append($0) }
        return result
    }

    /// The number of elements of an array (0 for any other value), counted along the tape.
    var elementCount: Int {
        var count = 0
        forEachElement { _ in count += 1 }
        return count
    }

    /// Calls `body` with each element of an array, in file order, without a list of them.
    func forEachElement(_ body: (JSONValue) -> Void) {
        guard kind == .array else { return }
        let document = self.document
        var k = index + 1
        let end = Int(document.tape[index].next)
        while k < end {
            body(JSONValue(document: document, index: k))
            k = Int(document.tape[k].next)
        }
    }

    /// The value of the member whose key equals `lowercasedKey` ignoring ASCII case, compared as
    /// bytes. With duplicate keys the last one wins, as in Entra and most JSON readers.
    public func member(_ lowercasedKey: [UInt8]) -> (key: JSONValue, value: JSONValue)? {
        lowercasedKey.withUnsafeBufferPointer { member($0) }
    }

    /// The same for a name written in the code (`member("appid")`): its bytes are read where
    /// they are, with no array made for each lookup.
    public func member(_ lowercasedKey: StaticString) -> (key: JSONValue, value: JSONValue)? {
        lowercasedKey.withUTF8Buffer { member($0) }
    }

    /// The same lookup on borrowed key bytes. The tape and the text are read through one pair of
    /// buffer pointers for the whole scan: this runs for every path segment of every rule.
    public func member(_ key: UnsafeBufferPointer<UInt8>) -> (key: JSONValue, value: JSONValue)? {
        lastKey(equalTo: key).map { (JSONValue(document: document, index: $0), JSONValue(document: document, index: $0 + 1)) }
    }

    /// The value alone of the same lookup (the rules' path walks): no key view made and dropped.
    public func memberValue(_ key: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        lastKey(equalTo: key).map { JSONValue(document: document, index: $0 + 1) }
    }

    /// The tape index of the last key of this object that equals `key` ignoring ASCII case.
    private func lastKey(equalTo key: UnsafeBufferPointer<UInt8>) -> Int? {
        let document = self.document
        let index = self.index
        return document.tape.withUnsafeBufferPointer { tape in
            document.bytes.withUnsafeBufferPointer { text in
                JSONValue.lastKey(of: index, equalTo: key, tape: tape, text: text, document: document)
            }
        }
    }

    /// The same on a tape and text already borrowed: nil when the value at `index` is no object.
    private static func lastKey(of index: Int, equalTo key: UnsafeBufferPointer<UInt8>, tape: UnsafeBufferPointer<JSONTapeEntry>,
                                text: UnsafeBufferPointer<UInt8>, document: JSONDocument) -> Int? {
        guard tape[index].kind == .object else { return nil }
        var k = index + 1
        let end = Int(tape[index].next)
        var found: Int?
        while k < end {
            if JSONValue.key(at: k, tape: tape, text: text, document: document, equals: key) { found = k }
            k = Int(tape[k + 1].next)
        }
        return found
    }

    /// Follows member names `keys[from...]` from this value through objects, as member lookups
    /// one after another would: the value where it stopped (at the last name, or at an array
    /// before it) and the names taken, or nil when a name is missing or a scalar is met before
    /// the last. One borrow of the tape and text for the whole walk, one view made at its end.
    func follow(_ keys: [UnsafeBufferPointer<UInt8>], from first: Int) -> (value: JSONValue, taken: Int)? {
        let document = self.document
        let found: (Int, Int)? = document.tape.withUnsafeBufferPointer { tape in
            document.bytes.withUnsafeBufferPointer { text in
                var index = self.index
                var step = first
                while step < keys.count {
                    if tape[index].kind == .array { break }
                    guard let key = JSONValue.lastKey(of: index, equalTo: keys[step], tape: tape, text: text, document: document) else { return nil }
                    index = key + 1
                    step += 1
                }
                return (index, step - first)
            }
        }
        guard let (index, taken) = found else { return nil }
        return taken == 0 ? (self, 0) : (JSONValue(document: document, index: index), taken)
    }

    /// Calls `body` with, for each of `names`, the tape index of the value of the last member
    /// whose key equals it ignoring ASCII case, or -1: one pass over the members for all the
    /// names, where a `member` lookup each scans them all (the key is at the index before).
    func withLastMembers<Result>(_ names: MemberNames, _ body: (UnsafeBufferPointer<Int>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: names.keys.count) { found in
            for n in found.indices { found[n] = -1 }
            let document = self.document
            forEachKey { k, tape, text in
                let e = tape[k]
                let length = Int(e.end) - Int(e.start) - 2
                guard e.hasEscapes || names.mayHave(length: length) else { return }
                for (n, key) in names.keys.enumerated() where key.count == length || e.hasEscapes {
                    let equal = key.withUnsafeBufferPointer { JSONValue.key(at: k, tape: tape, text: text, document: document, equals: $0) }
                    if equal { found[n] = k + 1 }
                }
            }
            return body(UnsafeBufferPointer(found))
        }
    }

    /// Calls `body` with the value of each member whose key equals one of `lowercasedKeys`
    /// ignoring ASCII case, in file order, duplicates included; no key is decoded to a string.
    func forEachMember(named lowercasedKeys: [[UInt8]], _ body: (JSONValue) -> Void) {
        let document = self.document
        forEachKey { k, tape, text in
            for key in lowercasedKeys {
                let equal = key.withUnsafeBufferPointer { JSONValue.key(at: k, tape: tape, text: text, document: document, equals: $0) }
                if equal { body(JSONValue(document: document, index: k + 1)); break }
            }
        }
    }

    /// Calls `body` with the tape index of each member's key of an object, in file order, the
    /// tape and the text read through one pair of buffer pointers for the whole walk.
    private func forEachKey(_ body: (Int, UnsafeBufferPointer<JSONTapeEntry>, UnsafeBufferPointer<UInt8>) -> Void) {
        guard kind == .object else { return }
        let document = self.document
        let index = self.index
        document.tape.withUnsafeBufferPointer { tape in
            document.bytes.withUnsafeBufferPointer { text in
                var k = index + 1
                let end = Int(tape[index].next)
                while k < end {
                    body(k, tape, text)
                    k = Int(tape[k + 1].next)
                }
            }
        }
    }

    /// Whether the key at tape index `k` equals `key` (lower-cased bytes) ignoring ASCII case.
    static func key(at k: Int, tape: UnsafeBufferPointer<JSONTapeEntry>, text: UnsafeBufferPointer<UInt8>, document: JSONDocument, equals key: UnsafeBufferPointer<UInt8>) -> Bool {
        let e = tape[k]
        if e.hasEscapes {
            return Array(JSONValue(document: document, index: k).string?.lowercased().utf8 ?? "".utf8).elementsEqual(key)
        }
        let start = Int(e.start) + 1
        let length = Int(e.end) - 1 - start
        guard length == key.count else { return false }
        var j = 0
        while j < length {
            var c = text[start + j]
            if c >= 65 && c <= 90 { c += 32 }
            if c != key[j] { return false }
            j += 1
        }
        return true
    }

    /// The decoded string, for string values; invalid UTF-8 becomes U+FFFD.
    public var string: String? {
        let e = entry
        guard e.kind == .string else { return nil }
        let start = Int(e.start) + 1
        let end = Int(e.end) - 1
        if !e.hasEscapes {
            return document.bytes.withUnsafeBufferPointer { b in
                String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
            }
        }
        return JSONValue.unescape(document.bytes, start, end)
    }

    /// The raw bytes between the quotes (escapes undecoded); for fast date parsing.
    public func withRawStringBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        let e = entry
        guard e.kind == .string else { return nil }
        return document.bytes.withUnsafeBufferPointer { b in
            body(UnsafeBufferPointer(rebasing: b[(Int(e.start) + 1)..<(Int(e.end) - 1)]))
        }
    }

    public var number: Double? {
        let e = entry
        guard e.kind == .number else { return nil }
        return document.bytes.withUnsafeBufferPointer { b in
            Double(String(decoding: UnsafeBufferPointer(rebasing: b[Int(e.start)..<Int(e.end)]), as: UTF8.self))
        }
    }

    public var bool: Bool? {
        switch kind {
        case .true: true
        case .false: false
        default: nil
        }
    }

    static func unescape(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        func hex4(_ k: Int) -> UInt32 {
            var v: UInt32 = 0
            for j in 0..<4 {
                let c = bytes[k + j]
                let d: UInt32 = c <= 57 ? UInt32(c - 48) : (c <= 70 ? UInt32(c - 55) : UInt32(c - 87))
                v = v << 4 | d
            }
            return v
        }
        func append(_ scalar: UInt32) {
            let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(s)).utf8))
        }
        while i < end {
            let c = bytes[i]
            guard c == UInt8(ascii: "\\"), i + 1 < end else {
                out.append(c)
                i += 1
                continue
            }
            let e = bytes[i + 1]
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(i + 2)
                i += 6
                if (0xD800..<0xDC00).contains(scalar), i + 5 < end, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                    let low = hex4(i + 2)
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                append(scalar)
                continue
            default: out.append(e)
            }
            i += 2
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Member names looked up together in one pass over an object (`JSONValue.withLastMembers`):
/// their lower-cased UTF-8 bytes and a mask of their lengths, so most keys are passed over on
/// their length alone.
struct MemberNames: Sendable {
    let keys: [[UInt8]]
    /// Bit `n` set when a name is `n` bytes long (names of 64 bytes or more are found only where
    /// the file writes them with escapes).
    private let lengths: UInt64

    init(_ names: [String]) {
        keys = names.map { Array($0.lowercased().utf8) }
        lengths = keys.reduce(0) { mask, key in key.count < 64 ? mask | (1 << UInt64(key.count)) : mask }
    }

    func mayHave(length: Int) -> Bool {
        length >= 0 && length < 64 && lengths & (1 << UInt64(length)) != 0
    }
}
