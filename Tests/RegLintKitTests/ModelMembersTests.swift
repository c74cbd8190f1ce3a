@testable import RegLintKit
import Testing

/// `ModelMembers` replaced a dictionary under every synthetic model object: it must answer as
/// one did, by name and by name bytes, small and past the size where it keeps an index.
@Suite("Model members")
struct ModelMembersTests {
    /// Names that share lengths and first seven bytes, so the word alone cannot tell them apart.
    static let names = ["", "a", "kind", "secrettext", "secrettexz", "secrettex", "web", "wEb", "é", "passwordcredentials",
                        "passwordcredentialz", "keyid", "keyie", "1234567", "1234568", "12345678", "123456789"]
        + (0..<60).map { "member\($0)" }

    @Test("random sets, replacements and removals give what a dictionary gives, found by name and by bytes")
    func againstDictionary() {
        var generator = SeededGenerator(state: 41)
        for _ in 0..<200 {
            var members = ModelMembers()
            var expected: [String: Double] = [:]
            var order: [String] = []
            for step in 0..<generator.below(90) {
                let name = generator.pick(Self.names)
                if generator.below(6) == 0 {
                    members[name] = nil
                    expected[name] = nil
                    order.removeAll { $0 == name }
                } else {
                    members[name] = .scalar(.number(Double(step)), origin: .computed)
                    if expected.updateValue(Double(step), forKey: name) == nil { order.append(name) }
                }
            }
            #expect(members.count == expected.count)
            #expect(members.keys == order)
            for name in Self.names {
                let want = expected[name]
                #expect(Self.number(members[name]) == want)
                let byBytes = Array(name.utf8).withUnsafeBufferPointer { members.node(named: $0) }
                #expect(Self.number(byBytes) == want)
            }
            #expect(Array(members).map(\.0) == order)
        }
    }

    @Test("a literal with a repeated name keeps the last value; merge replaces and appends")
    func literalAndMerge() {
        var members: ModelMembers = ["a": .scalar(.number(1), origin: .computed), "b": .scalar(.number(2), origin: .computed),
                                     "a": .scalar(.number(3), origin: .computed)]
        #expect(members.keys == ["a", "b"])
        #expect(Self.number(members["a"]) == 3)
        members.merge(["b": .scalar(.number(4), origin: .computed), "c": .scalar(.number(5), origin: .computed)])
        #expect(members.keys == ["a", "b", "c"])
        #expect(Self.number(members["b"]) == 4)
        #expect(members.compactMapValues { Self.number($0) == 4 ? nil : $0 }.keys == ["a", "c"])
    }

    private static func number(_ node: ModelNode?) -> Double? {
        if case .number(let value)? = node?.scalar { return value }
        return nil
    }

    @Test("a JSON object's member index answers as a scan does: duplicates (the last wins), any case, escaped and long keys")
    func jsonMemberIndex() throws {
        let spellings = ["displayName", "DISPLAYNAME", "appId", "web", "Web", "passwordCredentials", "passwordCredentialz",
                         "secretText", "\\u0073ecretText", "keyCredentials", "a", "", "x1234567", "x1234568", "\\u00e9t\\u00e9"]
            + (0..<30).map { "field\($0)" }
        let queries = ["displayname", "appid", "web", "passwordcredentials", "passwordcredentialz", "secrettext",
                       "keycredentials", "a", "", "x1234567", "x1234568", "été", "absent", "field7", "field29", "field30"]
        var generator = SeededGenerator(state: 7)
        for _ in 0..<300 {
            let count = generator.below(40)
            let members = (0..<count).map { k in "\"\(generator.pick(spellings))\": \(k)" }
            let document = try JSONParser().parse(Array("{\(members.joined(separator: ", "))}".utf8))
            let object = document.root
            let index = JSONMemberIndex(object)
            #expect((index != nil) == (count >= JSONMemberIndex.smallestIndexed))
            guard let index else { continue }
            for query in queries {
                let bytes = Array(query.utf8)
                let scanned = bytes.withUnsafeBufferPointer { object.member($0)?.value.index }
                let indexed = bytes.withUnsafeBufferPointer { index.value($0)?.index }
                #expect(indexed == scanned, "\(query) in \(members)")
            }
        }
    }
}
