import Foundation

/// Text for people: `path:line:col: severity REGnnn name: message`, grouped by file, one summary
/// line. Baselined findings are marked; suppressed findings and not-evaluated checks are counted,
/// and listed with their reasons when `verbose`.
public struct TextReporter: Reporter {
    public var color: Bool
    public var verbose: Bool
    /// Only the summary line.
    public var quiet = false
    /// Threads that write a file's many finding lines (`--jobs`); the text is the same on any number.
    public var workers: Int

    public init(color: Bool = false, verbose: Bool = false, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.color = color
        self.verbose = verbose
        self.workers = max(1, workers)
    }

    public func render(_ report: LintReport) -> String { String(decoding: renderBytes(report), as: UTF8.self) }

    /// Written into one byte buffer, findings read in place by index (a 10,000-app export gives
    /// tens of thousands of lines: lists of findings per file and per group copied each one).
    /// Each file's lines are its diagnostics, then its findings; the run's own diagnostics (an
    /// empty run, the policy's notes) come after every file's.
    public func renderBytes(_ report: LintReport) -> [UInt8] {
        var out: [UInt8] = []
        if quiet {
            out.append(contentsOf: summary(report).utf8)
            out.append(UInt8(ascii: "\n"))
            return out
        }
        out.reserveCapacity(200 * report.findings.count + 4_096)
        var findingStart = 0, diagnosticStart = 0
        for (index, file) in report.result.files.enumerated() {
            let findingEnd = report.findingEnds[index], diagnosticEnd = report.diagnosticEnds[index]
            if !file.skipped {
                write(report.diagnostics[diagnosticStart..<diagnosticEnd], into: &out)
                write(report.findings[findingStart..<findingEnd], into: &out)
            }
            findingStart = findingEnd
            diagnosticStart = diagnosticEnd
        }
        for diagnostic in report.diagnostics[diagnosticStart...] { out.append(contentsOf: line(diagnostic).utf8) }
        out.append(contentsOf: summary(report).utf8)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// A file's diagnostic lines (not-evaluated checks only when `verbose`).
    func write(_ diagnostics: ArraySlice<Diagnostic>, into out: inout [UInt8]) {
        for diagnostic in diagnostics where diagnostic.kind != .ruleNotEvaluated || verbose {
            out.append(contentsOf: line(diagnostic).utf8)
        }
    }

    /// A file's finding lines (suppressed ones only when `verbose`), several on one credential
    /// under one line naming it.
    /// A file with many findings (160,000 on one app) has its lines written in blocks on every
    /// core, a window of blocks at a time, joined in order: the same bytes. `spill` is handed `out`
    /// whenever it grows past `spillAt` bytes, and `out` emptied (a stream's spool takes it, so
    /// 35 MB of one file's lines are never one array).
    func write(_ findings: ArraySlice<Finding>, into out: inout [UInt8], workers: Int? = nil,
               spillAt: Int = .max, spill: ([UInt8]) -> Void = { _ in }) {
        let workers = workers ?? self.workers
        let shown = findings.indices.filter { index in
            if case .suppressed = findings[index].disposition { return verbose }
            return true
        }
        let groups = TextReporter.credentialGroups(shown, in: findings)
        guard groups.count > Self.groupsPerBlock, workers > 1 else {
            for group in groups {
                write(group, of: findings, into: &out)
                if out.count > spillAt {
                    spill(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
            return
        }
        ParallelMap.inBlocks(count: groups.count, block: Self.groupsPerBlock, parallelism: workers) { range in
            var part: [UInt8] = []
            part.reserveCapacity(range.count * 256)
            for group in groups[range] { self.write(group, of: findings, into: &part) }
            return part
        } take: { part in
            out.append(contentsOf: part)
            if out.count > spillAt {
                spill(out)
                out.removeAll(keepingCapacity: true)
            }
        }
    }

    static let groupsPerBlock = 2_048

    /// One group's lines: a finding alone, or several on one credential under a line naming it.
    private func write(_ group: [Int], of findings: ArraySlice<Finding>, into out: inout [UInt8]) {
        var indent = ""
        if group.count > 1, let first = group.first.map({ findings[$0] }), let keyId = first.subject.keyId {
            // Two findings on one credential stay two findings, under the credential.
            let place = "\(TextLine.escape(first.location.path)):\(first.location.start.line):\(first.location.start.column)"
            out.append(contentsOf: "\(place): credential \(TextLine.escape(keyId)) of '\(TextLine.escape(first.registration.label))': \(group.count) findings\n".utf8)
            indent = "  "
        }
        for index in group {
            let finding = findings[index]
            var tag = finding.disposition == .baselined ? " [baseline]" : ""
            if case .suppressed(let why) = finding.disposition { tag = " [suppressed: \(why.reason) (\(why.source))]" }
            write(finding, tag: tag, indent: indent, into: &out)
        }
    }

    /// Consecutive findings on the same credential (same registration and keyId) as one group;
    /// every other finding alone. Groups hold indices into `findings`.
    static func credentialGroups(_ indices: [Int], in findings: ArraySlice<Finding>) -> [[Int]] {
        var groups: [[Int]] = []
        for index in indices {
            let finding = findings[index]
            if let keyId = finding.subject.keyId, let last = groups.last?.last.map({ findings[$0] }), last.subject.keyId == keyId,
               last.registration.pointer == finding.registration.pointer {
                groups[groups.count - 1].append(index)
            } else {
                groups.append([index])
            }
        }
        return groups
    }

    /// `path:line:col: level: message` for a diagnostic.
    public func line(_ diagnostic: Diagnostic) -> String {
        let place = diagnostic.position.map { "\(diagnostic.path):\($0.line):\($0.column)" } ?? diagnostic.path
        let level = diagnostic.level == .note ? "note" : diagnostic.level.rawValue
        return "\(TextLine.escape(place)): \(paint(level, tone(diagnostic.level))): \(TextLine.escape(diagnostic.message))\n"
    }

    /// `path:line:col: severity REGnnn name: message`, then its related places, each line after
    /// `indent`: appended as bytes (a string per line, then its UTF-8 copied, was most of the
    /// text of a run with 160,000 findings).
    func write(_ finding: Finding, tag: String, indent: String, into out: inout [UInt8]) {
        out.append(contentsOf: indent.utf8)
        Self.appendPlace(finding.location, paint(finding.severity.rawValue, tone(finding.severity)), to: &out)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: finding.ruleID.utf8)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: finding.ruleName.utf8)
        out.append(contentsOf: ": ".utf8)
        TextLine.append(finding.message, to: &out)
        TextLine.append(tag, to: &out)
        out.append(UInt8(ascii: "\n"))
        for related in finding.related {
            out.append(contentsOf: indent.utf8)
            out.append(contentsOf: "  ".utf8)
            Self.appendPlace(related.location, paint("note", .blue) + ":", to: &out)
            out.append(UInt8(ascii: " "))
            TextLine.append(related.message, to: &out)
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// `path:line:col: level` (the path escaped).
    static func appendPlace(_ location: SourceLocation, _ level: String, to out: inout [UInt8]) {
        TextLine.append(location.path, to: &out)
        out.append(UInt8(ascii: ":"))
        DecimalText.append(location.start.line, to: &out)
        out.append(UInt8(ascii: ":"))
        DecimalText.append(location.start.column, to: &out)
        out.append(contentsOf: ": ".utf8)
        out.append(contentsOf: level.utf8)
    }

    /// The one-line summary: counts by severity, inputs, and what was not judged.
    public func summary(_ report: LintReport) -> String { summary(RunTotals(report)) }

    /// The closing line from a run's totals (a streamed run has no whole report).
    public func summary(_ totals: RunTotals) -> String {
        let counts = totals.counts
        let count = { (s: Severity) in counts.shown(s) }
        let shownCount = count(.error) + count(.warning) + count(.note)
        let suppressed = counts.suppressed.values.reduce(0, +)
        let baselined = counts.baselined.values.reduce(0, +)
        let failed = totals.failedInputs
        let registrations = totals.registrations
        let configurations = totals.configurationFiles
        var line = "\(plural(shownCount, "finding")) (\(plural(count(.error), "error")), \(plural(count(.warning), "warning")), \(plural(count(.note), "note")))"
        let what = configurations == 0 ? plural(registrations, "registration") : "\(plural(registrations, "registration")) and \(plural(configurations, "configuration file"))"
        line += " in \(what) from \(plural(totals.reportedFiles - failed, "file"))"
        if baselined > 0 { line += "; \(baselined) in the baseline (not counted)" }
        if suppressed > 0 { line += "; \(suppressed) suppressed" }
        if failed > 0 { line += "; \(plural(failed, "input")) could not be read" }
        if totals.shallowExports > 0 { line += "; \(plural(totals.shallowExports, "export")) too shallow to judge" }
        if totals.skippedFiles > 0 { line += "; \(plural(totals.skippedFiles, "file")) skipped (not an app registration export)" }
        if totals.notEvaluated > 0 {
            line += "; \(plural(totals.notEvaluated, "check")) not evaluated (fields absent from or unknown in the export\(verbose ? "" : "; --verbose lists them"))"
        }
        return line + "."
    }

    private func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    enum Tone: String { case red = "31", yellow = "33", blue = "34" }

    private func tone(_ severity: Severity) -> Tone {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .note: .blue
        }
    }

    private func paint(_ text: String, _ tone: Tone) -> String {
        color ? "\u{1B}[\(tone.rawValue)m\(text)\u{1B}[0m" : text
    }
}

import RuleSchema
