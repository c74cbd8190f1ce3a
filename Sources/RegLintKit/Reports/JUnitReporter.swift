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
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, errors: 0)
        let failOn = report.failOn?.rawValue ?? "none"
        for file in report.reportedFiles {
            let name = file.input.reportPath
            let classBase = JUnitReporter.className(name)
            var cases: [String] = []
            var counts = (failures: 0, errors: 0, skipped: 0)
            let fileAttribute = testcaseFile ? " file=\"\(XMLText.attribute(name))\"" : ""
            for diagnostic in LintReport.diagnostics(of: file) where diagnostic.kind == .inputUnreadable || diagnostic.kind == .exportTooShallow {
                let place = diagnostic.position.map { "\(name):\($0.line):\($0.column)" } ?? name
                let text = LintReport.sentence(diagnostic.message)
                let (caseName, type) = diagnostic.kind == .inputUnreadable
                    ? ("parse \(name)", "ParseError")
                    : ("export depth \(diagnostic.position.map { "\($0.line):\($0.column)" } ?? "")", "ExportTooShallow")
                cases.append("    <testcase classname=\"\(XMLText.attribute(classBase))\" name=\"\(XMLText.attribute(caseName))\"\(fileAttribute) time=\"0\">\n"
                    + "      <error type=\"\(type)\" message=\"\(XMLText.attribute(text))\">\(XMLText.escape("error \(diagnostic.kind.rawValue) at \(place): \(text)"))\n</error>\n"
                    + "    </testcase>")
                counts.errors += 1
            }
            var seenNames: [String: Int] = [:]
            for registration in file.registrations {
                let appLabel = registration.reference.label
                for outcome in registration.outcomes {
                    guard let rule = report.rule(outcome.ruleID) else { continue }
                    var caseName = "\(rule.id) \(rule.name): \(appLabel)"
                    let seen = seenNames[caseName, default: 0]
                    seenNames[caseName] = seen + 1
                    if seen > 0 { caseName += " [\(registration.reference.pointer)]" }
                    let open = "    <testcase classname=\"\(XMLText.attribute(classBase))\" name=\"\(XMLText.attribute(caseName))\"\(fileAttribute) time=\"0\""
                    switch outcome.status {
                    case .passed:
                        cases.append(open + "/>")
                    case .notEvaluated(let reason):
                        let message = "Not evaluated: \(reason)."
                        let line = "note REGN002 at \(name):\(registration.reference.location.start.line):\(registration.reference.location.start.column): \(rule.id) was not evaluated for '\(appLabel)': \(reason)."
                        cases.append(open + ">\n      <skipped message=\"\(XMLText.attribute(message))\">\(XMLText.escape(line))\n</skipped>\n    </testcase>")
                        counts.skipped += 1
                    case .findings(let findings):
                        let sorted = findings.sorted(by: LintReport.order)
                        let lines = sorted.map { finding in
                            (["\(JUnitReporter.tag(finding))\(finding.severity.rawValue) \(finding.ruleID) at \(name):\(finding.location.start.line):\(finding.location.start.column): \(finding.message)"]
                                + finding.related.map { "  related: \($0.location.path):\($0.location.start.line):\($0.location.start.column): \($0.message)" }).joined(separator: "\n")
                        }
                        let failing = sorted.filter(report.failsThreshold)
                        let suppressed = sorted.compactMap { finding -> Justification? in
                            if case .suppressed(let why) = finding.disposition { return why }
                            return nil
                        }
                        if failing.isEmpty, !suppressed.isEmpty, suppressed.count == sorted.count {
                            let why = suppressed[0]
                            let message = "Suppressed: \(why.reason)\(why.expires.map { " (until \($0))" } ?? "")"
                            let body = lines.joined(separator: "\n") + "\nSuppressed by \(why.source): \(why.reason)"
                            cases.append(open + ">\n      <skipped message=\"\(XMLText.attribute(message))\">\(XMLText.escape(body))\n</skipped>\n    </testcase>")
                            counts.skipped += 1
                        } else if let first = failing.first {
                            let worst = failing.map(\.severity).max() ?? first.severity
                            let message = failing.count == 1 ? first.message : "\(failing.count) findings: \(first.message)"
                            let body = lines.joined(separator: "\n") + "\nFix: \(rule.remediation)\nHelp: \(rule.helpURI)"
                            cases.append(open + ">\n      <failure type=\"\(worst.rawValue)\" message=\"\(XMLText.attribute(message))\">\(XMLText.escape(body))\n</failure>\n    </testcase>")
                            counts.failures += 1
                        } else {
                            cases.append(open + ">\n      <system-out>\(XMLText.escape(lines.joined(separator: "\n")))\n</system-out>\n    </testcase>")
                        }
                    }
                }
            }
            totals.tests += cases.count
            totals.failures += counts.failures
            totals.errors += counts.errors
            let attributes = "name=\"\(XMLText.attribute(name))\" file=\"\(XMLText.attribute(name))\" tests=\"\(cases.count)\" failures=\"\(counts.failures)\" errors=\"\(counts.errors)\" skipped=\"\(counts.skipped)\" time=\"0\" timestamp=\"\(report.now.dateTimeString)\""
            var suite = "  <testsuite \(attributes)>\n"
            suite += "    <properties>\n      <property name=\"reglint.version\" value=\"\(XMLText.attribute(report.toolVersion))\"/>\n      <property name=\"reglint.failOn\" value=\"\(failOn)\"/>\n    </properties>\n"
            suite += cases.map { $0 + "\n" }.joined()
            suite += "  </testsuite>\n"
            suites.append(suite)
        }
        let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let rootAttributes = "name=\"reglint\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\" time=\"0\""
        if suites.isEmpty { return header + "<testsuites \(rootAttributes)/>\n" }
        return header + "<testsuites \(rootAttributes)>\n" + suites.joined() + "</testsuites>\n"
    }

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
