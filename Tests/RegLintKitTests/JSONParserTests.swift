import Testing
@testable import RegLintKit

@Suite("JSON parser")
struct JSONParserTests {
    func parse(_ text: String) throws -> JSONDocument { try JSONParser().parse(Array(text.utf8)) }

    func position(_ text: String, of needle: String) -> SourcePosition? {
        let bytes = Array(text.utf8)
        let n = Array(needle.utf8)
        guard let offset = (0...(bytes.count - n.count)).first(where: { Array(bytes[$0..<($0 + n.count)]) == n }) else { return nil }
        return LineTable(bytes: bytes).position(of: offset)
    }

    @Test("every value knows its byte range, line and column")
    func positions() throws {
        let text = "{\n  \"a\": [1, true,\n    \"x\"],\n\t\"b\": null\n}"
        let doc = try parse(text)
        let table = LineTable(bytes: doc.bytes)
        let a = try #require(doc.root.member(Array("a".utf8))?.value)
        #expect(a.kind == .array)
        #expect(table.position(of: a.span.start) == SourcePosition(line: 2, column: 8, offset: 9))
        let x = a.elements[2]
        #expect(x.string == "x")
        #expect(table.position(of: x.span.start).line == 3)
        #expect(table.position(of: x.span.start).column == 5)
        #expect(table.position(of: x.span.end).column == 8)
        let b = try #require(doc.root.member(Array("b".utf8))?.value)
        #expect(b.kind == .null)
        #expect(table.position(of: b.span.start) == SourcePosition(line: 4, column: 7, offset: 35))
    }

    @Test("positions are found within their block of lines: the same line and column as counting from the start, across blocks, long lines and the end")
    func positionsAcrossBlocks() throws {
        // Lines of 0 to 300 bytes (some longer than a block's 64 KiB), a few with multi-byte characters.
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        while bytes.count < 600_000 {
            let length = Int.random(in: 0...10, using: &generator) == 0 ? Int.random(in: 60_000...140_000, using: &generator) : Int.random(in: 0...300, using: &generator)
            for k in 0..<length { bytes += k % 97 == 5 ? Array("é".utf8) : [UInt8(ascii: "a")] }
            bytes.append(0x0A)
        }
        let table = LineTable(bytes: bytes)
        var line = 1, column = 1, offset = 0
        var samples: [Int: (Int, Int)] = [:]
        for byte in bytes {
            if offset % 1_013 == 0 || offset % 65_536 < 2 { samples[offset] = (line, column) }
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            offset += 1
        }
        samples[bytes.count] = (line, column)
        for (offset, expected) in samples {
            let found = table.position(of: offset)
            #expect(found.line == expected.0 && found.column == expected.1, "offset \(offset)")
        }
    }

