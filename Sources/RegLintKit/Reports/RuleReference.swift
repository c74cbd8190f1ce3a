import RuleSchema

/// The rule reference in Markdown (`docs/rules.md`), generated from the rule files so the docs
/// cannot drift from the rules: `reglint rules --markdown` writes it, a test checks it is current.
public enum RuleReference {
    public static func markdown(_ rules: [RuleSpec]) -> String {
        var out = "# Rule reference\n\nGenerated from `rules/*.yml` by `reglint rules --markdown`; do not edit by hand.\n\n"
        out += "| id | name | severity | applies to | title |\n|---|---|---|---|---|\n"
        for rule in rules {
            let severities = Set(rule.branches.map { $0.severity ?? rule.severity }).sorted(by: >).map(\.rawValue).joined(separator: " / ")
            out += "| [\(rule.id)](#\(rule.id.lowercased())) | `\(rule.name)` | \(severities) | \(rule.appliesTo.isEmpty ? "any" : rule.appliesTo.joined(separator: ", ")) | \(rule.title) |\n"
        }
        for rule in rules {
            out += "\n## \(rule.id)\n\n**\(rule.title)** (`\(rule.name)`, \(rule.severity.rawValue); security-severity \(rule.securitySeverityScore))\n\n"
            out += "\(rule.description)\n\n**Fix.** \(rule.remediation)\n\n**Source.** <\(rule.helpURI)>\n"
            if !rule.params.isEmpty {
                out += "\n**Parameters.** " + rule.params.keys.sorted().map { "`\($0)` = \(rule.params[$0]?.description ?? "")" }.joined(separator: "; ") + "\n"
            }
            if !rule.tags.isEmpty { out += "\n**Tags.** \(rule.tags.joined(separator: ", "))\n" }
        }
        return out
    }

    /// The rules as JSON (`reglint rules --format json`): what tooling around reglint needs to
    /// know about each rule, in id order.
    public static func json(_ rules: [RuleSpec]) -> String {
        JSONOutput.object([
            ("schemaVersion", .int(1)),
            ("rules", .array(rules.map { rule in
                .object([
                    ("id", .string(rule.id)),
                    ("name", .string(rule.name)),
                    ("title", .string(rule.title)),
                    ("severity", .string(rule.severity.rawValue)),
                    ("severities", .array(Set(rule.branches.map { $0.severity ?? rule.severity }).sorted(by: >).map { .string($0.rawValue) })),
                    ("securitySeverity", .string(rule.securitySeverityScore)),
                    ("precision", .string(rule.precision)),
                    ("appliesTo", .array(rule.appliesTo.map { .string($0) })),
                    ("tags", .array(rule.tags.map { .string($0) })),
                    ("helpUri", .string(rule.helpURI)),
                    ("description", .string(rule.description)),
                    ("remediation", .string(rule.remediation)),
                    ("params", .object(rule.params.keys.sorted().map { key in (key, param(rule.params[key])) })),
                ])
            })),
        ]).serialized()
    }

    static func param(_ value: ParamValue?) -> JSONOutput {
        switch value {
        case .number(let n)?: n == n.rounded() && abs(n) < 1e15 ? .int(Int(n)) : .string(String(n))
        case .string(let s)?: .string(s)
        case .bool(let b)?: .bool(b)
        case .list(let items)?: .array(items.map { param($0) })
        case nil: .null
        }
    }
}
