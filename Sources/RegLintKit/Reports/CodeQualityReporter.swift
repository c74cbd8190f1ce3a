import RuleSchema

/// GitLab Code Quality JSON (the Code Climate subset GitLab reads from
/// `artifacts:reports:codequality`), so findings show in the merge request's Code Quality widget.
/// Suppressed findings are left out; inputs that could not be read are issues of their own.
public struct CodeQualityReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String { String(decoding: renderBytes(report), as: UTF8.self) }

    public func renderBytes(_ report: LintReport) -> [UInt8] {
        var json = JSONWriter(capacity: 16_384 + 512 * report.findings.count)
        json.beginArray()
        writeIssues(report.diagnostics[...], into: &json)
        // Each file's findings named by that file's report path (as `GitHubReporter`).
        var start = 0
        for (index, file) in report.result.files.enumerated() {
            writeIssues(report.findings[start..<report.findingEnds[index]], files: [file], into: &json)
            start = report.findingEnds[index]
        }
        json.endArray()
        return json.finished()
    }

    /// An issue for each input error (diagnostics at level error), as values of the open array.
    func writeIssues(_ diagnostics: ArraySlice<Diagnostic>, into json: inout JSONWriter) {
        for diagnostic in diagnostics where diagnostic.level == .error {
            let line = diagnostic.position?.line ?? 1
            writeIssue(
                description: "\(diagnostic.kind.name): \(LintReport.sentence(diagnostic.message))",
                check: "reglint/\(diagnostic.kind.rawValue)", severity: "critical",
                fingerprint: Fingerprint.fnv1a("\(diagnostic.kind.rawValue)|\(diagnostic.reportPath)|\(line)|\(diagnostic.message)"),
                path: diagnostic.reportPath, line: line, into: &json)
        }
    }

    /// An issue for each finding that is not suppressed (`files`: the inputs they come from).
    func writeIssues(_ findings: ArraySlice<Finding>, files: [FileResult], into json: inout JSONWriter) {
        var reportPathOf: [String: String] = [:]
        for file in files { reportPathOf[file.input.displayPath] = file.input.reportPath }
        for finding in findings {
            if case .suppressed = finding.disposition { continue }
            writeIssue(
                description: "\(finding.ruleID) \(finding.ruleName): \(finding.message)",
                check: "reglint/\(finding.ruleID)", severity: CodeQualityReporter.severity(finding.severity),
                fingerprint: finding.fingerprint, path: reportPathOf[finding.location.path] ?? finding.location.path,
                line: finding.location.start.line, into: &json)
        }
    }

    private func writeIssue(description: String, check: String, severity: String, fingerprint: String, path: String, line: Int,
                            into json: inout JSONWriter) {
        json.beginObject()
        json.member("description", description)
        json.member("check_name", check)
        json.member("fingerprint", fingerprint)
        json.member("severity", severity)
        json.key("location")
        json.beginObject()
        json.member("path", path)
        json.key("lines")
        json.beginObject()
        json.member("begin", line)
        json.endObject()
        json.endObject()
        json.endObject()
    }

    /// Levels onto GitLab's scale (info, minor, major, critical, blocker), as SARIF's
    /// security-severity bands do: error 8.0 → critical, warning 5.5 → major, note 2.0 → minor.
    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: "critical"
        case .warning: "major"
        case .note: "minor"
        }
    }
}
