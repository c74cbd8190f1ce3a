import RuleSchema

/// The audit report as one self-contained HTML5 file for the reviewer of a security review: inline
/// style only, no script, nothing fetched (links only to `#anchors`), well-formed XML, readable
/// on screen and in print. The same sections as the Markdown report, from the same rows.
public struct HTMLReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        let audit = AuditReport(report)
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<title>reglint audit report, \(esc(audit.metadata.date))</title>\n<style>\n\(HTMLStyle.css)</style>\n</head>\n<body>\n"
        out += header(audit) + run(audit) + inputs(audit) + summary(audit) + matrix(audit) + findings(audit)
        out += credentials(audit) + permissions(audit) + suppressions(audit) + notJudged(audit)
        out += "<footer>reglint \(esc(audit.metadata.version)): an offline linter; this file loads nothing from the network.</footer>\n"
        return out + "</body>\n</html>\n"
    }

    private func esc(_ text: String) -> String { XMLText.escape(text) }
    private func attr(_ text: String) -> String { XMLText.attribute(text) }

    /// A table cell: escaped text, an optional class.
    private struct Cell {
        var html: String
        var cls: String?
        init(_ text: String, _ cls: String? = nil) { html = XMLText.escape(text); self.cls = cls }
        init(html: String, _ cls: String? = nil) { self.html = html; self.cls = cls }
    }

    private func table(_ headers: [String], cls: String? = nil, numeric: Set<Int> = [], _ rows: [[Cell]]) -> String {
        var out = "<div class=\"wide\"><table\(cls.map { " class=\"\($0)\"" } ?? "")>\n<thead><tr>"
        for (k, h) in headers.enumerated() { out += numeric.contains(k) ? "<th class=\"num\">\(esc(h))</th>" : "<th>\(esc(h))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for (k, cell) in row.enumerated() {
                let cls = [cell.cls, numeric.contains(k) ? "num" : nil].compactMap { $0 }.joined(separator: " ")
                out += cls.isEmpty ? "<td>\(cell.html)</td>" : "<td class=\"\(cls)\">\(cell.html)</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table></div>\n"
    }

    private func section(_ id: String, _ title: String, major: Bool = false, _ body: String) -> String {
        "<section id=\"\(id)\"\(major ? " class=\"major\"" : "")>\n<h2>\(esc(title))</h2>\n\(body)</section>\n"
    }

    private func header(_ audit: AuditReport) -> String {
        let m = audit.metadata
        var out = "<header>\n<h1>reglint audit report</h1>\n"
        out += "<p class=\"subtitle\">Judged on \(esc(m.date)) · reglint \(esc(m.version)) · \(m.rulesRun) rules · \(audit.inputs.count) inputs · \(audit.registrationCount) registrations</p>\n"
        out += "<p><span class=\"verdict v\(min(max(m.exitCode, 0), 2))\">\(m.exitCode == 0 ? "✔" : "✖") exit code \(m.exitCode): \(esc(m.exitMeaning))</span></p>\n"
        let links = [("run", "Run"), ("inputs", "Inputs"), ("summary", "Summary"), ("matrix", "Check matrix"), ("findings", "Findings"),
                     ("credentials", "Credentials"), ("permissions", "Permissions"), ("suppressions", "Suppressions"),
                     ("not-evaluated", "Not evaluated"), ("unreadable", "Unreadable inputs")]
        out += "<nav>" + links.map { "<a href=\"#\($0.0)\">\(esc($0.1))</a>" }.joined() + "</nav>\n"
        return out + "</header>\n"
    }

    private func run(_ audit: AuditReport) -> String {
        let m = audit.metadata
        var rows = [("Date judged (--now)", m.date), ("reglint version", m.version), ("Rules run", String(m.rulesRun)),
                    ("Configuration file", m.configuration), ("Baseline", m.baseline), ("Fail threshold", m.failOn),
                    ("Exit code", "\(m.exitCode) (\(m.exitMeaning))")]
        if m.skippedFiles > 0 { rows.append(("Files skipped (not exports)", String(m.skippedFiles))) }
        let body = "<table class=\"kv\"><tbody>\n" + rows.map { "<tr><th>\(esc($0.0))</th><td>\(esc($0.1))</td></tr>\n" }.joined() + "</tbody></table>\n"
        return section("run", "Run", body)
    }

    private func inputs(_ audit: AuditReport) -> String {
        guard !audit.inputs.isEmpty else { return section("inputs", "Inputs", "<p>No input was linted.</p>\n") }
        return section("inputs", "Inputs", table(["Path", "Format", "Registrations", "SHA-256", "Status"], numeric: [2], audit.inputs.map { input in
            [Cell(html: "<code>\(esc(input.path))</code>"), Cell(input.format, "nowrap"), Cell(String(input.registrations)),
             Cell(html: "<code>\(esc(input.sha256 ?? "—"))</code>", "nowrap"),
             input.error.map { Cell("✖ could not be read: \($0)", "s-fail") } ?? Cell("✔ read", "s-pass")]
        }))
    }

    private func summary(_ audit: AuditReport) -> String {
        let open = audit.bySeverity.reduce(0) { $0 + $1.open }
        let accepted = audit.bySeverity.reduce(0) { $0 + $1.baselined + $1.suppressed }
        let statuses = audit.credentials.map(\.record.status)
        let cards: [(Int, String, String?)] = [
            (audit.registrationCount, "registrations (\(audit.cleanCount) without findings)", nil),
            (open, "open findings", open > 0 ? "bad" : nil),
            (audit.bySeverity.first { $0.severity == .error }?.open ?? 0, "open errors", "bad"),
            (accepted, "accepted (baselined or suppressed)", nil),
            (statuses.filter { $0 == .expired }.count, "credentials expired", "bad"),
            (statuses.filter { $0 == .expiringSoon }.count, "credentials expiring soon", "warn"),
            (statuses.filter { $0 == .neverExpires }.count, "credentials that never expire", "bad"),
            (audit.unreadable.count, "inputs not read or judged", "bad"),
        ]
        var body = "<div class=\"cards\">" + cards.map { card in
            "<div class=\"card\(card.0 > 0 ? card.2.map { " \($0)" } ?? "" : "")\"><span class=\"n\">\(card.0)</span><span class=\"l\">\(esc(card.1))</span></div>"
        }.joined() + "</div>\n<h3>By severity</h3>\n"
        var rows = audit.bySeverity.map { row in
            [Cell(row.severity.label, "sev-\(row.severity.rawValue)"), Cell(String(row.open)), Cell(String(row.baselined)), Cell(String(row.suppressed)), Cell(String(row.total))]
        }
        let total = audit.bySeverity.reduce((0, 0, 0)) { ($0.0 + $1.open, $0.1 + $1.baselined, $0.2 + $1.suppressed) }
        rows.append([Cell(html: "<strong>Total</strong>"), Cell(String(total.0)), Cell(String(total.1)), Cell(String(total.2)), Cell(String(total.0 + total.1 + total.2))])
        body += table(["Severity", "Open", "Baselined", "Suppressed", "Total"], numeric: [1, 2, 3, 4], rows)
        body += "<h3>By rule</h3>\n"
        body += table(["Rule", "Name", "Title", "Severity", "Findings", "Open", "Not evaluated"], numeric: [4, 5, 6], audit.byRule.map { row in
            [Cell(html: "<strong>\(esc(row.id))</strong>"), Cell(html: "<code>\(esc(row.name))</code>"), Cell(row.title),
             Cell(row.severity.label, "sev-\(row.severity.rawValue)"), Cell(String(row.findings)), Cell(String(row.open), row.open > 0 ? "s-fail" : nil),
             Cell(String(row.notEvaluated), row.notEvaluated > 0 ? "s-ne" : nil)]
        })
        return section("summary", "Summary", major: true, body)
    }

    private func matrix(_ audit: AuditReport) -> String {
        let m = audit.matrix
        var body = ""
        if m.filtered {
            body += "<p><strong>\(audit.registrationCount) registrations is more than \(AuditReport.matrixLimit):</strong> only the \(m.rows.count) with a failing check are listed (not-evaluated checks have their own section).</p>\n"
        }
        body += "<p class=\"legend\">" + CheckStatus.legend.map { "<span><span class=\"box \(Self.cellClass($0.0))\">\(esc($0.0))</span> \(esc($0.1))</span>" }.joined() + "</p>\n"
        guard !m.rows.isEmpty else { return section("matrix", "Check matrix", major: true, body + "<p>No registration to show.</p>\n") }
        body += "<div class=\"wide\"><table class=\"matrix\">\n<thead><tr><th>Registration</th>"
        body += m.ruleIDs.map { id in "<th class=\"rule\" title=\"\(attr(audit.byRule.first { $0.id == id }?.name ?? id))\">\(esc(id))</th>" }.joined()
        body += "</tr></thead>\n<tbody>\n"
        for row in m.rows {
            body += "<tr><td class=\"app\" title=\"\(attr(row.app.label))\">\(appHTML(row.app, anchor: row.anchor))</td>"
            for cell in row.cells {
                let text = cell?.cell ?? CheckStatus.notApplicableCell
                body += "<td class=\"c \(Self.cellClass(text))\">\(esc(text))</td>"
            }
            body += "</tr>\n"
        }
        body += "</tbody>\n</table></div>\n"
        if !m.inapplicable.isEmpty { body += "<p class=\"muted\">Applied to no registration: \(esc(m.inapplicable.joined(separator: ", "))).</p>\n" }
        return section("matrix", "Check matrix", major: true, body)
    }

    static func cellClass(_ text: String) -> String {
        switch text.unicodeScalars.first {
        case "✔": "s-pass"
        case "✖": "s-fail"
        case "?": "s-ne"
        case "⊘": "s-supp"
        case "≡": "s-base"
        default: "s-na"
        }
    }

    private func findings(_ audit: AuditReport) -> String {
        guard !audit.registrations.isEmpty else { return section("findings", "Findings by registration", major: true, "<p>No findings.</p>\n") }
        var body = audit.cleanCount > 0 ? "<p class=\"muted\">\(audit.cleanCount) registrations without findings are not listed here (see the check matrix).</p>\n" : ""
        let scale = audit.registrations.map { s in Severity.allCases.reduce(0) { $0 + s.open($1) } }.max() ?? 1
        for s in audit.registrations {
            body += "<div class=\"registration\" id=\"\(attr(s.anchor))\">\n<h3>\(esc(s.app.name))\(s.app.appId.map { " <span class=\"appid\">\(esc($0))</span>" } ?? "")</h3>\n"
            body += "<p class=\"meta\">File <code>\(esc(s.file))</code>\(s.accepted > 0 ? " · \(s.accepted) accepted (baselined or suppressed)" : "")</p>\n"
            body += HTMLCharts.severityBar(error: s.open(.error), warning: s.open(.warning), note: s.open(.note), scale: scale) + "\n"
            body += "<ol class=\"findings\">\n" + s.findings.map(finding).joined() + "</ol>\n</div>\n"
        }
        return section("findings", "Findings by registration", major: true, body)
    }

    private func finding(_ item: AuditReport.FindingItem) -> String {
        var out = "<li><div class=\"fhead\"><span class=\"sev sev-\(item.severity.rawValue)\">\(esc(item.severity.label))</span> "
        out += "<strong>\(esc(item.ruleID))</strong> \(esc(item.ruleName)) <code>\(esc(item.location))</code>"
        if item.disposition != .open { out += " <span class=\"disp\">\(esc(item.disposition.label))</span>" }
        out += "</div>\n<p class=\"msg\">\(esc(item.message))</p>\n<div class=\"fix\">"
        if let remediation = item.remediation { out += "<p><strong>Remediation:</strong> \(esc(remediation))</p>" }
        if let fix = item.fix {
            out += "<p><strong>Portal:</strong> \(esc(fix.portal))</p>"
            if let note = fix.note { out += "<p><strong>Note:</strong> \(esc(note))</p>" }
            out += "<pre><code>" + fix.commands.map(esc).joined(separator: "\n") + "</code></pre>"
        }
        if let help = item.helpURI, !help.isEmpty { out += "<p class=\"ref\">Reference: \(esc(help))</p>" }
        return out + "</div></li>\n"
    }

    private func credentials(_ audit: AuditReport) -> String {
        guard !audit.credentials.isEmpty else {
            return section("credentials", "Credential inventory", major: true, "<p>No credentials (or inventories were not collected).</p>\n")
        }
        let timeline = ExpiryTimeline(credentials: audit.credentials, now: audit.now, secrets: audit.secrets)
        var body = "<h3>Expiry timeline</h3>\n" + timeline.render() + "\n"
        if timeline.omitted > 0 { body += "<p class=\"muted\">The \(timeline.omitted) credentials ending last are not drawn; the table lists every credential.</p>\n" }
        body += "<h3>Credentials</h3>\n"
        body += table(["App", "Type", "Description", "Key ID", "Start", "End", "Lifetime (days)", "Days left", "Status"], numeric: [6, 7], audit.credentials.map { row in
            let c = row.record
            return [Cell(html: appHTML(row.app)), Cell(c.kind.rawValue), Cell(c.description ?? "(none)", c.description == nil ? "muted" : nil),
                    Cell(html: "<code>\(esc(c.keyId ?? "—"))</code>", "nowrap"), Cell(c.start?.dateString ?? "—", "nowrap"), Cell(c.end?.dateString ?? "—", "nowrap"),
                    Cell(c.lifetimeDays.map(String.init) ?? "—"), Cell(c.daysLeft.map(String.init) ?? "—"),
                    Cell(c.status.label, ["nowrap", Self.statusClass(c.status)].compactMap { $0 }.joined(separator: " "))]
        })
        return section("credentials", "Credential inventory", major: true, body)
    }

    static func statusClass(_ status: CredentialRecord.Status) -> String? {
        switch status {
        case .expired: "cred-expired"
        case .expiringSoon: "cred-expiring"
        case .neverExpires: "cred-never"
        default: nil
        }
    }

    private func permissions(_ audit: AuditReport) -> String {
        guard !audit.permissions.isEmpty else { return section("permissions", "Permission inventory", "<p>No requested permissions (or inventories were not collected).</p>\n") }
        return section("permissions", "Permission inventory", table(["App", "Resource", "Permission", "Type"], audit.permissions.map { row in
            let r = row.record
            return [Cell(html: appHTML(row.app)), Cell(html: named(r.resourceName, id: r.resourceAppId)),
                    Cell(html: r.permissionId.map { named(r.permissionName, id: $0) } ?? "<span class=\"muted\">(no permission listed)</span>"),
                    Cell(r.type.rawValue)]
        }))
    }

    private func suppressions(_ audit: AuditReport) -> String {
        var body = audit.suppressions.isEmpty ? "<p>No suppressions are configured.</p>\n"
            : table(["Rule", "Target", "Reason", "Expires", "Source", "Findings hidden"], numeric: [5], audit.suppressions.map { row in
                [Cell(row.rule), Cell(html: "<code>\(esc(row.target))</code>"), Cell(row.reason),
                 Cell((row.expires ?? "never") + (row.expired ? " (✖ expired)" : ""), row.expired ? "s-fail" : nil),
                 Cell(html: "<code>\(esc(row.source))</code>"), Cell(String(row.hidden))]
            })
        if !audit.suppressionNotes.isEmpty { body += "<h3>Suppression notes</h3>\n" + notes(audit.suppressionNotes) }
        return section("suppressions", "Suppressions", major: true, body)
    }

    private func notJudged(_ audit: AuditReport) -> String {
        var out = section("not-evaluated", "Not evaluated", audit.notEvaluated.isEmpty ? "<p>Every applicable check was evaluated.</p>\n"
            : table(["Registration", "Rule", "Reason", "Location"], audit.notEvaluated.map { row in
                [Cell(row.registration), Cell(row.ruleID), Cell(row.reason), Cell(html: "<code>\(esc(row.location))</code>")]
            }))
        out += section("unreadable", "Inputs that could not be read", audit.unreadable.isEmpty ? "<p>Every input was read.</p>\n" : notes(audit.unreadable))
        if !audit.notices.isEmpty { out += section("notices", "Notices", notes(audit.notices)) }
        return out
    }

    /// The display name (linked to its findings when there are some) over the appId.
    private func appHTML(_ app: AppName, anchor: String? = nil) -> String {
        let name = anchor.map { "<a href=\"#\(attr($0))\">\(esc(app.name))</a>" } ?? esc(app.name)
        return name + (app.appId.map { "<br/><span class=\"appid\">\(esc($0))</span>" } ?? "")
    }

    /// A name over its id, or the id alone.
    private func named(_ name: String?, id: String) -> String {
        guard let name else { return "<span class=\"mono\">\(esc(id))</span>" }
        return "\(esc(name))<br/><span class=\"appid\">\(esc(id))</span>"
    }

    private func notes(_ rows: [AuditReport.NoteRow]) -> String {
        "<ul>\n" + rows.map { "<li><code>\(esc($0.location))</code>: \(esc($0.message))</li>\n" }.joined() + "</ul>\n"
    }
}
