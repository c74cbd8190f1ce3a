import RuleSchema

/// One `<testsuite>`: the test cases of one input file, added as its registrations come (a
/// collection handed on in pieces adds each piece), with the counts its opening tag carries.
/// Shared by the whole-report `JUnitReporter` and the streamed `JUnitStream`, so both write the
/// same bytes.
struct JUnitSuite {
    let name: String
    /// The `classname` attribute's value, escaped once.
    private let classAttribute: String
    private let fileAttribute: String
    /// The cases written so far and not yet taken, each followed by a newline.
    private var cases = ""
    private(set) var tests = 0
    private(set) var failures = 0
    private(set) var errors = 0
    private(set) var skipped = 0
    /// The rules each registration label already has a case for in this suite (bits by rule
    /// position), for the `[pointer]` that tells repeated case names apart: a name is its rule and
    /// its label, so this holds a label per app rather than every case name.
    private var seenCases: [String: [UInt64]] = [:]

    /// What the opening tag says of the run.
    private let failOn: String
    private let timestamp: String
    private let toolVersion: String

    init(file: FileResult, of report: LintReport, testcaseFile: Bool) {
        failOn = report.failOn?.rawValue ?? "none"
        timestamp = report.now.dateTimeString
        toolVersion = report.toolVersion
        name = file.input.reportPath
        classAttribute = XMLText.attribute(JUnitReporter.className(name))
        fileAttribute = testcaseFile ? " file=\"\(XMLText.attribute(name))\"" : ""
    }

    /// Bytes of case text held (a streamed suite moves them to disk past a bound).
    var heldBytes: Int { cases.utf8.count }

    /// The cases written since the last call, leaving none held.
    mutating func takeCases() -> String {
        defer { cases = "" }
        return cases
    }

    /// The opening tag with the suite's counts, and its properties.
    func opening() -> String {
        let attributes = "name=\"\(XMLText.attribute(name))\" file=\"\(XMLText.attribute(name))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"0\" timestamp=\"\(timestamp)\""
        return "  <testsuite \(attributes)>\n"
            + "    <properties>\n      <property name=\"reglint.version\" value=\"\(XMLText.attribute(toolVersion))\"/>\n      <property name=\"reglint.failOn\" value=\"\(failOn)\"/>\n    </properties>\n"
    }

    static let closing = "  </testsuite>\n"

    /// The report's rules by id with their positions (the first of an id, as `LintReport.rule`
    /// finds it), looked up once per case instead of searched.
    static func rules(of report: LintReport) -> [String: (position: Int, spec: RuleSpec)] {
        var byID: [String: (position: Int, spec: RuleSpec)] = [:]
        for (position, rule) in report.rules.enumerated() where byID[rule.id] == nil { byID[rule.id] = (position, rule) }
        return byID
    }

    /// The cases of `file` (the whole file, or one piece of it): a failed read or a cut export
    /// first, then one case per (registration, rule) evaluated; `rules` is `JUnitSuite.rules(of:)`.
    mutating func add(_ file: FileResult, of report: LintReport, rules: [String: (position: Int, spec: RuleSpec)]) {
        for diagnostic in LintReport.diagnostics(of: file) where diagnostic.kind == .inputUnreadable || diagnostic.kind == .exportTooShallow {
            let place = diagnostic.position.map { "\(name):\($0.line):\($0.column)" } ?? name
            let text = LintReport.sentence(diagnostic.message)
            let (caseName, type) = diagnostic.kind == .inputUnreadable
                ? ("parse \(name)", "ParseError")
                : ("export depth \(diagnostic.position.map { "\($0.line):\($0.column)" } ?? "")", "ExportTooShallow")
            append("    <testcase classname=\"\(classAttribute)\" name=\"\(XMLText.attribute(caseName))\"\(fileAttribute) time=\"0\">\n"
                + "      <error type=\"\(type)\" message=\"\(XMLText.attribute(text))\">\(XMLText.escape("error \(diagnostic.kind.rawValue) at \(place): \(text)"))\n</error>\n"
                + "    </testcase>")
            errors += 1
        }
        for registration in file.registrations {
            for outcome in registration.outcomes {
                guard let rule = rules[outcome.ruleID] else { continue }
                add(outcome, of: registration, rule: rule.spec, position: rule.position, report: report)
            }
        }
    }

    private mutating func add(_ outcome: RuleResult, of registration: RegistrationResult, rule: RuleSpec, position: Int, report: LintReport) {
        let appLabel = registration.reference.label
        var caseName = "\(rule.id) \(rule.name): \(appLabel)"
        if !firstCase(of: appLabel, rule: position) { caseName += " [\(registration.reference.pointer)]" }
        let open = "    <testcase classname=\"\(classAttribute)\" name=\"\(XMLText.attribute(caseName))\"\(fileAttribute) time=\"0\""
        switch outcome.status {
        case .passed:
            append(open + "/>")
        case .notEvaluated(let reason):
            let message = "Not evaluated: \(reason)."
            let line = "note REGN002 at \(name):\(registration.reference.location.start.line):\(registration.reference.location.start.column): \(rule.id) was not evaluated for '\(appLabel)': \(reason)."
            append(open + ">\n      <skipped message=\"\(XMLText.attribute(message))\">\(XMLText.escape(line))\n</skipped>\n    </testcase>")
            skipped += 1
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
                append(open + ">\n      <skipped message=\"\(XMLText.attribute(message))\">\(XMLText.escape(body))\n</skipped>\n    </testcase>")
                skipped += 1
            } else if let first = failing.first {
                let worst = failing.map(\.severity).max() ?? first.severity
                let message = failing.count == 1 ? first.message : "\(failing.count) findings: \(first.message)"
                let body = lines.joined(separator: "\n") + "\nFix: \(rule.remediation)\nHelp: \(rule.helpURI)"
                append(open + ">\n      <failure type=\"\(worst.rawValue)\" message=\"\(XMLText.attribute(message))\">\(XMLText.escape(body))\n</failure>\n    </testcase>")
                failures += 1
            } else {
                append(open + ">\n      <system-out>\(XMLText.escape(lines.joined(separator: "\n")))\n</system-out>\n    </testcase>")
            }
        }
    }

    /// True the first time a label meets a rule in this suite (and records it).
    private mutating func firstCase(of label: String, rule position: Int) -> Bool {
        let word = position / 64, bit = UInt64(1) << UInt64(position % 64)
        var words = seenCases[label] ?? []
        if words.count <= word { words += [UInt64](repeating: 0, count: word + 1 - words.count) }
        guard words[word] & bit == 0 else { return false }
        words[word] |= bit
        seenCases[label] = words
        return true
    }

    private mutating func append(_ testcase: String) {
        cases += testcase
        cases += "\n"
        tests += 1
    }
}

/// The counts of a JUnit document's root: the sums over its suites.
struct JUnitTotals {
    var tests = 0
    var failures = 0
    var errors = 0

    mutating func add(_ suite: JUnitSuite) {
        tests += suite.tests
        failures += suite.failures
        errors += suite.errors
    }
}
