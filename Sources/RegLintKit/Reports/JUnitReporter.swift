import Foundation
import RuleSchema

/// JUnit XML for CI test tabs, valid against Jenkins xUnit's `junit-10.xsd`: one suite per input
/// file, one case per (registration, rule) evaluated (`reports.md` §3.4).
///
/// `testcaseFile` adds `file` to every `<testcase>` (GitLab reads it there for "Copy failed
/// tests"); off by default, because Jenkins xUnit's schema does not allow it and skips such files.
public struct JUnitReporter: Reporter {
    public var testcaseFile: Bool

    public init(testcaseFile: Bool = false) { self.testcaseFile = testcaseFile }

    public func render(_ report: LintReport) -> String {
        var body = ""
        var totals = JUnitTotals()
        let rules = JUnitSuite.rules(of: report)
        for file in report.reportedFiles {
            var suite = JUnitSuite(file: file, of: report, testcaseFile: testcaseFile)
            suite.add(file, of: report, rules: rules)
            body += suite.opening() + suite.takeCases() + JUnitSuite.closing
            totals.add(suite)
        }
        return JUnitReporter.document(totals, suites: body.isEmpty ? nil : body)
    }

    /// The XML declaration and the `<testsuites>` root around `suites` (nil: no suite).
    static func document(_ totals: JUnitTotals, suites: String?) -> String {
        guard let suites else { return documentHead(totals, empty: true) }
        return documentHead(totals, empty: false) + suites + documentTail
    }

    /// What comes before the suites: the declaration and the root's opening tag, whose counts
    /// are the run's (so a streamed document writes it last and puts it first).
    static func documentHead(_ totals: JUnitTotals, empty: Bool) -> String {
        let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let rootAttributes = "name=\"reglint\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\" time=\"0\""
        return header + (empty ? "<testsuites \(rootAttributes)/>\n" : "<testsuites \(rootAttributes)>\n")
    }

    static let documentTail = "</testsuites>\n"

    /// "[baseline] " or "[suppressed] " before a finding's line, nothing for an open one.
    static func tag(_ finding: Finding) -> String {
        switch finding.disposition {
        case .open: ""
        case .baselined: "[baseline] "
        case .suppressed: "[suppressed] "
        }
    }

    /// The path without its extension, other dots replaced, so Jenkins does not split it into packages.
    static func className(_ path: String) -> String {
        var base = path
        if let dot = base.lastIndex(of: "."), !base[dot...].contains("/") { base = String(base[..<dot]) }
        return base.replacingOccurrences(of: ".", with: "_")
    }
}
