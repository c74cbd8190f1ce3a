import Foundation
/// Text for people: `path:line:col: severity REGnnn name: message`, grouped by file, one summary line.
public struct TextReporter: Reporter {
    public var color: Bool

    public init(color: Bool = false) { self.color = color }

    public func render(_ report: LintReport) -> String {
        var out = ""
        for file in report.reportedFiles {
            if let error = file.error {
                let p = error.position
                let place = p.map { "\(file.input.displayPath):\($0.line):\($0.column)" } ?? file.input.displayPath
                out += "\(TextLine.escape(place)): \(paint("error", .red)): \(TextLine.escape(error.message))\n"
                continue
            }
            for cut in file.truncations {
                out += "\(TextLine.escape(file.input.displayPath)):\(cut.position.line):\(cut.position.column): \(paint("error", .red)): \(TextLine.escape(cut.message))\n"
            }
            for notice in file.notices {
                out += "\(TextLine.escape(file.input.displayPath)):\(notice.position.line):\(notice.position.column): \(paint("note", .blue)): \(TextLine.escape(notice.message))\n"
            }
            for finding in file.registrations.flatMap(\.findings).sorted(by: LintReport.order) {
                let place = "\(TextLine.escape(finding.location.path)):\(finding.location.start.line):\(finding.location.start.column)"
                out += "\(place): \(paint(finding.severity.rawValue, tone(finding.severity))) \(finding.ruleID) \(finding.ruleName): \(TextLine.escape(finding.message))\n"
                for related in finding.related {
                    out += "  \(TextLine.escape(related.location.path)):\(related.location.start.line):\(related.location.start.column): \(paint("note", .blue)): \(TextLine.escape(related.message))\n"
                }
            }
        }
        out += summary(report) + "\n"
        return out
    }

    func summary(_ report: LintReport) -> String {
        let findings = report.findings
        let count = { (s: Severity) in findings.filter { $0.severity == s }.count }
        let files = report.reportedFiles
        let configurations = files.filter { $0.format?.isConfiguration ?? false }.count
        let registrations = files.filter { !($0.format?.isConfiguration ?? false) }.reduce(0) { $0 + $1.registrations.count }
        var parts = ["\(plural(findings.count, "finding")) (\(plural(count(.error), "error")), \(plural(count(.warning), "warning")), \(plural(count(.note), "note")))"]
        let what = configurations == 0 ? plural(registrations, "registration") : "\(plural(registrations, "registration")) and \(plural(configurations, "configuration file"))"
        parts.append("in \(what) from \(plural(files.count - report.result.failedInputs.count, "file"))")
        var line = parts.joined(separator: " ")
        let failed = report.result.failedInputs.count
        if failed > 0 { line += "; \(plural(failed, "input")) could not be read" }
        let shallow = files.filter { !$0.truncations.isEmpty }.count
        if shallow > 0 { line += "; \(plural(shallow, "export")) too shallow to judge" }
        if report.skippedCount > 0 { line += "; \(plural(report.skippedCount, "file")) skipped (not an app registration export)" }
        if report.notEvaluatedCount > 0 { line += "; \(plural(report.notEvaluatedCount, "check")) not evaluated (fields absent from or unknown in the export)" }
        return line + "."
    }

    private func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    enum Tone: String { case red = "31", yellow = "33", blue = "34" }

    private func tone(_ severity: Severity) -> Tone {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .note: .blue
        }
    }

    private func paint(_ text: String, _ tone: Tone) -> String {
        color ? "\u{1B}[\(tone.rawValue)m\(text)\u{1B}[0m" : text
    }
}

import RuleSchema
