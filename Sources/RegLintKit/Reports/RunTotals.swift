import RuleSchema

/// What a run's closing line and exit code are made of, added up file by file: a streamed run
/// keeps these numbers, not the files.
public struct RunTotals: Sendable {
    public var counts = FindingCounts([])
    /// Files linted or failed (skipped ones are not counted here).
    public var reportedFiles = 0
    public var failedInputs = 0
    public var configurationFiles = 0
    public var registrations = 0
    public var shallowExports = 0
    public var skippedFiles = 0
    public var notEvaluated = 0
    /// An open finding at or above the policy's threshold was seen.
    public var failingFinding = false

    public init() {}

    /// The totals of a whole report.
    public init(_ report: LintReport) {
        counts = report.counts
        for file in report.result.files { add(file) }
        notEvaluated = report.notEvaluatedCount
        failingFinding = report.findings.contains(where: report.policy.fails)
    }

    /// One file's numbers (its findings and not-evaluated checks are added by the caller).
    public mutating func add(_ file: FileResult) {
        if file.continued {
            registrations += file.registrations.count
            return
        }
        if file.skipped {
            skippedFiles += 1
            return
        }
        reportedFiles += 1
        if file.error != nil { failedInputs += 1 }
        if file.format?.isConfiguration ?? false { configurationFiles += 1 } else { registrations += file.registrations.count }
        if !file.truncations.isEmpty { shallowExports += 1 }
    }

    /// DESIGN §8, as `Policy.exitCode` gives it for a whole run.
    public func exitCode(_ policy: Policy) -> Int32 {
        if failedInputs > 0 || shallowExports > 0 { return 2 }
        if !policy.allowEmpty && reportedFiles == 0 { return 2 }
        return failingFinding ? 1 : 0
    }
}
