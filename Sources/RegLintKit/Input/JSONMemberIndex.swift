/// The members of one JSON object by lower-cased key, hashed once: a registration's object has
/// about forty members, and the rules and facts look up a few hundred paths on it, each of which
/// otherwise scans every member (the last duplicate wins, so a scan cannot stop early).
///
/// Open addressing over a word per key (its length and first seven bytes, as `ModelMembers`
/// uses); a key longer than seven bytes is compared in full where the words agree. A class: a
/// lookup through it retains one reference, not its object's document and both arrays.
public final class JSONMemberIndex: Sendable {
    private let object: JSONValue
    /// Tape index of each slot's key, or -1 for an empty slot; a power of two long.
    private let keys: [Int32]
    private let words: [UInt64]

    /// Objects with fewer members are scanned: an index would not pay for itself.
    public static let smallestIndexed = 16

    /// An index of `object`'s members, or nil when it is not an object or has fewer than
    /// `smallestIndexed` members (or has more than the tape can number in a slot).
    public init?(_ object: JSONValue) {
        guard object.kind == .object else { return nil }
        let document = object.document
        let found: (keys: [Int32], words: [UInt64])? = document.tape.withUnsafeBufferPointer { tape in
            document.bytes.withUnsafeBufferPointer { text in
                var members: [Int] = []
                var k = object.index + 1
                let end = Int(tape[object.index].next)
                while k < end {
                    members.append(k)
                    k = Int(tape[k + 1].next)
                }
                guard members.count >= JSONMemberIndex.smallestIndexed, end <= Int(Int32.max) else { return nil }
                var size = 32
                while size < members.count * 2 { size <<= 1 }
                var keys = [Int32](repeating: -1, count: size)
                var words = [UInt64](repeating: 0, count: size)
                for key in members {
                    // The word from the file's bytes (no key copied), unless the key has escapes.
                    let e = tape[key]
                    var lowered: [UInt8]? = e.hasEscapes ? JSONMemberIndex.loweredKey(at: key, tape: tape, text: text, document: document) : nil
                    let word = lowered.map { $0.withUnsafeBufferPointer(JSONMemberIndex.word) }
                        ?? JSONMemberIndex.loweredWord(UnsafeBufferPointer(rebasing: text[(Int(e.start) + 1)..<(Int(e.end) - 1)]))
                    let length = lowered?.count ?? (Int(e.end) - Int(e.start) - 2)
                    var slot = JSONMemberIndex.slot(word, size)
                    // A later duplicate replaces the earlier one: the last one wins, as in `member`.
                    while keys[slot] >= 0 {
                        if words[slot] == word {
                            // The same word is the same key up to seven bytes; past them, compared.
                            if length <= 7 { break }
                            let full = lowered ?? JSONMemberIndex.loweredKey(at: key, tape: tape, text: text, document: document)
                            lowered = full
                            if full.withUnsafeBufferPointer({ JSONValue.key(at: Int(keys[slot]), tape: tape, text: text, document: document, equals: $0) }) { break }
                        }
                        slot = (slot + 1) & (size - 1)
                    }
                    keys[slot] = Int32(key)
                    words[slot] = word
                }
                return (keys, words)
            }
        }
        guard let found else { return nil }
        self.object = object
        keys = found.keys
        words = found.words
    }

    /// The value of the member whose key equals `key` (lower-cased bytes) ignoring ASCII case;
    /// the same answer as `object.member(key)?.value`.
    public func value(_ key: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        let word = JSONMemberIndex.word(key)
        let size = keys.count
        var slot = JSONMemberIndex.slot(word, size)
        let document = object.document
        while true {
            let at = keys[slot]
            guard at >= 0 else { return nil }
            if words[slot] == word {
                if key.count <= 7 { return JSONValue(document: document, index: Int(at) + 1) }
                let equal = document.tape.withUnsafeBufferPointer { tape in
                    document.bytes.withUnsafeBufferPointer { text in JSONValue.key(at: Int(at), tape: tape, text: text, document: document, equals: key) }
                }
                if equal { return JSONValue(document: document, index: Int(at) + 1) }
            }
            slot = (slot + 1) & (size - 1)
        }
    }

    /// A key as `member` compares it: ASCII letters lower-cased, escaped keys decoded and
    /// lower-cased as strings.
    private static func loweredKey(at k: Int, tape: UnsafeBufferPointer<JSONTapeEntry>, text: UnsafeBufferPointer<UInt8>, document: JSONDocument) -> [UInt8] {
        let e = tape[k]
        if e.hasEscapes { return Array((JSONValue(document: document, index: k).string ?? "").lowercased().utf8) }
        let start = Int(e.start) + 1
        return (start..<(Int(e.end) - 1)).map { i in
            let c = text[i]
            return c >= 65 && c <= 90 ? c + 32 : c
        }
    }

    /// `word` of `bytes` with ASCII letters lower-cased (an unescaped key as the file has it).
    static func loweredWord(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var word = UInt64(truncatingIfNeeded: Swift.min(bytes.count, 255)) << 56
        for at in 0..<Swift.min(bytes.count, 7) {
            let c = bytes[at]
            word |= UInt64(c >= 65 && c <= 90 ? c + 32 : c) << (UInt64(at) * 8)
        }
        return word
    }

    /// A key's length in the top byte and its first seven bytes below.
    static func word(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var word = UInt64(truncatingIfNeeded: Swift.min(bytes.count, 255)) << 56
        for at in 0..<Swift.min(bytes.count, 7) { word |= UInt64(bytes[at]) << (UInt64(at) * 8) }
        return word
    }

    private static func slot(_ word: UInt64, _ size: Int) -> Int {
        Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) >> 32) & (size - 1)
    }
}
