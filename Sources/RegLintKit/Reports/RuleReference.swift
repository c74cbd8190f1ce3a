import RuleSchema

/// The rule reference in Markdown (`docs/rules/`, or one page), generated from the rule files so the docs
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

    /// The areas rules are grouped by in the index, from their first tag, in catalog order.
    static let areas: [(tag: String, title: String)] = [
        ("client-type", "Client type and flows (REG1xx)"), ("redirect-uri", "Redirect URIs (REG2xx)"),
        ("credential", "Credentials (REG3xx)"), ("permission", "Permissions (REG4xx)"), ("audience", "Audience and identifiers (REG5xx)"),
        ("hygiene", "Ownership and hygiene (REG6xx)"), ("deprecation", "Deprecations (REG7xx)"),
    ]

    /// The area of a rule: its id's hundred (REG2xx is redirect URIs), the catalog's numbering.
    static func area(of rule: RuleSpec) -> String {
        let digit = rule.id.dropFirst(3).first.map(String.init) ?? ""
        return areas.indices.first { String($0 + 1) == digit }.map { areas[$0].title } ?? "Other"
    }

    /// `docs/rules/`: an index by area (`README.md`) and one page per rule (`REGnnn.md`),
    /// generated so the docs cannot drift from the rules (`reglint rules --docs DIR`).
    public static func pages(_ rules: [RuleSpec]) -> [(file: String, text: String)] {
        var index = "# Rule reference\n\nGenerated from `rules/*.yml` by `reglint rules --docs docs/rules`; do not edit by hand. \(rules.count) rules.\n"
        var grouped: [String: [RuleSpec]] = [:]
        for rule in rules { grouped[area(of: rule), default: []].append(rule) }
        for title in areas.map(\.title) + ["Other"] {
            guard let list = grouped[title], !list.isEmpty else { continue }
            index += "\n## \(title)\n\n| id | name | severity | applies to | title |\n|---|---|---|---|---|\n"
            for rule in list {
                index += "| [\(rule.id)](\(rule.id).md) | `\(rule.name)` | \(severities(rule)) | \(rule.appliesTo.isEmpty ? "any" : rule.appliesTo.joined(separator: ", ")) | \(rule.title) |\n"
            }
        }
        index += "\nThe facts rules read under `facts` are listed in [facts.md](facts.md).\n"
        return [("README.md", index), ("facts.md", factsPage())] + rules.map { ("\($0.id).md", page($0)) }
    }

    /// `facts.md`: every fact reglint derives, from `FactRegistry`, the list the rule parser also
    /// checks paths against.
    static func factsPage() -> String {
        var out = "# Facts\n\nGenerated from `Sources/RuleSchema/FactRegistry.swift` by `reglint rules --docs docs/rules`; do not edit by hand.\n"
        out += "Facts are what reglint derives from an export before any rule runs; rules read them as paths like the export's own members.\n"
        out += "A fact that is *unknown* (the export carries it in a form reglint cannot read) makes a rule that reads it not evaluated, with the reason.\n"
        for (title, fields, prefix) in [("On a registration or configuration file", FactRegistry.registration, "facts"),
                                        ("On each `passwordCredentials[]` and `keyCredentials[]` element", FactRegistry.credential, "facts")] {
            out += "\n## \(title)\n\n| path | value |\n|---|---|\n"
            for (path, summary) in FactRegistry.flattened(fields, prefix: prefix) {
                out += "| `\(path)` | \(summary.replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
        }
        return out
    }

    static func severities(_ rule: RuleSpec) -> String {
        Set(rule.branches.map { $0.severity ?? rule.severity }).sorted(by: >).map(\.rawValue).joined(separator: " / ")
    }

    /// One rule's page: what, why, fix, parameters, profiles, and its examples.
    static func page(_ rule: RuleSpec) -> String {
        var out = "# \(rule.id) `\(rule.name)`\n\n**\(rule.title).** Severity \(severities(rule)); security-severity \(rule.securitySeverityScore); precision \(rule.precision).\n"
        out += "Applies to: \(rule.appliesTo.isEmpty ? "every app registration" : rule.appliesTo.joined(separator: ", ")).\n"
        if !rule.tags.isEmpty { out += "Tags: \(rule.tags.joined(separator: ", ")).\n" }
        if !rule.aliases.isEmpty { out += "Former names: \(rule.aliases.joined(separator: ", ")).\n" }
        out += "\n## Why\n\n\(rule.description)\n\n## Fix\n\n\(rule.remediation)\n\nSource: <\(rule.helpURI)>\n"
        if !rule.params.isEmpty {
            out += "\n## Parameters\n\n| name | default |\n|---|---|\n"
            for key in rule.params.keys.sorted() { out += "| `\(key)` | `\(rule.params[key]?.description ?? "")` |\n" }
            out += "\nSet them in `.reglint.yml`: `params: { \(rule.id): { \(rule.params.keys.sorted()[0]): … } }`.\n"
        }
        if !rule.profiles.isEmpty {
            out += "\n## Profiles\n\n" + rule.profiles.keys.sorted().map { "- `\($0)`: \(rule.profiles[$0]?.rawValue ?? "")" }.joined(separator: "\n") + "\n"
        }
        for (title, examples) in [("Flagged", rule.examples.flag), ("Passes", rule.examples.pass)] where !examples.isEmpty {
            out += "\n## \(title)\n"
            for example in examples {
                var heading = ""
                if let at = example.at { heading += " at `\(at)`" }
                if let severity = example.severity { heading += " (\(severity.rawValue))" }
                if example.now != "2026-11-22" { heading += ", judged on \(example.now)" }
                if !heading.isEmpty { out += "\nFinding\(heading):\n" }
                for (label, json) in [("app", example.appJSON), ("config", example.configJSON)] {
                    guard let json else { continue }
                    out += "\n\(label == "config" ? "With this app configuration file:" : "Registration:")\n\n```json\n\(json)\n```\n"
                }
            }
        }
        return out
    }

    /// The rules as JSON (`reglint rules --format json`): what tooling around reglint needs to
    /// know about each rule, in id order.
    public static func json(_ rules: [RuleSpec]) -> String {
        var json = JSONWriter(capacity: 65_536 + 2_048 * rules.count)
        json.beginObject()
        json.member("schemaVersion", 1)
        json.key("rules")
        json.beginArray()
        for rule in rules { writeRule(rule, into: &json) }
        json.endArray()
        json.key("retired")
        json.beginArray()
        for retired in RetiredRule.registry {
            json.beginObject()
            json.member("id", retired.id)
            json.member("name", retired.name)
            json.member("retired", retired.retired)
            json.member("reason", retired.reason)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.finishedText()
    }

    private static func writeRule(_ rule: RuleSpec, into json: inout JSONWriter) {
        json.beginObject()
        json.member("id", rule.id)
        json.member("name", rule.name)
        json.member("title", rule.title)
        json.member("severity", rule.severity.rawValue)
        json.member("severities", strings: Set(rule.branches.map { $0.severity ?? rule.severity }).sorted(by: >).map(\.rawValue))
        json.member("securitySeverity", rule.securitySeverityScore)
        json.member("precision", rule.precision)
        json.member("appliesTo", strings: rule.appliesTo)
        json.member("tags", strings: rule.tags)
        json.member("helpUri", rule.helpURI)
        json.member("description", rule.description)
        json.member("remediation", rule.remediation)
        json.key("params")
        json.beginObject()
        for key in rule.params.keys.sorted() {
            json.key(key)
            writeParam(rule.params[key], into: &json)
        }
        json.endObject()
        json.member("aliases", strings: rule.aliases)
        json.endObject()
    }

    static func writeParam(_ value: ParamValue?, into json: inout JSONWriter) {
        switch value {
        case .number(let n)?:
            if n == n.rounded() && abs(n) < 1e15 { json.int(Int(n)) } else { json.string(String(n)) }
        case .string(let s)?: json.string(s)
        case .bool(let b)?: json.bool(b)
        case .list(let items)?:
            json.beginArray()
            for item in items { writeParam(item, into: &json) }
            json.endArray()
        case nil: json.null()
        }
    }
}