    @Test("keys match case-insensitively, as bytes")
    func caseInsensitiveKeys() throws {
        let doc = try parse(#"{"DisplayName": "A", "appid": "B"}"#)
        #expect(doc.root.member(Array("displayname".utf8))?.value.string == "A")
        #expect(doc.root.member(Array("appid".utf8))?.value.string == "B")
    }

    @Test("columns count UTF-16 code units: an emoji is two, a tab one")
    func utf16Columns() throws {
        let text = "{\"n\": \"😀é\", \"u\": \"http://x\"}"
        let p = try #require(position(text, of: "\"http"))
        #expect(p.column == 19)
        _ = try parse(text)
    }

    @Test("a UTF-8 BOM, CRLF, comments and trailing commas are accepted; https:// in strings survives")
    func lenientInput() throws {
        let text = "\u{FEFF}{ // comment\r\n  \"u\": \"https://a.b//c\", /* block\r\n */ \"v\": [1, 2,],\r\n}"
        let doc = try parse(text)
        #expect(doc.root.member(Array("u".utf8))?.value.string == "https://a.b//c")
        #expect(doc.root.member(Array("v".utf8))?.value.elements.count == 2)
        let u = try #require(doc.root.member(Array("u".utf8))?.value)
        #expect(LineTable(bytes: doc.bytes).position(of: u.span.start) == SourcePosition(line: 2, column: 8, offset: u.span.start))
        let bom = LineTable(bytes: doc.bytes).position(of: 3)
        #expect(bom.line == 1 && bom.column == 1)
    }

    @Test("escapes decode, including surrogate pairs")
    func escapes() throws {
        let doc = try parse(#"["a\"b\\c\/d\n", "\u00e9\ud83d\ude00"]"#)
        #expect(doc.root.elements[0].string == "a\"b\\c/d\n")
        #expect(doc.root.elements[1].string == "é😀")
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let text: String
        let line: Int
        let column: Int
        let message: String
        var testDescription: String { message }
    }

    @Test("errors name line, column and what was expected", arguments: [
        Bad(text: "{\"a\": 1\n \"b\": 2}", line: 2, column: 2, message: "expected ',' or '}'"),
        Bad(text: "{\"a\": [1, 2", line: 1, column: 12, message: "unexpected end of input"),
        Bad(text: "{\"a\" 1}", line: 1, column: 6, message: "expected ':'"),
        Bad(text: "[tru]", line: 1, column: 2, message: "expected a value"),
        Bad(text: "{\"a\": \"x\u{01}\"}", line: 1, column: 9, message: "control character"),
        Bad(text: "{\"a\": \"x\\q\"}", line: 1, column: 9, message: "invalid escape"),
        Bad(text: "[1] [2]", line: 1, column: 5, message: "after the end of the document"),
        Bad(text: "[01]", line: 1, column: 3, message: "expected ',' or ']'"),
        Bad(text: "/* open", line: 1, column: 1, message: "unterminated /* comment"),
        Bad(text: "", line: 1, column: 1, message: "expected a value"),
        Bad(text: "{\"a\": \"unterminated", line: 1, column: 7, message: "unterminated string"),
    ])
    func errors(_ bad: Bad) {
        let bytes = Array(bad.text.utf8)
        #expect {
            _ = try JSONParser().parse(bytes)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            let p = LineTable(bytes: bytes).position(of: error.offset)
            return p.line == bad.line && p.column == bad.column && error.message.contains(bad.message)
        }
    }

    @Test("nesting deeper than the limit is an error, not a stack overflow")
    func depthLimit() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { _ = try JSONParser(maxDepth: 512).parse(Array(deep.utf8)) }
        let ok = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { _ = try JSONParser(maxDepth: 512).parse(Array(ok.utf8)) }
    }

