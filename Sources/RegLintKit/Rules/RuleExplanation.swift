import RuleSchema

/// The text `reglint explain` prints: description, why, fix, and the rule's own examples.
public enum RuleExplanation {
    public static func text(for rule: RuleSpec) -> String {
        var out = "\(rule.id) \(rule.name) (\(rule.severity.rawValue))\n\(rule.title)\n\n"
        out += "Why: \(rule.description)\n\nFix: \(rule.remediation)\n\nHelp: \(rule.helpURI)\n"
        if !rule.appliesTo.isEmpty { out += "Applies to: \(rule.appliesTo.joined(separator: ", "))\n" }
        if !rule.params.isEmpty {
            out += "Parameters: " + rule.params.keys.sorted().map { "\($0) = \(rule.params[$0]?.description ?? "")" }.joined(separator: "; ") + "\n"
        }
        for (title, examples) in [("Flags", rule.examples.flag), ("Passes", rule.examples.pass)] {
            for example in examples {
                out += "\n\(title)" + (example.at.map { " at \($0)" } ?? "") + ":\n"
                for (label, json) in [("app", example.appJSON), ("config", example.configJSON)] {
                    guard let json else { continue }
                    if example.configJSON != nil { out += "  \(label):\n" }
                    out += json.split(separator: "\n").map { "    \($0)\n" }.joined()
                }
            }
        }
        return out
    }
}
