import RuleSchema

/// The audit report as GitHub-flavoured Markdown, for the reviewer of a security review and for
/// `$GITHUB_STEP_SUMMARY`: run metadata, inputs, summary, check matrix, findings with their fixes,
/// credential and permission inventories, suppressions and what could not be judged.
public struct MarkdownReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        let audit = AuditReport(report)
        var out = "# reglint audit report\n\n"
        out += "Judged on **\(audit.metadata.date)** by reglint \(esc(audit.metadata.version)): exit code **\(audit.metadata.exitCode)** (\(esc(audit.metadata.exitMeaning))).\n\n"
        out += run(audit) + inputs(audit) + summary(audit) + matrix(audit) + findings(audit)
        out += credentials(audit) + permissions(audit) + suppressions(audit) + notJudged(audit)
        return out
    }

    private func esc(_ text: String) -> String { MarkdownText.escape(text) }

    /// A table; cells are escaped here, `numeric` columns are right-aligned.
    private func table(_ headers: [String], numeric: Set<Int> = [], _ rows: [[String]]) -> String {
        var out = "| " + headers.map(esc).joined(separator: " | ") + " |\n|"
        for k in headers.indices { out += numeric.contains(k) ? "--:|" : "---|" }
        out += "\n"
        for row in rows { out += "| " + row.map(esc).joined(separator: " | ") + " |\n" }
        return out + "\n"
    }

    private func run(_ audit: AuditReport) -> String {
        let m = audit.metadata
        var rows = [
            ["Date judged (--now)", m.date], ["reglint version", m.version], ["Rules run", String(m.rulesRun)],
            ["Configuration file", m.configuration], ["Baseline", m.baseline], ["Fail threshold", m.failOn],
            ["Exit code", "\(m.exitCode) (\(m.exitMeaning))"],
        ]
        if m.skippedFiles > 0 { rows.append(["Files skipped (not exports)", String(m.skippedFiles)]) }
        return "## Run\n\n" + table(["Field", "Value"], rows)
    }

    private func inputs(_ audit: AuditReport) -> String {
        let rows = audit.inputs.map { input in
            [input.path, input.format, String(input.registrations), input.sha256 ?? "—", input.error.map { "✖ could not be read: \($0)" } ?? "✔ read"]
        }
        return "## Inputs\n\n" + (rows.isEmpty ? "No input was linted.\n\n" : table(["Path", "Format", "Registrations", "SHA-256", "Status"], numeric: [2], rows))
    }

    private func summary(_ audit: AuditReport) -> String {
        var out = "## Summary\n\n\(audit.registrationCount) registrations, \(audit.registrations.count) with findings, \(audit.cleanCount) without.\n\n"
        out += "### By severity\n\n"
        var rows = audit.bySeverity.map { [$0.severity.label, String($0.open), String($0.baselined), String($0.suppressed), String($0.total)] }
        let total = audit.bySeverity.reduce(into: AuditReport.SeverityRow(severity: .note)) { sum, row in
            sum.open += row.open; sum.baselined += row.baselined; sum.suppressed += row.suppressed
        }
        rows.append(["Total", String(total.open), String(total.baselined), String(total.suppressed), String(total.total)])
        out += table(["Severity", "Open", "Baselined", "Suppressed", "Total"], numeric: [1, 2, 3, 4], rows)
        out += "### By rule\n\n"
        out += table(["Rule", "Name", "Severity", "Findings", "Open", "Not evaluated"], numeric: [3, 4, 5],
                     audit.byRule.map { [$0.id, $0.name, $0.severity.rawValue, String($0.findings), String($0.open), String($0.notEvaluated)] })
        return out
    }

    private func matrix(_ audit: AuditReport) -> String {
        let m = audit.matrix
        var out = "## Check matrix\n\n"
        if m.filtered {
            out += "\(audit.registrationCount) registrations is more than \(AuditReport.matrixLimit): only the \(m.rows.count) with a failing check are listed (not-evaluated checks have their own section).\n\n"
        }
        out += "Legend: " + CheckStatus.legend.map { "\(esc($0.0)): \($0.1)" }.joined(separator: " · ") + ".\n\n"
        if m.rows.isEmpty { return out + "No registration to show.\n\n" }
        out += table(["Registration"] + m.ruleIDs, m.rows.map { row in
            [row.app.label] + row.cells.map { $0?.cell ?? CheckStatus.notApplicableCell }
        })
        if !m.inapplicable.isEmpty { out += "Applied to no registration: \(esc(m.inapplicable.joined(separator: ", "))).\n\n" }
        return out
    }

    private func findings(_ audit: AuditReport) -> String {
        var out = "## Findings by registration\n\n"
        if audit.registrations.isEmpty { return out + "No findings.\n\n" }
        if audit.cleanCount > 0 { out += "\(audit.cleanCount) registrations without findings are not listed here (see the matrix).\n\n" }
        for section in audit.registrations {
            out += "### \(esc(section.app.label))\n\nFile: `\(esc(section.file))` · open: "
            out += Severity.allCases.reversed().map { AuditReport.count(section.open($0), $0) }.joined(separator: ", ")
            out += section.accepted > 0 ? " · accepted: \(section.accepted)\n\n" : "\n\n"
            for item in section.findings { out += finding(item) }
        }
        return out
    }

    private func finding(_ item: AuditReport.FindingItem) -> String {
        var out = "- **\(esc(item.severity.label))** · **\(esc(item.ruleID))** \(esc(item.ruleName)) · \(esc(item.location))"
        if item.disposition != .open { out += " · \(esc(item.disposition.label))" }
        out += "  \n  \(esc(item.message))\n"
        if let remediation = item.remediation { out += "  \n  *Remediation:* \(esc(remediation))\n" }
        if let fix = item.fix {
            out += "  \n  *Portal:* \(esc(fix.portal))\n"
            if let note = fix.note { out += "  \n  *Note:* \(esc(note))\n" }
            out += "\n  ```\n" + fix.commands.map { "  " + Self.codeLine($0) + "\n" }.joined() + "  ```\n"
        }
        if let help = item.helpURI, !help.isEmpty { out += "  \n  *Reference:* \(esc(help))\n" }
        return out + "\n"
    }

    /// A line inside a fenced block: control characters and backtick runs cannot close the fence.
    static func codeLine(_ text: String) -> String {
        TextLine.escape(text).replacingOccurrences(of: "`", with: "'")
    }

    private func credentials(_ audit: AuditReport) -> String {
        var out = "## Credential inventory\n\n"
        if audit.credentials.isEmpty { return out + "No credentials (or inventories were not collected).\n\n" }
        out += table(["App", "Type", "Description", "Key ID", "Start", "End", "Lifetime (days)", "Days left", "Status"], numeric: [6, 7],
                     audit.credentials.map { row in
                         let c = row.record
                         return [row.app.label, c.kind.rawValue, c.description ?? "(none)", c.keyId ?? "—", c.start?.dateString ?? "—",
                                 c.end?.dateString ?? "—", c.lifetimeDays.map(String.init) ?? "—", c.daysLeft.map(String.init) ?? "—", c.status.label]
                     })
        return out
    }

    private func permissions(_ audit: AuditReport) -> String {
        let out = "## Permission inventory\n\n"
        if audit.permissions.isEmpty { return out + "No requested permissions (or inventories were not collected).\n\n" }
        return out + table(["App", "Resource", "Permission", "Type"], audit.permissions.map { [$0.app.label, $0.resource, $0.permission, $0.record.type.rawValue] })
    }

    private func suppressions(_ audit: AuditReport) -> String {
        var out = "## Suppressions\n\n"
        if audit.suppressions.isEmpty {
            out += "No suppressions are configured.\n\n"
        } else {
            out += table(["Rule", "Target", "Reason", "Expires", "Source", "Findings hidden"], numeric: [5], audit.suppressions.map { row in
                [row.rule, row.target, row.reason, (row.expires ?? "never") + (row.expired ? " (expired)" : ""), row.source, String(row.hidden)]
            })
        }
        if !audit.suppressionNotes.isEmpty { out += notes(audit.suppressionNotes) }
        return out
    }

    private func notJudged(_ audit: AuditReport) -> String {
        var out = "## Not evaluated\n\n"
        out += audit.notEvaluated.isEmpty ? "Every applicable check was evaluated.\n\n"
            : table(["Registration", "Rule", "Reason", "Location"], audit.notEvaluated.map { [$0.registration, $0.ruleID, $0.reason, $0.location] })
        out += "## Inputs that could not be read\n\n"
        out += audit.unreadable.isEmpty ? "Every input was read.\n\n" : notes(audit.unreadable)
        if !audit.notices.isEmpty { out += "## Notices\n\n" + notes(audit.notices) }
        return out
    }

    private func notes(_ rows: [AuditReport.NoteRow]) -> String {
        rows.map { "- \(esc($0.location)): \(esc($0.message))\n" }.joined() + "\n"
    }
}
