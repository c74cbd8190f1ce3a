/// A byte-level JSON parser that fills a `JSONDocument` tape in one pass.
///
/// Accepts what real exported and hand-edited files contain: a UTF-8 byte order mark, CRLF, `//`
/// and `/* */` comments and trailing commas. Everything else follows RFC 8259. Containers nest at
/// most `maxDepth` deep; errors carry the byte offset and say what was expected.
public struct JSONParser: Sendable {
    public var maxDepth: Int

    public init(maxDepth: Int = 512) { self.maxDepth = maxDepth }

    public func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONDocument {
        // Offsets are 32-bit (a file over 4 GiB needs a raised --max-file-size to get here).
        guard bytes.count <= Int(UInt32.max) else { throw JSONParseError(offset: 0, message: "the file is over 4 GiB, more than reglint parses") }
        // Room for a value per 12 bytes, made empty, its pages advised huge before it is filled.
        var tape = [JSONTapeEntry](unsafeUninitializedCapacity: max(16, bytes.count / 12)) { buffer, initialized in
            HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
            initialized = 0
        }
        let result = bytes.withUnsafeBufferPointer { buffer -> JSONParseError? in
            var scanner = Scanner(p: buffer, maxDepth: maxDepth)
            do throws(JSONParseError) {
                try scanner.run(into: &tape)
                return nil
            } catch {
                return error
            }
        }
        if let result { throw result }
        guard tape.count <= JSONTapeEntry.maxCount else {
            throw JSONParseError(offset: Int(tape[JSONTapeEntry.maxCount].start), message: "more than \(JSONTapeEntry.maxCount) values in one file")
        }
        return JSONDocument(bytes: bytes, tape: tape)
    }
}

/// Why a JSON file could not be parsed, and where (a byte offset; lines and columns come later).
public struct JSONParseError: Error, Sendable, Equatable {
    public var offset: Int
    public var message: String
}

private struct Scanner {
    let p: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var i = 0

    init(p: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.p = p
        self.maxDepth = maxDepth
    }

    private enum State { case value, valueOrClose, afterValue, keyOrClose, colon }

