import Foundation
import RuleSchema

/// JUnit XML for CI test tabs, valid against Jenkins xUnit's `junit-10.xsd`: one suite per input
/// file, one case per (registration, rule) evaluated (`reports.md` §3.4).
public struct JUnitReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, errors: 0)
        let failOn = report.failOn?.rawValue ?? "none"
        for file in report.reportedFiles {
            let name = file.input.reportPath
            let classBase = JUnitReporter.className(name)
            var cases: [String] = []
            var counts = (failures: 0, errors: 0, skipped: 0)
            if let error = file.error {
                let p = error.position
                let place = p.map { "\(name):\($0.line):\($0.column)" } ?? name
                let message = SARIFReporter.inputErrorText(name, error)
                cases.append("    <testcase classname=\"\(XMLText.attribute(classBase))\" name=\"\(XMLText.attribute("parse \(name)"))\" time=\"0\">\n"
                    + "      <error type=\"ParseError\" message=\"\(XMLText.attribute(message))\">\(XMLText.escape("error REGN001 at \(place): \(message)"))\n</error>\n"
                    + "    </testcase>")
                counts.errors += 1
            }
            for cut in file.truncations {
                let message = "Export too shallow at '\(cut.property)': re-export with a greater -Depth."
                let line = "error REGN004 at \(name):\(cut.position.line):\(cut.position.column): \(cut.message)."
                cases.append("    <testcase classname=\"\(XMLText.attribute(classBase))\" name=\"\(XMLText.attribute("export depth \(cut.pointer.isEmpty ? cut.property : cut.pointer)"))\" time=\"0\">\n"
                    + "      <error type=\"ExportTooShallow\" message=\"\(XMLText.attribute(message))\">\(XMLText.escape(line))\n</error>\n"
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
                    let open = "    <testcase classname=\"\(XMLText.attribute(classBase))\" name=\"\(XMLText.attribute(caseName))\" time=\"0\""
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
                            (["\(finding.severity.rawValue) \(finding.ruleID) at \(name):\(finding.location.start.line):\(finding.location.start.column): \(finding.message)"]
                                + finding.related.map { "  related: \($0.location.path):\($0.location.start.line):\($0.location.start.column): \($0.message)" }).joined(separator: "\n")
                        }
                        let failing = sorted.filter(report.failsThreshold)
                        if let first = failing.first {
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

    /// The path without its extension, other dots replaced, so Jenkins does not split it into packages.
    static func className(_ path: String) -> String {
        var base = path
        if let dot = base.lastIndex(of: "."), !base[dot...].contains("/") { base = String(base[..<dot]) }
        return base.replacingOccurrences(of: ".", with: "_")
    }
}
