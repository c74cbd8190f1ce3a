import RuleSchema

/// Inline SVG charts of the HTML audit report: a severity bar per registration and an expiry
/// timeline of credentials. Every mark carries a text label too; nothing is fetched.
enum HTMLCharts {
    /// At most this many credentials are drawn (the soonest to end); the table lists them all.
    static let timelineLimit = 60

    static func esc(_ text: String) -> String { XMLText.escape(text) }
    static func attr(_ text: String) -> String { XMLText.attribute(text) }

    /// Stacked bar of a registration's open findings by severity, scaled to `scale` findings, with
    /// the counts written beside it.
    static func severityBar(error: Int, warning: Int, note: Int, scale: Int) -> String {
        let width = 220.0, height = 16.0
        let unit = width / Double(max(scale, 1))
        let text = [AuditReport.count(error, .error), AuditReport.count(warning, .warning), AuditReport.count(note, .note)].joined(separator: " · ")
        var out = "<svg class=\"sevbar\" width=\"560\" height=\"20\" viewBox=\"0 0 560 20\" role=\"img\" aria-label=\"\(attr("Open findings: " + text))\">"
        out += "<rect x=\"0.5\" y=\"2\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" fill=\"#f6f8fa\" stroke=\"#d0d7de\"/>"
        var x = 0.5
        for (n, fill, symbol) in [(error, "#d92d20", "✖"), (warning, "#e0a100", "⚠"), (note, "#4f8fd8", "ℹ")] where n > 0 {
            let w = Double(n) * unit
            out += "<rect x=\"\(fmt(x))\" y=\"2\" width=\"\(fmt(w))\" height=\"\(fmt(height))\" fill=\"\(fill)\"/>"
            if w >= 26 {
                out += "<text x=\"\(fmt(x + w / 2))\" y=\"14\" font-size=\"11\" text-anchor=\"middle\" fill=\"#fff\">\(symbol) \(n)</text>"
            }
            x += w
        }
        out += "<text x=\"\(fmt(width + 10))\" y=\"14.5\" font-size=\"12\" fill=\"#1b1f24\">\(esc(text))</text></svg>"
        return out
    }

