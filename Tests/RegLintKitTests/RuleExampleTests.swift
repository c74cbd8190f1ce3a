import Foundation
import Testing
@testable import RegLintKit
import RuleSchema

/// A rule together with one of its examples, named for the test log.
struct NamedRule: CustomTestStringConvertible, Sendable {
    let rule: CompiledRule
    var testDescription: String { rule.id }
}

private let builtInRules: [NamedRule] = ((try? RuleSet.builtIn())?.rules ?? []).map(NamedRule.init)

@Suite("Rule examples and catalog")
struct RuleExampleTests {
    @Test("every example of every built-in rule holds", arguments: builtInRules)
    func examplesHold(_ named: NamedRule) {
        let failures = RuleExampleRunner.run(named.rule)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    @Test("the built-in rules load, and every file in rules/ is embedded")
    func everyRuleFileIsEmbedded() throws {
        let set = try RuleSet.builtIn()
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: Fixtures.url("rules").path).filter { $0.hasSuffix(".yml") }.sorted()
        #expect(set.rules.map { "\($0.id).yml" } == onDisk)
        #expect(set.rules.count >= 12)
    }

    @Test("rule ids are unique and every rule is documented and has examples")
    func catalogIsComplete() throws {
        let rules = try RuleSet.builtIn().rules.map(\.spec)
        #expect(Set(rules.map(\.id)).count == rules.count)
        #expect(Set(rules.map(\.name)).count == rules.count)
        for rule in rules {
            #expect(!rule.examples.flag.isEmpty && !rule.examples.pass.isEmpty, "\(rule.id)")
            #expect(rule.helpURI.hasPrefix("https://learn.microsoft.com/"), "\(rule.id)")
            #expect(rule.remediation.count > 20, "\(rule.id)")
            #expect(rule.description.count > 40, "\(rule.id)")
        }
    }

    @Test("the first twelve rules of the catalog are built in", arguments: ["REG101", "REG103", "REG104", "REG201", "REG202", "REG205", "REG303", "REG304", "REG306", "REG307", "REG309", "REG401"])
    func foundationRulesExist(_ id: String) throws {
        #expect(try RuleSet.builtIn().rule(id: id) != nil)
    }
}

@Suite("Generated docs")
struct GeneratedDocsTests {
    @Test("docs/rules/ is what `reglint rules --docs docs/rules` writes from rules/ (regenerate it when a rule changes)")
    func ruleReferenceIsCurrent() throws {
        let pages = RuleReference.pages(try RuleSet.builtIn().rules.map(\.spec))
        for page in pages {
            #expect((try? Fixtures.text("docs/rules/\(page.file)")) == page.text, "docs/rules/\(page.file) is stale: run `swift run reglint rules --docs docs/rules`")
        }
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: Fixtures.url("docs/rules").path).filter { $0.hasSuffix(".md") }
        #expect(Set(onDisk) == Set(pages.map(\.file)))
    }
}

@Suite("Rule registry")
struct RuleRegistryTests {
    @Test("no built-in rule uses a retired id or name; ids and names are unique")
    func retiredNotReused() throws {
        let rules = try RuleSet.builtIn().rules
        let retiredIDs = Set(RetiredRule.registry.map(\.id))
        let retiredNames = Set(RetiredRule.registry.map(\.name))
        #expect(rules.allSatisfy { !retiredIDs.contains($0.id) && !retiredNames.contains($0.spec.name) })
        #expect(Set(rules.map(\.id)).count == rules.count)
        #expect(Set(rules.map(\.spec.name) + rules.flatMap(\.spec.aliases)).count == rules.count + rules.flatMap(\.spec.aliases).count)
    }
}
