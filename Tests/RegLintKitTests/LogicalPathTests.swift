@testable import RegLintKit
import Testing

/// A finding's logical path (its fingerprint's input) names a list element by a key of it,
/// lower-cased on the bytes where they are ASCII, and joins the reported segments with dots: it
/// must be the string the first, interpolated version made, for every kind of value.
@Suite("Logical paths")
struct LogicalPathTests {
    /// The path as it was first written: the decoded value lower-cased and interpolated.
    static func reference(base: String?, subject node: ModelNode, index: Int, reported segments: [String]) -> String {
        func identity() -> String {
            for key in ["keyid", "uri", "resourceappid", "id", "name"] {
                if let value = node.member(key)?.string { return "\(key)=\(value.lowercased())" }
            }
            if let value = node.string { return "value=\(value)" }
            return String(index)
        }
        var logical = base.map { "\($0.lowercased())[\(identity())]" } ?? ""
        if !segments.isEmpty { logical += (logical.isEmpty ? "" : ".") + segments.joined(separator: ".") }
        return logical
    }

    @Test("raw, escaped, non-ASCII, computed and projected values, with and without a list and segments, give the interpolated path")
    func againstReference() throws {
        let elements = [
            #"{"keyId": "9F8E-ABC"}"#, #"{"KeyId": "\u0041B\u00C9"}"#, #"{"uri": "HTTPS://Contoso.COM/Cb?X=Ü"}"#,
            #"{"resourceAppId": "00000003-0000-0000-C000-000000000000"}"#, #"{"id": 12, "name": "Straße ΣΑΣ"}"#,
            #"{"id": null, "name": "İstanbul"}"#, #"{"other": 1}"#, #""Plain Value""#, #"42"#, #"{"keyId": "\"Q\\"}"#,
        ]
        let document = try JSONParser().parse(Array("[\(elements.joined(separator: ","))]".utf8))
        var subjects = document.root.elements.map { ModelNode.json($0) }
        subjects.append(.object(["keyid": .scalar(.string("ÀB-Cd"), origin: .computed)], fallback: nil, origin: .computed))
        subjects.append(.object(ModelMembers(names: ["uri", "host"], fields: [ProjectedField(.string("HTTP://X.Example/A"), origin: .computed),
                                                                                ProjectedField(.string("x.example"), origin: .computed)]),
                                fallback: nil, origin: .computed))
        for base in [nil, "passwordCredentials", "facts.redirectUris", "Ünïcode.Liste"] {
            for segments in [[], ["enddatetime"], ["facts", "lifetimedays"]] {
                for (index, subject) in subjects.enumerated() {
                    let made = RuleEvaluator.logicalPath(base: base, subject: subject, index: index, reported: segments)
                    #expect(made == Self.reference(base: base, subject: subject, index: index, reported: segments), "\(base ?? "-") \(segments) \(index)")
                }
            }
        }
        #expect(RuleEvaluator.logicalPath(base: "passwordCredentials", subject: subjects[0], index: 0, reported: ["enddatetime"])
                == "passwordcredentials[keyid=9f8e-abc].enddatetime")
    }
}
