import RuleSchema

/// The policy stage: which rules run and with what parameters, the severity of their findings,
/// which findings are accepted (suppressions, baseline), and the exit code. Everything a team
/// tunes lives here, so that the engine judges and the policy decides.
public struct Policy: Sendable {
    /// Findings at or above this severity fail the run; nil for `--fail-on none`.
    public var failOn: Severity? = .error
    /// Rule ids switched off.
    public var disabled: Set<String> = []
    /// When set, only these rule ids run.
    public var only: Set<String>?
    /// Severity per rule id, replacing the rule's (and its branches').
    public var severities: [String: Severity] = [:]
    /// Parameter overrides per rule id.
    public var params: [String: [String: ParamValue]] = [:]
    public var suppressions: [Suppression] = []
    public var baseline: Baseline?
    /// A run with nothing to lint passes instead of failing (exit 2).
    public var allowEmpty = false
    /// `production` (default) or `development`: rules may carry their own severity per profile
    /// (localhost and test-tool callbacks are notes in development).
    public var profile = "production"

    /// Adds the severities the profile gives rules, where the configuration sets none.
    public mutating func applyProfile(to rules: RuleSet) {
        for rule in rules.rules {
            if let severity = rule.spec.profiles[profile], severities[rule.id] == nil { severities[rule.id] = severity }
        }
    }

    public init() {}

    /// The rules that run, with the configured severities as their defaults.
    public func select(_ rules: RuleSet) -> RuleSet {
        RuleSet(rules: rules.rules.compactMap { rule in
            let id = rule.id.uppercased()
            if disabled.contains(id) { return nil }
            if let only, !only.contains(id) { return nil }
            guard let severity = severities[id] else { return rule }
            var changed = rule
            changed.spec.severity = severity
            return changed
        })
    }

    /// Gives every finding its severity and disposition, in place; returns what the policy has to
    /// say about its own entries (suppressions that expired or matched nothing).
    public func apply(to result: inout LintResult, now: Instant) -> [PolicyNote] {
        var tally = PolicyTally(self, now: now)
        for f in result.files.indices { tally.apply(to: &result.files[f]) }
        return tally.notes()
    }

    /// DESIGN §8: 2 for an input that could not be read or judged (or nothing to lint), else 1
    /// for an open finding at or above the threshold, else 0. Suppressed and baselined findings
    /// never count; 2 wins over 1.
    public func exitCode(files: [FileResult], findings: [Finding]) -> Int32 {
        if files.contains(where: { $0.error != nil || !$0.truncations.isEmpty }) { return 2 }
        if isEmpty(files) { return 2 }
        if let failOn, findings.contains(where: { $0.isOpen && $0.severity >= failOn }) { return 1 }
        return 0
    }

    /// True when nothing was linted and that is not allowed.
    public func isEmpty(_ files: [FileResult]) -> Bool {
        !allowEmpty && !files.contains { !$0.skipped }
    }

    /// Whether a finding counts toward the exit code.
    public func fails(_ finding: Finding) -> Bool {
        guard let failOn, finding.isOpen else { return false }
        return finding.severity >= failOn
    }
}

/// What the policy says about its own entries, located in the configuration file.
public struct PolicyNote: Sendable, Hashable {
    public var kind: Diagnostic.Kind
    public var origin: ConfigurationPosition
    public var ruleID: String?
    public var message: String
}
