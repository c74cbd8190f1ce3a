import Foundation
import RuleSchema

/// The rules of a run: the built-in ones embedded at build time plus any `--rules DIR` folders.
public struct RuleSet: Sendable {
    /// Sorted by id.
    public let rules: [CompiledRule]

    public init(rules: [CompiledRule]) {
        self.rules = rules.sorted { $0.id < $1.id }
    }

    /// The rules built into the binary: parsed and validated from `rules/*.yml` at build time and
    /// compiled into the binary as Swift values, so a start reads no YAML and validates nothing.
    public static func builtIn() throws(RuleFileError) -> RuleSet {
        try builtInRules.get()
    }

    /// Built once per process.
    private static let builtInRules: Result<RuleSet, RuleFileError> = {
        do throws(RuleFileError) {
            return .success(RuleSet(rules: try embeddedRuleSpecs().map(CompiledRule.init(spec:))))
        } catch {
            return .failure(error)
        }
    }()

    /// The shipped list tables, for `{table: NAME}` parameters of user rule files (`--rules`).
    public static let dataLists: [String: [String]] = DataTable.lists(embeddedDataFiles.map { ($0.path, $0.text) })

    /// Adds every `*.yml`/`*.yaml` rule file of `directory`; a user rule may not reuse a built-in id.
    public func adding(directory: String) throws(RuleFileError) -> RuleSet {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw RuleFileError(file: directory, line: 1, column: 1, field: "", message: "cannot read the rules folder")
        }
        var added = rules
        for name in names.sorted() where name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
            let path = (directory as NSString).appendingPathComponent(name)
            let text: String
            switch InputFileReader.readSmall(path) {
            case .success(let bytes):
                guard let decoded = String(validating: bytes, as: UTF8.self) else {
                    throw RuleFileError(file: path, line: 1, column: 1, field: "", message: "the rule file is not UTF-8")
                }
                text = decoded
            case .failure(let error):
                throw RuleFileError(file: path, line: 1, column: 1, field: "", message: error.message)
            }
            let rule = CompiledRule(spec: try RuleFileParser(file: path, tables: RuleSet.dataLists).parse(text))
            if let retired = RetiredRule.registry.first(where: { $0.id == rule.id || $0.name == rule.spec.name }) {
                throw RuleFileError(file: path, line: 1, column: 1, field: "id", message: "\(rule.id) \(rule.spec.name) reuses the retired rule \(retired.id) \(retired.name); ids and names are never reused")
            }
            if let existing = added.first(where: { $0.id == rule.id }) {
                throw RuleFileError(file: path, line: 1, column: 1, field: "id", message: "rule id \(rule.id) is already defined by \(existing.spec.sourceFile)")
            }
            added.append(rule)
        }
        return RuleSet(rules: added)
    }

    public func rule(id: String) -> CompiledRule? { rules.first { $0.id.caseInsensitiveCompare(id) == .orderedSame } }
}

extension RuleSet {
    /// A rule by id (`REG202`, any case), by name (`redirect-uri-insecure-http`) or by a former
    /// name the rule lists under `aliases`.
    public func rule(reference: String) -> CompiledRule? {
        let name = reference.lowercased()
        return rule(id: reference) ?? rules.first { $0.spec.name == name } ?? rules.first { $0.spec.aliases.contains(name) }
    }
}

/// Rule ids and names used once and retired (`rules/data/retired-rules.json`): never reused, so a
/// suppression or dashboard keyed on an old id cannot silently start matching a different rule.
public struct RetiredRule: Sendable, Hashable {
    public var id: String
    public var name: String
    public var retired: String
    public var reason: String

    /// The registry as shipped.
    public static let registry: [RetiredRule] = {
        guard let file = embeddedDataFiles.first(where: { $0.path.hasSuffix("/retired-rules.json") }),
              let table = try? DataTable.parse(file.text, file: file.path) else { return [] }
        return table.entries.compactMap { entry in
            guard let id = entry["id"]?.string else { return nil }
            return RetiredRule(id: id, name: entry["name"]?.string ?? "", retired: entry["retired"]?.string ?? "", reason: entry["reason"]?.string ?? "")
        }
    }()
}
