import RuleSchema

/// The per-registration sections of the audit report: the check matrix, the findings grouped by
/// registration, the suppressions and the checks that could not be evaluated.
extension AuditReport {
    /// The key that ties a finding to its registration: file and the registration's pointer.
    static func key(_ reference: RegistrationReference) -> String { reference.location.path + "\u{0}" + reference.pointer }

    /// "2 errors" / "1 warning".
    static func count(_ n: Int, _ severity: Severity) -> String { "\(n) \(severity.rawValue)\(n == 1 ? "" : "s")" }

    static func anchor(file: Int, registration: Int) -> String { "reg-\(file + 1)-\(registration + 1)" }

    static func matrix(_ report: LintReport, files: [FileResult]) -> Matrix {
        let registrations = files.flatMap { $0.registrations }
        let applied = Set(registrations.flatMap { $0.outcomes.map(\.ruleID) })
        let ruleIDs = report.rules.map(\.id).filter(applied.contains)
        let withFindings = Set(report.findings.map { key($0.registration) })
        let filtered = registrations.count > matrixLimit
        var rows: [MatrixRow] = []
        for (f, file) in files.enumerated() {
            for (r, registration) in file.registrations.enumerated() {
                var status: [String: CheckStatus] = [:]
                for outcome in registration.outcomes { status[outcome.ruleID] = outcome.checkStatus }
                let cells = ruleIDs.map { status[$0] }
                // Not-evaluated checks are common (exports omit owners, federated credentials): they are
                // listed in their own section, and only failing checks keep a row here.
                if filtered, !cells.contains(where: { $0 == .failed }) { continue }
                let anchor = withFindings.contains(key(registration.reference)) ? anchor(file: f, registration: r) : nil
                rows.append(MatrixRow(app: AppName(registration.reference), anchor: anchor, cells: cells))
            }
        }
        return Matrix(ruleIDs: ruleIDs, inapplicable: report.rules.map(\.id).filter { !applied.contains($0) }, rows: rows, filtered: filtered)
    }

    /// Registrations with at least one reported finding, in input order.
    static func sections(_ report: LintReport, files: [FileResult]) -> [RegistrationSection] {
        var grouped: [String: [Finding]] = [:]
        for finding in report.findings { grouped[key(finding.registration), default: []].append(finding) }
        var sections: [RegistrationSection] = []
        for (f, file) in files.enumerated() {
            for (r, registration) in file.registrations.enumerated() {
                guard let findings = grouped[key(registration.reference)], !findings.isEmpty else { continue }
                sections.append(RegistrationSection(app: AppName(registration.reference), file: file.input.displayPath,
                                                    anchor: anchor(file: f, registration: r),
                                                    findings: findings.map { item($0, report: report) }))
            }
        }
        return sections
    }

    static func item(_ finding: Finding, report: LintReport) -> FindingItem {
        let rule = report.rule(finding.ruleID)
        return FindingItem(severity: finding.severity, ruleID: finding.ruleID, ruleName: finding.ruleName,
                           location: place(finding.location.path, finding.location.start),
                           message: LintReport.sentence(finding.message), disposition: finding.disposition,
                           remediation: rule?.remediation, helpURI: rule?.helpURI,
                           fix: Remediation.of(finding, now: report.now))
    }

    static func suppressions(_ report: LintReport) -> [SuppressionRow] {
        var hidden: [String: Int] = [:]
        for finding in report.result.findings {
            if case .suppressed(let justification) = finding.disposition { hidden[justification.source, default: 0] += 1 }
        }
        return report.policy.suppressions.map { entry in
            let target = entry.summary.dropFirst(entry.rule.count).trimmingCharacters(in: .whitespaces)
            return SuppressionRow(rule: entry.rule, target: target, reason: entry.reason, expires: entry.expires,
                                  source: entry.source, hidden: hidden[entry.source] ?? 0, expired: entry.isExpired(at: report.now))
        }
    }

    /// Checks that could not be evaluated; above `matrixLimit` of them, one row per (rule, reason)
    /// naming how many registrations and the first place.
    static func notEvaluated(_ files: [FileResult]) -> [NotEvaluatedRow] {
        let rows = notEvaluatedChecks(files)
        guard rows.count > matrixLimit else { return rows }
        var groups: [(NotEvaluatedRow, Int)] = []
        var index: [String: Int] = [:]
        for row in rows {
            let key = row.ruleID + "\u{0}" + row.reason
            if let k = index[key] { groups[k].1 += 1 } else { index[key] = groups.count; groups.append((row, 1)) }
        }
        return groups.map { row, count in
            NotEvaluatedRow(registration: count == 1 ? row.registration : "\(count) registrations, first \(row.registration)",
                            ruleID: row.ruleID, reason: row.reason, location: row.location)
        }
    }

    static func notEvaluatedChecks(_ files: [FileResult]) -> [NotEvaluatedRow] {
        var rows: [NotEvaluatedRow] = []
        for file in files {
            for registration in file.registrations {
                for outcome in registration.outcomes {
                    guard case .notEvaluated(let reason) = outcome.status else { continue }
                    rows.append(NotEvaluatedRow(registration: registration.reference.label, ruleID: outcome.ruleID,
                                                reason: LintReport.sentence(reason),
                                                location: place(file.input.displayPath, registration.reference.location.start)))
                }
            }
        }
        return rows
    }
}

extension CheckStatus {
    /// The matrix cell: a symbol and a word, so colour is never the only meaning.
    var cell: String {
        switch self {
        case .passed: "✔ pass"
        case .failed: "✖ fail"
        case .notEvaluated: "? n/e"
        case .suppressed: "⊘ supp"
        case .baselined: "≡ base"
        }
    }

    /// The cell for a rule that does not apply to the registration.
    static let notApplicableCell = "—"

    /// The legend under the matrix, in cell order.
    static let legend: [(String, String)] = [
        ("✔ pass", "passed"), ("✖ fail", "open finding"), ("? n/e", "not evaluated"),
        ("⊘ supp", "suppressed"), ("≡ base", "baselined"), ("—", "not applicable"),
    ]
}

extension CredentialRecord.Status {
    /// The status with a symbol, for tables.
    var label: String {
        switch self {
        case .active: "✔ active"
        case .expiringSoon: "⚠ expiring soon"
        case .expired: "✖ expired"
        case .neverExpires: "∞ never expires"
        case .notYetValid: "… not yet valid"
        case .unknown: "? unknown"
        }
    }
}

extension Disposition {
    /// "open", "suppressed: reason (until …)" or "baselined".
    var label: String {
        switch self {
        case .open: "open"
        case .baselined: "≡ baselined (accepted in the baseline)"
        case .suppressed(let j): "⊘ suppressed: \(j.reason)\(j.expires.map { " (until \($0))" } ?? "") [\(j.source)]"
        }
    }
}

extension Severity {
    /// The severity with a symbol.
    var label: String {
        switch self {
        case .error: "✖ error"
        case .warning: "⚠ warning"
        case .note: "ℹ note"
        }
    }
}
