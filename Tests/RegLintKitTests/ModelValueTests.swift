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
        ]
        for (json, blank) in cases {
            let document = try JSONParser().parse(Array("[\(json)]".utf8))
            let value = try #require(document.root.elements.first)
            let decoded = try #require(value.string)
            #expect(ModelNode.json(value).isEmptyValue == blank, "\(json)")
            #expect(ModelNode.scalar(.string(decoded), origin: .computed).isEmptyValue == blank, "\(json)")
            #expect(decoded.allSatisfy(\.isWhitespace) == blank, "\(json)")
        }
    }
}

/// A finding's logical path names a list element by a key of it (`keyid=…`), lower-cased: the
/// bytes are lower-cased in place for ASCII, and must say what `lowercased()` of the decoded
/// value says for every value.
@Suite("Element identity")
struct ElementIdentityTests {
    /// The identity as it was first written: the decoded value, lower-cased and interpolated.
    static func reference(_ node: ModelNode, index: Int) -> String {
        for key in ["keyid", "uri", "resourceappid", "id", "name"] {
            if let value = node.member(key)?.string { return "\(key)=\(value.lowercased())" }
        }
        if let value = node.string { return "value=\(value)" }
        return String(index)
    }

    @Test("raw, escaped, non-ASCII and computed values give the identity lower-casing the decoded value gives")
    func againstReference() throws {
        let elements = [
            #"{"keyId": "9F8E-ABC"}"#, #"{"KeyId": "\u0041B\u00C9"}"#, #"{"uri": "HTTPS://Contoso.COM/Cb?X=Ü"}"#,
            #"{"resourceAppId": "00000003-0000-0000-C000-000000000000"}"#, #"{"id": 12, "name": "Straße ΣΑΣ"}"#,
            #"{"id": null, "name": "İstanbul"}"#, #"{"other": 1}"#, #""Plain Value""#, #"42"#, #"{"keyId": "\"Q\\"}"#,
        ]
        let document = try JSONParser().parse(Array("[\(elements.joined(separator: ","))]".utf8))
        for (index, value) in document.root.elements.enumerated() {
            let node = ModelNode.json(value)
            #expect(RuleEvaluator.identity(of: node, index: index) == Self.reference(node, index: index), "\(elements[index])")
        }
        let computed = ModelNode.object(["keyid": .scalar(.string("ÀB-Cd"), origin: .computed)], fallback: nil, origin: .computed)
        #expect(RuleEvaluator.identity(of: computed, index: 3) == "keyid=àb-cd")
    }
}