    static func fmt(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// The expiry timeline: x is the date, one row per credential, a marker at `now`; expired
/// credentials end in ✖ and the word, never-expiring ones run to the edge with an arrow.
struct ExpiryTimeline {
    let rows: [AuditReport.CredentialRow]
    let now: Instant
    /// Masks secrets in row labels: one automaton for the chart, not one per row.
    let scrubber: SecretScrubber
    let omitted: Int
    let from: Instant
    let to: Instant

    static let left = 330.0, right = 880.0, width = 1100.0, rowHeight = 20.0, top = 34.0

    init(credentials: [AuditReport.CredentialRow], now: Instant, secrets: [String]) {
        scrubber = SecretScrubber(secrets: secrets, minimumLength: 8)
        let sorted = credentials.enumerated().sorted { a, b in
            let ea = a.element.record.end ?? .latest, eb = b.element.record.end ?? .latest
            return (ea, a.offset) < (eb, b.offset)
        }.map(\.element)
        rows = Array(sorted.prefix(HTMLCharts.timelineLimit))
        omitted = sorted.count - rows.count
        self.now = now
        // One year either side of now at least, widened to the credentials' dates up to three years;
        // later ends run off the right edge with an arrow.
        let window = (now.adding(days: -3 * 365), now.adding(days: 3 * 365))
        let dates = rows.compactMap(\.record.start) + rows.compactMap(\.record.end)
        let earliest = dates.filter { $0 >= window.0 }.min() ?? now
        let latest = dates.filter { $0 <= window.1 }.max() ?? now
        from = Self.yearStart(min(now.adding(days: -365), earliest))
        to = Self.yearStart(max(now.adding(days: 365), latest).adding(days: 366))
    }

    /// January 1st of the instant's year.
    static func yearStart(_ instant: Instant) -> Instant {
        Instant(parsing: String(instant.dateString.prefix(4)) + "-01-01") ?? instant
    }

    func x(_ instant: Instant) -> Double {
        let span = Double(to.milliseconds - from.milliseconds)
        guard span > 0 else { return Self.left }
        let t = Double(instant.milliseconds - from.milliseconds) / span
        return Self.left + max(0, min(1, t)) * (Self.right - Self.left)
    }

    func render() -> String {
        let height = Self.top + Double(rows.count) * Self.rowHeight + 12
        var out = "<svg class=\"timeline\" viewBox=\"0 0 \(Int(Self.width)) \(HTMLCharts.fmt(height))\" role=\"img\" aria-label=\"Credential expiry timeline\">"
        out += axis(height: height)
        for (k, row) in rows.enumerated() { out += self.row(row, y: Self.top + Double(k) * Self.rowHeight, striped: k % 2 == 0) }
        let nowX = x(now)
        out += "<line x1=\"\(HTMLCharts.fmt(nowX))\" y1=\"18\" x2=\"\(HTMLCharts.fmt(nowX))\" y2=\"\(HTMLCharts.fmt(height - 6))\" stroke=\"#b42318\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"
        out += "<text x=\"\(HTMLCharts.fmt(nowX))\" y=\"13\" font-size=\"11\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#b42318\">▼ now \(now.dateString)</text>"
        return out + "</svg>"
    }

    private func axis(height: Double) -> String {
        var out = "<text x=\"8\" y=\"26\" font-size=\"11\" font-weight=\"bold\" fill=\"#57606a\">Credential</text>"
        out += "<text x=\"\(HTMLCharts.fmt(Self.right + 12))\" y=\"26\" font-size=\"11\" font-weight=\"bold\" fill=\"#57606a\">Status</text>"
        let first = Int(from.dateString.prefix(4)) ?? 0, last = Int(to.dateString.prefix(4)) ?? 0
        guard first > 0, last >= first else { return out }
        let quarters = last - first <= 4
        for year in first...last {
            for (month, name) in [("01", String(year)), ("04", "Apr"), ("07", "Jul"), ("10", "Oct")] where month == "01" || (quarters && year < last) {
                guard let tick = Instant(parsing: "\(year)-\(month)-01") else { continue }
                let tx = HTMLCharts.fmt(x(tick)), major = month == "01"
                out += "<line x1=\"\(tx)\" y1=\"\(HTMLCharts.fmt(Self.top - 4))\" x2=\"\(tx)\" y2=\"\(HTMLCharts.fmt(height - 6))\" stroke=\"\(major ? "#afb8c1" : "#e6e9ec")\"/>"
                if year < last {
                    out += "<text x=\"\(tx)\" y=\"26\" font-size=\"\(major ? 11 : 9)\" fill=\"#57606a\" dx=\"3\"\(major ? " font-weight=\"bold\"" : "")>\(name)</text>"
                }
            }
        }
        return out
    }

    private func row(_ row: AuditReport.CredentialRow, y: Double, striped: Bool) -> String {
        let c = row.record
        let name = "\(row.app.name) · \(c.description ?? c.keyId ?? c.kind.rawValue)"
        let mid = HTMLCharts.fmt(y + 10)
        var out = "<g><title>\(HTMLCharts.esc("\(row.app.label) · \(c.description ?? c.keyId ?? "") (\(c.kind.rawValue)): \(c.start?.dateString ?? "?") → \(c.end?.dateString ?? "no end")"))</title>"
        if striped {
            out += "<rect x=\"0\" y=\"\(HTMLCharts.fmt(y))\" width=\"\(Int(Self.width))\" height=\"\(Int(Self.rowHeight))\" fill=\"#f6f8fa\"/>"
        }
        out += "<text x=\"8\" y=\"\(HTMLCharts.fmt(y + 14))\" font-size=\"11\" fill=\"#1b1f24\">\(HTMLCharts.esc(Self.truncate(scrubber.scrub(name), 52)))</text>"
        let x0 = x(c.start ?? from)
        let runsOff = c.end.map { $0 >= to } ?? true
        let x1 = runsOff ? Self.right : x(c.end ?? to)
        let fill = Self.fill(c.status)
        out += "<rect x=\"\(HTMLCharts.fmt(x0))\" y=\"\(HTMLCharts.fmt(y + 5))\" width=\"\(HTMLCharts.fmt(max(2, x1 - x0)))\" height=\"10\" rx=\"2\" fill=\"\(fill)\"\(c.start == nil ? " fill-opacity=\"0.45\"" : "")/>"
        if runsOff {
            out += "<path d=\"M\(HTMLCharts.fmt(Self.right)) \(HTMLCharts.fmt(y + 2)) L\(HTMLCharts.fmt(Self.right + 9)) \(mid) L\(HTMLCharts.fmt(Self.right)) \(HTMLCharts.fmt(y + 18)) Z\" fill=\"\(fill)\"/>"
        } else if c.status == .expired {
            out += "<text x=\"\(HTMLCharts.fmt(x1))\" y=\"\(HTMLCharts.fmt(y + 14.5))\" font-size=\"13\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#b42318\">✖</text>"
        }
        out += "<text x=\"\(HTMLCharts.fmt(Self.right + 14))\" y=\"\(HTMLCharts.fmt(y + 14))\" font-size=\"11\" fill=\"#1b1f24\">\(HTMLCharts.esc(Self.status(c)))</text>"
        return out + "</g>"
    }

    static func status(_ c: CredentialRecord) -> String {
        let end = c.end?.dateString ?? "?"
        switch c.status {
        case .expired: return "✖ expired \(end)"
        case .expiringSoon: return "⚠ expiring soon: \(end)\(c.daysLeft.map { " (\($0) d)" } ?? "")"
        case .neverExpires: return c.end == nil ? "∞ never expires →" : "∞ never expires (\(end)) →"
        case .active: return "✔ active until \(end)"
        case .notYetValid: return "… not yet valid (from \(c.start?.dateString ?? "?"))"
        case .unknown: return "? unknown"
        }
    }

    static func fill(_ status: CredentialRecord.Status) -> String {
        switch status {
        case .expired: "#d92d20"
        case .expiringSoon: "#e0a100"
        case .neverExpires: "#7a3ea1"
        case .active: "#2f9e55"
        case .notYetValid, .unknown: "#8c959f"
        }
    }

    static func truncate(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
