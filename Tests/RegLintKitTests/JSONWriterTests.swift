import Testing
@testable import RegLintKit

/// The JSON, SARIF, Code Quality and rule reports once built a tree of these and serialised it;
/// `JSONWriter` streams the same bytes. This is that serialiser, kept as the oracle the writer is
/// compared with (the reports' own bytes were compared with the old binary's when it was replaced).
private indirect enum ReferenceJSON {
    case object([(String, ReferenceJSON)])
    /// An object written with `beginObject(oneLine: true)`: on one line, nothing between tokens.
    case oneLine([(String, ReferenceJSON)])
    case array([ReferenceJSON])
    case string(String)
    case int(Int)
    case bool(Bool)
    case null

    /// Pretty-printed with two-space indentation and a final newline.
    func serialized() -> String {
        var out = ""
        write(into: &out, indent: "")
        return out + "\n"
    }

    /// Everything on one line, as `JSONSerialization` writes without `.prettyPrinted`.
    private func compact(into out: inout String) {
        switch self {
        case .object(let members), .oneLine(let members):
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += "," }
                out += "\"" + JSONText.escape(key) + "\":"
                value.compact(into: &out)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.compact(into: &out)
            }
            out += "]"
        default: write(into: &out, indent: "")
        }
    }

    private func write(into out: inout String, indent: String) {
        switch self {
        case .oneLine: compact(into: &out)
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            let inner = indent + "  "
            for (index, (key, value)) in members.enumerated() {
                out += inner
                out += "\""
                out += JSONText.escape(key)
                out += "\": "
                value.write(into: &out, indent: inner)
                out += index + 1 < members.count ? ",\n" : "\n"
            }
            out += indent + "}"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            let inner = indent + "  "
            for (index, item) in items.enumerated() {
                out += inner
                item.write(into: &out, indent: inner)
                out += index + 1 < items.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case .string(let s):
            out += "\""
            out += JSONText.escape(s)
            out += "\""
        case .int(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// The same value through `JSONWriter`.
    func streamed() -> String {
        var json = JSONWriter()
        write(to: &json)
        return json.finishedText()
    }

    private func write(to json: inout JSONWriter) {
        switch self {
        case .object(let members), .oneLine(let members):
            if case .oneLine = self { json.beginObject(oneLine: true) } else { json.beginObject() }
            for (key, value) in members {
                json.key(key)
                value.write(to: &json)
            }
            json.endObject()
        case .array(let items):
            json.beginArray()
            for item in items { item.write(to: &json) }
            json.endArray()
        case .string(let s): json.string(s)
        case .int(let n): json.int(n)
        case .bool(let b): json.bool(b)
        case .null: json.null()
        }
    }
}


@Suite("JSON writer")
struct JSONWriterTests {
    /// Text that needs every kind of care: controls, quotes, backslashes, non-ASCII, separators.
    static let awkward = "a\u{0}b\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1B}\u{1F} \"q\" \\ / \u{7F} é 漢字 👩🏽‍💻 \u{2028}\u{2029} \u{FEFF}"

    @Test("empty containers are {} and [], at the top and nested")
    func emptyContainers() {
        let cases: [(ReferenceJSON, String)] = [
            (.object([]), "{}\n"),
            (.array([]), "[]\n"),
            (.object([("a", .object([])), ("b", .array([]))]), "{\n  \"a\": {},\n  \"b\": []\n}\n"),
            (.array([.array([]), .object([]), .array([.array([])])]), "[\n  [],\n  {},\n  [\n    []\n  ]\n]\n"),
        ]
        for (value, expected) in cases {
            #expect(value.serialized() == expected)
            #expect(value.streamed() == expected)
        }
    }

    @Test("scalars at the top level and in arrays: strings, integers at the limits, booleans, null")
    func scalars() {
        let cases: [(ReferenceJSON, String)] = [
            (.string(""), "\"\"\n"),
            (.int(0), "0\n"),
            (.int(-7), "-7\n"),
            (.int(Int.max), "\(Int.max)\n"),
            (.int(Int.min), "\(Int.min)\n"),
            (.bool(true), "true\n"),
            (.null, "null\n"),
            (.array([.int(10), .bool(false), .null, .string("x")]), "[\n  10,\n  false,\n  null,\n  \"x\"\n]\n"),
        ]
        for (value, expected) in cases {
            #expect(value.serialized() == expected)
            #expect(value.streamed() == expected)
        }
    }

    @Test("nesting: members in order, commas between them, two spaces a level")
    func nesting() {
        let value = ReferenceJSON.object([
            ("runs", .array([.object([
                ("results", .array([.object([("ruleId", .string("REG101")), ("ruleIndex", .int(0))])])),
                ("columnKind", .string("utf16CodeUnits")),
            ])])),
            ("version", .string("2.1.0")),
        ])
        let expected = """
            {
              "runs": [
                {
                  "results": [
                    {
                      "ruleId": "REG101",
                      "ruleIndex": 0
                    }
                  ],
                  "columnKind": "utf16CodeUnits"
                }
              ],
              "version": "2.1.0"
            }

            """
        #expect(value.serialized() == expected)
        #expect(value.streamed() == expected)
    }

    @Test("one-line objects: no line breaks or spaces inside, even in nested containers; the enclosing layout unchanged")
    func oneLineObjects() {
        let value = ReferenceJSON.object([
            ("results", .array([
                .oneLine([("ruleId", .string("REG101")), ("locations", .array([.object([("line", .int(1))]), .array([])])), ("empty", .object([]))]),
                .oneLine([]),
            ])),
            ("after", .int(2)),
        ])
        let expected = """
            {
              "results": [
                {"ruleId":"REG101","locations":[{"line":1},[]],"empty":{}},
                {}
              ],
              "after": 2
            }

            """
        #expect(value.serialized() == expected)
        #expect(value.streamed() == expected)
    }

    @Test("escaping: control characters, quotes and backslashes escaped; non-ASCII, DEL and U+2028 kept as UTF-8")
    func escaping() {
        let expected = "\"a\\u0000b\\u0001\\u0008\\t\\n\\u000c\\r\\u001b\\u001f \\\"q\\\" \\\\ / \u{7F} é 漢字 👩🏽‍💻 \u{2028}\u{2029} \u{FEFF}\"\n"
        #expect(ReferenceJSON.string(Self.awkward).serialized() == expected)
        #expect(ReferenceJSON.string(Self.awkward).streamed() == expected)
        let keyed = ReferenceJSON.object([(Self.awkward, .string(Self.awkward))])
        #expect(keyed.streamed() == keyed.serialized())
        #expect(keyed.streamed().hasPrefix("{\n  \"a\\u0000b"))
    }

    @Test("the convenience members write what key and value do, null for nil")
    func members() {
        var json = JSONWriter()
        json.beginObject()
        json.member("s", "x")
        json.member("i", 3)
        json.member("b", true)
        json.member("noString", nil as String?)
        json.member("someInt", 4 as Int?)
        json.member("noInt", nil as Int?)
        json.member("tags", strings: ["a", "b"])
        json.member("none", strings: [String]())
        json.endObject()
        let expected = ReferenceJSON.object([
            ("s", .string("x")), ("i", .int(3)), ("b", .bool(true)), ("noString", .null), ("someInt", .int(4)),
            ("noInt", .null), ("tags", .array([.string("a"), .string("b")])), ("none", .array([])),
        ])
        #expect(json.finishedText() == expected.serialized())
    }

    @Test("random documents: the writer gives the bytes the tree serialiser gave")
    func randomDocuments() {
        var generator = SeededGenerator(state: 2026_11_22)
        for round in 0..<400 {
            let value = Self.randomValue(depth: 0, using: &generator)
            #expect(value.streamed() == value.serialized(), "round \(round)")
        }
    }

    private static func randomValue(depth: Int, using generator: inout SeededGenerator) -> ReferenceJSON {
        let pick = Int.random(in: 0..<(depth < 5 ? 9 : 4), using: &generator)
        switch pick {
        case 0: return .string(randomText(using: &generator))
        case 1: return .int(Int.random(in: Int.min...Int.max, using: &generator) >> Int.random(in: 0..<64, using: &generator))
        case 2: return Bool.random(using: &generator) ? .bool(Bool.random(using: &generator)) : .null
        case 3: return .string("")
        case 8:
            let count = Int.random(in: 0..<4, using: &generator)
            return .oneLine((0..<count).map { _ in (randomText(using: &generator), randomValue(depth: depth + 1, using: &generator)) })
        case 4, 5:
            let count = Int.random(in: 0..<4, using: &generator)
            return .object((0..<count).map { _ in (randomText(using: &generator), randomValue(depth: depth + 1, using: &generator)) })
        default:
            let count = Int.random(in: 0..<4, using: &generator)
            return .array((0..<count).map { _ in randomValue(depth: depth + 1, using: &generator) })
        }
    }

    private static func randomText(using generator: inout SeededGenerator) -> String {
        let pool = Array(awkward.unicodeScalars) + Array("plain words_and-ids/REG101".unicodeScalars)
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0..<12, using: &generator) {
            if let scalar = pool.randomElement(using: &generator) { text.append(scalar) }
        }
        return String(text)
    }

    @Test("decimal digits as String(Int) writes them, at the limits and for random values")
    func decimals() {
        var generator = SeededGenerator(state: 2026_12_07)
        let values = [0, 1, -1, 9, 10, -10, Int.max, Int.min] + (0..<2_000).map { _ in
            Int.random(in: Int.min...Int.max, using: &generator) >> Int.random(in: 0..<64, using: &generator)
        }
        for value in values {
            var out: [UInt8] = Array("x".utf8)
            DecimalText.append(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == "x" + String(value))
        }
    }
}
