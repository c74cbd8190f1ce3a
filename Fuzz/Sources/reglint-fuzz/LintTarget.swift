import RegLintKit
import RuleSchema

/// A whole file through `Linter.lint` with the built-in rules, then the SARIF report, which must be
/// valid JSON; every finding points at line 1 or later.
enum LintFuzzTarget {
    static let rules: RuleSet = (try? RuleSet.builtIn()) ?? RuleSet(rules: [])
    static let now = Instant(milliseconds: 1_795_305_600_000)  // 2026-11-22

    static func run(_ data: [UInt8]) {
        let (name, bytes) = FuzzFileNames.split(data)
        let input = InputFile(displayPath: name, reportPath: name, source: .bytes(bytes), named: true)
        let lintResult = Linter(rules: rules, now: now, parallelism: 1).lintInOrder([input])
        guard let result = lintResult.files.first else { return invariant(false, "no result for the input") }
        for registration in result.registrations {
            for finding in registration.findings {
                invariant(finding.location.start.line >= 1 && finding.location.start.column >= 1,
                          "\(finding.ruleID) at \(finding.location.start.line):\(finding.location.start.column)")
            }
        }
        if let position = result.error?.position {
            invariant(position.line >= 1 && position.column >= 1, "input error at \(position.line):\(position.column)")
        }
        let report = LintReport(toolVersion: "fuzz", rules: rules.rules.map(\.spec), result: lintResult, now: now, failOn: .error)
        let sarif = SARIFReporter().renderBytes(report)
        do throws(JSONParseError) {
            _ = try JSONParser().parse(sarif)
        } catch {
            invariant(false, "SARIF is not valid JSON at offset \(error.offset): \(error.message)")
        }
    }
}
