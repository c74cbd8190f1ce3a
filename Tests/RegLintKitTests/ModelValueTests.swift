@testable import RegLintKit
import Testing

/// `isEmptyValue` tells most strings from their first byte, without decoding them: it must say
/// what decoding and `Character.isWhitespace` say, for raw JSON strings, escaped ones and Swift's.
@Suite("Empty values")
struct EmptyValueTests {
    @Test("a string is empty when it is blank: told from the first byte or from the decoded text alike")
    func blankStrings() throws {
        // JSON text of each string, and whether it is blank once decoded.
        let cases: [(json: String, blank: Bool)] = [
            (#""""#, true), (#"" ""#, true), (#""\t\n""#, true), (#""\u0020""#, true), (#""\n\r""#, true),
            (#""x""#, false), (#"" x""#, false), (#""\\""#, false), (#""\u0041""#, false),
            (#""\u00a0""#, true), (#""\u2003 ""#, true), (#""é""#, false), (#""~""#, false), (#""!""#, false),
            (#""e\u0301""#, false), (#"" \u0301""#, true), (#""\u007f""#, false), (#""\r\n x""#, false),
        ]
        for (json, blank) in cases {
            let document = try JSONParser().parse(Array("[\(json)]".utf8))
            let value = try #require(document.root.elements.first)
            let decoded = try #require(value.string)
            #expect(ModelNode.json(value).isEmptyValue == blank, "\(json)")
            #expect(ModelNode.scalar(.string(decoded), origin: .computed).isEmptyValue == blank, "\(json)")
            #expect(ModelNode.field([ProjectedField(.string(decoded), origin: .computed)], index: 0).isEmptyValue == blank, "\(json)")
            #expect(decoded.allSatisfy(\.isWhitespace) == blank, "\(json)")
        }
    }
}
