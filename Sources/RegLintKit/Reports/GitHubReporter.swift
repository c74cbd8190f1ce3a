/// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), so findings
/// show as annotations on the pull request without a SARIF upload.
public struct GitHubReporter: Reporter {
    public init() {}

    /// Each file's findings are named by that file's path from the repository root (two inputs
    /// may be shown by the same path: standard input named like a file).
    public func render(_ report: LintReport) -> String {
        var out = lines(report.diagnostics[...])
        var start = 0
        for (index, file) in report.result.files.enumerated() {
            out += lines(report.findings[start..<report.findingEnds[index]], files: [file])
            start = report.findingEnds[index]
        }
        return out
    }

    /// A command for each diagnostic that is not a note.
    func lines(_ diagnostics: ArraySlice<Diagnostic>) -> String {
        var out = ""
        for diagnostic in diagnostics where diagnostic.level != .note {
            var properties = [("file", diagnostic.reportPath), ("title", "reglint \(diagnostic.kind.rawValue) \(diagnostic.kind.name)")]
            if let p = diagnostic.position { properties += [("line", String(p.line)), ("col", String(p.column))] }
            out += command(diagnostic.level == .error ? "error" : "warning", properties, diagnostic.message)
        }
        return out
    }

    /// A command for each finding that is not suppressed, its file named by its path from the
    /// repository root (`files`: the inputs the findings come from).
    func lines(_ findings: ArraySlice<Finding>, files: [FileResult]) -> String {
        var out = ""
        var reportPathOf: [String: String] = [:]
        for file in files { reportPathOf[file.input.displayPath] = file.input.reportPath }
        for finding in findings {
            if case .suppressed = finding.disposition { continue }
            var level: String
            switch finding.severity {
            case .error: level = "error"
            case .warning: level = "warning"
            case .note: level = "notice"
            }
            let baselined = finding.disposition == .baselined
            if baselined { level = "notice" }
            let location = finding.location
            out += command(level, [
                ("file", reportPathOf[location.path] ?? location.path),
                ("line", String(location.start.line)), ("col", String(location.start.column)),
                ("endLine", String(location.end.line)), ("endColumn", String(location.end.column)),
                ("title", "\(finding.ruleID) \(finding.ruleName)\(baselined ? " (baseline)" : "")"),
            ], finding.message)
        }
        return out
    }

    private func command(_ name: String, _ properties: [(String, String)], _ message: String) -> String {
        let list = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(name) \(list)::\(Self.escapeData(message))\n"
    }

    /// The escaping the Actions runner undoes in a command's message.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Properties also escape the separators `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

import Foundation