    @Test("the tape's skip links jump over whole subtrees")
    func skipLinks() throws {
        let doc = try parse(#"{"a": {"b": [1, {"c": 2}]}, "d": 3}"#)
        #expect(doc.root.members.map { $0.key.string } == ["a", "d"])
        #expect(JSONPointer.pointer(to: try #require(doc.root.member(Array("d".utf8))?.value.index), in: doc) == "/d")
        let c = try #require(doc.root.member(Array("a".utf8))?.value.member(Array("b".utf8))?.value.elements[1].member(Array("c".utf8))?.value)
        #expect(JSONPointer.pointer(to: c.index, in: doc) == "/a/b/1/c")
    }

    @Test("a document's second handle and a string's own copy read as the originals, from storage of their own")
    func ownCopies() throws {
        let doc = try parse(#"{"value": [{"appId": "a"}, {"appId": "b", "x": [1, {"c": 2}]}]}"#)
        let handle = doc.handle()
        #expect(handle !== doc)
        #expect(handle.bytes == doc.bytes && handle.tape.count == doc.tape.count)
        let second = JSONValue(document: handle, index: try #require(doc.root.member("value")?.value.elements[1].index))
        #expect(second.member("appid")?.value.string == "b")
        let c = try #require(second.member("x")?.value.elements[1].member("c")?.value)
        #expect(c.document === handle && JSONPointer.pointer(to: c.index, in: handle) == "/value/1/x/1/c")
        for text in ["", "short", "collection/applications.json", "déjà vu, a path of more than fifteen bytes"] {
            let copy = String(ownCopyOf: text)
            #expect(copy == text && copy.utf8.elementsEqual(text.utf8))
            if text.utf8.count > 15 {
                let storage = { (s: String) in s.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil }
                #expect(storage(copy) != storage(text))
            }
        }
    }

    @Test("pointers escape ~ and / in keys, decode escaped keys, and count through large containers")
    func pointerTokens() throws {
        let doc = try parse(#"{"a/b": {"m~n": {"\u00e9\/x": [0, 1, {"k": true}]}}}"#)
        let inner = try #require(doc.root.member(Array("a/b".utf8))?.value.member(Array("m~n".utf8))?.value.member(Array("é/x".utf8))?.value)
        let k = try #require(inner.elements[2].member(Array("k".utf8))?.value)
        #expect(JSONPointer.pointer(to: k.index, in: doc) == "/a~1b/m~0n/é~1x/2/k")
        // Over `largeContainer` members and elements: the binary search over child starts.
        let members = (0..<5_000).map { #""key\#($0)": [\#($0)]"# }.joined(separator: ", ")
        let big = try parse("{" + members + #", "last~/": [1, 2, 3]}"#)
        let last = try #require(big.root.member(Array("last~/".utf8))?.value.elements[2])
        #expect(JSONPointer.pointer(to: last.index, in: big) == "/last~0~1/2")
        let list = try parse("[" + (0..<5_000).map(String.init).joined(separator: ",") + "]")
        #expect(JSONPointer.pointer(to: list.root.elements[4_321].index, in: list) == "/4321")
        let within = JSONPointer.pointer(to: k.index, in: doc, base: (inner.index, "/base"))
        #expect(within == "/base/2/k")
        // A `~` or `/` before a combining mark is escaped too (one character to Foundation's
        // `replacingOccurrences`, which left it as it was): in keys of any format, and in the file.
        #expect(JSONPointer.escape("a~\u{301}b/\u{301}c") == "a~0\u{301}b~1\u{301}c")
        let marked = try parse(#"{"a/\#u{301}": 1}"#)
        #expect(JSONPointer.pointer(to: try #require(marked.root.member(Array("a/\u{301}".utf8))?.value.index), in: marked) == "/a~1\u{301}")
    }

    @Test("the word test a string's bytes are skipped by says exactly whether a quote, backslash or control is among eight bytes")
    func wordTest() {
        func reference(_ word: UInt64) -> Bool {
            (0..<8).contains { k in
                let byte = UInt8(truncatingIfNeeded: word >> (8 * UInt64(k)))
                return byte == 0x22 || byte == 0x5C || byte < 0x20
            }
        }
        // Each special byte at each place among ordinary, high and borderline bytes, then
        // pseudo-random words (a fixed linear congruential sequence).
        for special: UInt8 in [0x22, 0x5C, 0x00, 0x1F, 0x0A] {
            for filler: UInt8 in [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xFF, 0x41] {
                for place in 0..<8 {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[place] = special
                    let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
                    #expect(ByteWord.hasQuoteBackslashOrControl(word), "\(special) at \(place) among \(filler)")
                    let plain = UInt64(filler) &* 0x0101_0101_0101_0101
                    #expect(ByteWord.hasQuoteBackslashOrControl(plain) == reference(plain))
                }
            }
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<200_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Bytes pulled toward the interesting range so that matches and misses both occur.
            let word = state & 0x7F7F_7F7F_7F7F_7F7F | (state >> 7) & 0x4040_4040_4040_4040
            #expect(ByteWord.hasQuoteBackslashOrControl(word) == reference(word))
            #expect(ByteWord.hasQuoteBackslashOrControl(state) == reference(state))
        }
    }

    @Test("a document large enough for huge-page advice parses as a small one does, its bytes and tape intact")
    func hugePageAdvice() throws {
        // Over two huge pages of text and of tape: both buffers are advised.
        let item = #"{"keyId": "00000000-0000-0000-0000-000000000001", "n": 12345, "ok": true},"#
        let count = 5 * HugePages.size / item.utf8.count
        let text = "[" + String(repeating: item + "\n", count: count) + "null]"
        let document = try JSONParser().parse(Array(text.utf8))
        #expect(document.bytes.count == text.utf8.count)
        #expect(document.root.elements.count == count + 1)
        let last = try #require(document.root.elements[count - 1].member(Array("keyid".utf8))?.value)
        #expect(last.string == "00000000-0000-0000-0000-000000000001")
        #expect(LineTable(bytes: document.bytes).position(of: last.span.start).line == count)
        var buffer = [UInt8](repeating: 0x5A, count: 3 * HugePages.size)
        buffer.withUnsafeMutableBytes { HugePages.advise($0) }
        #expect(buffer.allSatisfy { $0 == 0x5A })
    }

    @Test("the newline search a line table is built with finds every newline a byte loop finds, at every alignment")
    func newlineSearch() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for length in 0..<70 {
            for round in 0..<40 {
                // Newlines dense and sparse, beside bytes one bit away from one (0x0B, 0x8A, 0x09).
                let bytes: [UInt8] = (0..<length).map { _ in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let pick = Int(state >> 33) % (round % 4 + 2)
                    return pick == 0 ? 0x0A : [0x0B, 0x8A, 0x09, 0x41, 0xFF, 0x00][Int(state >> 40) % 6]
                }
                var found: [Int] = []
                bytes.withUnsafeBufferPointer { buffer in buffer.forEachIndex(of: 0x0A) { found.append($0) } }
                #expect(found == bytes.indices.filter { bytes[$0] == 0x0A }, "length \(length), round \(round)")
            }
        }
        for byte: UInt8 in [0x00, 0x0A, 0x7F, 0x80, 0xFF] {
            for other: UInt8 in [0x00, 0x0A, 0x0B, 0x7F, 0x80, 0xFE, 0xFF] where other != byte {
                for place in 0..<8 {
                    var bytes = [UInt8](repeating: other, count: 8)
                    bytes[place] = byte
                    let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
                    #expect(ByteWord.matches(word, byte) == UInt64(0x80) << (8 * UInt64(place)), "\(byte) at \(place) among \(other)")
                }
            }
        }
    }

    @Test("the substring search finds a needle where a byte loop over every starting place does")
    func substringSearch() {
        var state: UInt64 = 0x853C_49E6_748F_EA9B
        func random(_ length: Int) -> [UInt8] {
            (0..<length).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return [0x61, 0x62, 0x00, 0xFF][Int(state >> 40) % 4]
            }
        }
        for length in 0..<24 {
            for needleLength in 0..<6 {
                for _ in 0..<20 {
                    let haystack = random(length), needle = random(needleLength)
                    let expected = !needle.isEmpty && needle.count <= haystack.count
                        && (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
                    let found = haystack.withUnsafeBufferPointer { text in needle.withUnsafeBufferPointer { text.contains($0) } }
                    #expect(found == expected, "\(needle) in \(haystack)")
                }
            }
        }
    }

    @Test("strings of every length up to past two words end, escape and fail where byte by byte they did")
    func stringsAcrossWords() throws {
        for length in 0..<20 {
            let body = String(repeating: "a", count: length)
            for insert in ["", "\\\"", "\\n", "é", "\\u00e9"] {
                let text = "[\"" + body + insert + body + "\"]"
                let document = try parse(text)
                #expect(document.root.elements.first?.string == body + (insert == "\\\"" ? "\"" : insert == "\\n" ? "\n" : insert == "\\u00e9" ? "é" : insert) + body)
            }
            // A raw line break or control inside, and an unterminated string, at every offset.
            #expect(throws: JSONParseError.self) { try parse("[\"" + body + "\n" + body + "\"]") }
            #expect(throws: JSONParseError.self) { try parse("[\"" + body + "\u{01}\"]") }
            #expect(throws: JSONParseError.self) { try parse("[\"" + body) }
        }
    }
}

@Suite("Line table")
struct LineTableTests {
    @Test("columns from checkpoints equal columns counted from the line start, on long lines with multibyte text")
    func checkpoints() {
        var text = "{\"a\": ["
        for i in 0..<3000 { text += "\"é😀\(i)\", " }
        text += "1]}\n\tnext line é"
        let bytes = Array(text.utf8)
        let table = LineTable(bytes: bytes)
        #expect(!table.checkpoints.isEmpty)
        var expectedColumn = 1
        var line = 1
        for offset in 0...bytes.count {
            if offset % 7 == 0 || offset == bytes.count {
                let p = table.position(of: offset)
                #expect(p.line == line && p.column == expectedColumn, "offset \(offset)")
            }
            guard offset < bytes.count else { break }
            let c = bytes[offset]
            if c == 0x0A { line += 1; expectedColumn = 1 } else if c & 0xC0 != 0x80 { expectedColumn += c >= 0xF0 ? 2 : 1 }
        }
    }

    @Test("columns on long ASCII runs (counted eight bytes at a time) with multibyte text between, the last line without a newline",
          arguments: [0, 1, 7, 8, 9, 4095, 4096, 4097, 10_000])
    func longASCIIRuns(tail: Int) {
        var text = "x\n"
        for i in 0..<40 { text += String(repeating: "a", count: 97 * i % 700) + (i % 3 == 0 ? "é" : i % 3 == 1 ? "😀" : "") }
        text += String(repeating: "b", count: tail)
        let bytes = Array(text.utf8)
        let table = LineTable(bytes: bytes)
        var expectedColumn = 1
        var line = 1
        for offset in 0...bytes.count {
            let p = table.position(of: offset)
            #expect(p.line == line && p.column == expectedColumn, "offset \(offset)")
            guard offset < bytes.count else { break }
            let c = bytes[offset]
            if c == 0x0A { line += 1; expectedColumn = 1 } else if c & 0xC0 != 0x80 { expectedColumn += c >= 0xF0 ? 2 : 1 }
        }
    }

    @Test("a UTF-8 BOM is not a column")
    func bom() {
        let table = LineTable(bytes: [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8))
        #expect(table.position(of: 3).column == 1)
        #expect(table.position(of: 4).column == 2)
    }
}
