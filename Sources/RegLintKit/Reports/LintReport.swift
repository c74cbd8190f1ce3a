import RuleSchema

/// Everything a report needs; reporters read nothing else (no clock, no environment).
public struct LintReport: Sendable {
    public var toolName = "reglint"
    public var toolVersion: String
    /// The rules that ran, sorted by id.
    public var rules: [RuleSpec]
    public let result: LintResult
    /// Every finding, in file order then position then rule id (sorted once).
    public let findings: [Finding]
    /// The exit code DESIGN §8 gives this run.
    public let exitCode: Int32
    public var now: Instant
    /// Findings at or above this severity fail the run; nil for `--fail-on none`.
    public var failOn: Severity?

    public init(toolVersion: String, rules: [RuleSpec], result: LintResult, now: Instant, failOn: Severity?) {
        self.toolVersion = toolVersion
        self.rules = rules
        self.result = result
        self.now = now
        self.failOn = failOn
        let findings = result.files.flatMap { file in file.registrations.flatMap(\.findings).sorted(by: Self.order) }
        self.findings = findings
        if result.files.contains(where: { $0.error != nil || !$0.truncations.isEmpty }) {
            exitCode = 2
        } else if let failOn, findings.contains(where: { $0.severity >= failOn }) {
            exitCode = 1
        } else {
            exitCode = 0
        }
    }

    static func order(_ a: Finding, _ b: Finding) -> Bool {
        (a.location.start.line, a.location.start.column, a.ruleID, a.location.start.offset, a.message)
            < (b.location.start.line, b.location.start.column, b.ruleID, b.location.start.offset, b.message)
    }

    /// Files that were linted or failed (walked files that were not exports are left out).
    public var reportedFiles: [FileResult] { result.files.filter { !$0.skipped } }
    public var skippedCount: Int { result.files.filter(\.skipped).count }

    /// Every secret value seen in any input.
    public var secrets: [String] {
        Array(Set(result.files.flatMap(\.secrets))).sorted { ($0.count, $0) > ($1.count, $1) }
    }

    public func failsThreshold(_ finding: Finding) -> Bool {
        guard let failOn else { return false }
        return finding.severity >= failOn
    }

    public func rule(_ id: String) -> RuleSpec? { rules.first { $0.id == id } }
    public func ruleIndex(_ id: String) -> Int? { rules.firstIndex { $0.id == id } }

    /// The number of (registration, rule) checks that could not be evaluated.
    public var notEvaluatedCount: Int {
        result.files.reduce(0) { total, file in
            total + file.registrations.reduce(0) { sum, registration in
                sum + registration.outcomes.filter { if case .notEvaluated = $0.status { true } else { false } }.count
            }
        }
    }
}

/// An output format; each maps to its reporter (exhaustively, so a new format must be wired).
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, github

    public func reporter(color: Bool = false) -> any Reporter {
        switch self {
        case .text: TextReporter(color: color)
        case .json: JSONReporter()
        case .sarif: SARIFReporter()
        case .junit: JUnitReporter()
        case .github: GitHubReporter()
        }
    }
}

/// Renders a whole report; pure: the same report gives the same bytes.
public protocol Reporter: Sendable {
    func render(_ report: LintReport) -> String
}

extension Reporter {
    /// Renders and then masks every known secret value, as a last line of defence.
    public func renderMasked(_ report: LintReport) -> String {
        let secrets = report.secrets.filter(SecretMask.isScrubbable)
        return SecretMask.scrub(render(report), secrets: secrets.flatMap { [$0, XMLText.escape($0), XMLText.attribute($0), JSONText.escape($0), TextLine.escape($0)] })
    }
}