    mutating func run(into tape: inout [JSONTapeEntry]) throws(JSONParseError) {
        let n = p.count
        if n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { i = 3 }
        var stack: [Int] = []
        var state = State.value
        while true {
            try skipSpace()
            switch state {
            case .value, .valueOrClose:
                guard i < n else { throw error("unexpected end of input, expected a value") }
                let c = p[i]
                switch c {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard stack.count < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
                    let isObject = c == UInt8(ascii: "{")
                    tape.append(JSONTapeEntry(kind: isObject ? .object : .array, hasEscapes: false, start: UInt32(i), end: 0, next: 0))
                    stack.append(tape.count - 1)
                    i += 1
                    state = isObject ? .keyOrClose : .valueOrClose
                    continue
                case UInt8(ascii: "]") where state == .valueOrClose:
                    try close(&stack, &tape)
                case UInt8(ascii: "\""):
                    try string(into: &tape)
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    try number(into: &tape)
                case UInt8(ascii: "t"):
                    try literal("true", .true, into: &tape)
                case UInt8(ascii: "f"):
                    try literal("false", .false, into: &tape)
                case UInt8(ascii: "n"):
                    try literal("null", .null, into: &tape)
                default:
                    throw error("unexpected \(describe(c)), expected a value")
                }
                state = .afterValue
            case .afterValue:
                guard let top = stack.last else {
                    guard i == n else { throw error("unexpected \(describe(p[i])) after the end of the document") }
                    return
                }
                let isObject = tape[top].kind == .object
                guard i < n else { throw error("unexpected end of input, expected ',' or '\(isObject ? "}" : "]")'") }
                let c = p[i]
                if c == UInt8(ascii: ",") {
                    i += 1
                    state = isObject ? .keyOrClose : .valueOrClose
                } else if c == UInt8(ascii: isObject ? "}" : "]") {
                    try close(&stack, &tape)
                } else {
                    throw error("unexpected \(describe(c)), expected ',' or '\(isObject ? "}" : "]")'")
                }
            case .keyOrClose:
                guard i < n else { throw error("unexpected end of input, expected a string key or '}'") }
                let c = p[i]
                if c == UInt8(ascii: "\"") {
                    try string(into: &tape)
                    state = .colon
                } else if c == UInt8(ascii: "}") {
                    try close(&stack, &tape)
                    state = .afterValue
                } else {
                    throw error("unexpected \(describe(c)), expected a string key or '}'")
                }
            case .colon:
                guard i < n else { throw error("unexpected end of input, expected ':'") }
                guard p[i] == UInt8(ascii: ":") else { throw error("unexpected \(describe(p[i])), expected ':' after the key") }
                i += 1
                state = .value
            }
        }
    }

    private mutating func close(_ stack: inout [Int], _ tape: inout [JSONTapeEntry]) throws(JSONParseError) {
        guard let top = stack.popLast() else { throw error("unexpected \(describe(p[i]))") }
        i += 1
        tape[top].end = UInt32(i)
        tape[top].next = UInt32(tape.count)
    }

    private static let eightSpaces: UInt64 = 0x2020_2020_2020_2020

    private mutating func skipSpace() throws(JSONParseError) {
        let n = p.count
        let base = p.baseAddress
        while i < n {
            let c = p[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                i += 1
                // Indentation (most of a pretty-printed export's blank bytes): eight spaces a step.
                if let base {
                    while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) == Self.eightSpaces { i += 8 }
                }
            } else if c == UInt8(ascii: "/"), i + 1 < n, p[i + 1] == UInt8(ascii: "/") {
                i += 2
                while i < n, p[i] != 0x0A { i += 1 }
            } else if c == UInt8(ascii: "/"), i + 1 < n, p[i + 1] == UInt8(ascii: "*") {
                let start = i
                i += 2
                while true {
                    guard i + 1 < n else {
                        i = start
                        throw error("unterminated /* comment")
                    }
                    if p[i] == UInt8(ascii: "*"), p[i + 1] == UInt8(ascii: "/") { i += 2; break }
                    i += 1
                }
            } else {
                return
            }
        }
    }

    private mutating func string(into tape: inout [JSONTapeEntry]) throws(JSONParseError) {
        let start = i
        let n = p.count
        i += 1
        var escapes = false
        let base = p.baseAddress
        while true {
            // Eight bytes at a time past those that need no look (most of a string's bytes):
            // the byte loop below sees only a word holding a quote, a backslash or a control.
            if let base {
                while i + 8 <= n, !ByteWord.hasQuoteBackslashOrControl(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { i += 8 }
            }
            guard i < n else {
                i = start
                throw error("unterminated string")
            }
            let c = p[i]
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") {
                escapes = true
                guard i + 1 < n else { i = start; throw error("unterminated string") }
                let e = p[i + 1]
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 5 < n, (2...5).allSatisfy({ isHex(p[i + $0]) }) else {
                        throw error("invalid \\u escape in string: expected four hex digits")
                    }
                    i += 6
                default:
                    throw error("invalid escape '\\\(describeRaw(e))' in string")
                }
                continue
            }
            if c < 0x20 {
                throw error(c == 0x0A || c == 0x0D ? "unterminated string (a line break inside a string)" : "control character \(describe(c)) inside a string")
            }
            i += 1
        }
        i += 1
        tape.append(JSONTapeEntry(kind: .string, hasEscapes: escapes, start: UInt32(start), end: UInt32(i), next: UInt32(tape.count + 1)))
    }

    private mutating func number(into tape: inout [JSONTapeEntry]) throws(JSONParseError) {
        let start = i
        let n = p.count
        func isDigit(_ k: Int) -> Bool { k < n && p[k] >= 48 && p[k] <= 57 }
        if p[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { throw error("invalid number: expected a digit") }
        if p[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { throw error("invalid number: expected a digit after '.'") }
            while isDigit(i) { i += 1 }
        }
        if i < n, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { throw error("invalid number: expected a digit in the exponent") }
            while isDigit(i) { i += 1 }
        }
        tape.append(JSONTapeEntry(kind: .number, hasEscapes: false, start: UInt32(start), end: UInt32(i), next: UInt32(tape.count + 1)))
    }

    private mutating func literal(_ word: StaticString, _ kind: JSONKind, into tape: inout [JSONTapeEntry]) throws(JSONParseError) {
        let length = word.utf8CodeUnitCount
        let start = i
        guard i + length <= p.count else { throw error("unexpected end of input, expected '\(word)'") }
        let ok = word.withUTF8Buffer { w in (0..<length).allSatisfy { p[start + $0] == w[$0] } }
        guard ok else { throw error("unexpected \(describe(p[i])), expected a value") }
        i += length
        tape.append(JSONTapeEntry(kind: kind, hasEscapes: false, start: UInt32(start), end: UInt32(i), next: UInt32(tape.count + 1)))
    }

    private func isHex(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
    }

    private func describe(_ c: UInt8) -> String {
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(String(c, radix: 16, uppercase: true).leftPadded(2))"
    }

    private func describeRaw(_ c: UInt8) -> String {
        c >= 0x21 && c < 0x7F ? String(Character(Unicode.Scalar(c))) : "0x\(String(c, radix: 16))"
    }

    private func error(_ message: String) -> JSONParseError {
        JSONParseError(offset: i, message: message)
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
