import Foundation
import RegLintKit
import RuleSchema
import Testing

/// The build compiles `rules/*.yml` into Swift values (embed-rules) so a start parses no YAML;
/// these tests keep that copy equal to what the rule file parser reads from the files today.
@Suite("Embedded rules")
struct EmbeddedRuleTests {
    /// Each rule as sorted-key JSON: every field of `RuleSpec`, so a field the embedder forgot
    /// to write shows up as a difference.
    static func encoded(_ spec: RuleSpec) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(spec), as: UTF8.self)
    }

    @Test("the built-in rules equal rules/*.yml parsed afresh, field for field")
    func builtInEqualsRuleFiles() throws {
        let folder = Fixtures.url("rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yml") }.sorted()
        let builtIn = try RuleSet.builtIn().rules
        #expect(builtIn.map(\.id) == names.map { String($0.dropLast(4)) })
        for name in names {
            let text = try String(contentsOf: folder.appending(path: name), encoding: .utf8)
            let parsed = try RuleFileParser(file: "rules/\(name)", tables: RuleSet.dataLists).parse(text)
            let embedded = try #require(builtIn.first { $0.id == parsed.id }, "\(name) is not built in")
            #expect(try Self.encoded(embedded.spec) == Self.encoded(parsed), "rules/\(name) differs from its embedded copy")
        }
    }
}
