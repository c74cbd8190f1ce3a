/// Text written as a streamed run goes: each file's lines are rendered as its report comes and
/// kept in a spool (`Spool`: in memory within the process's 32 MiB `SpoolBudget`, then in an
/// unnamed temporary file), then copied out, masked with every secret of the run, followed by the
/// run's own diagnostics and the summary line. Memory holds one piece's findings, at most about a
/// megabyte of one file's lines and the spools' budget; the bytes are those
/// `TextReporter` writes for the whole report.
public final class TextStream: ReportStream {
    private let reporter: TextReporter
    /// The lines of the files closed so far: `segments`, then `lines`.
    private var segments: [Spool] = []
    private var lines: Spool
    /// The open file's diagnostic and finding lines beyond `heldLines` bytes (a collection's come
    /// in pieces, and the file's diagnostics are printed before its findings).
    private let openDiagnostics: Spool
    private var openFindings: Spool
    private var diagnosticLines: [UInt8] = []
    private var findingLines: [UInt8] = []
    private var totals = RunTotals()
    /// The first failure to write a spool; `finish` throws it.
    private var failure: Error?

    /// Line text an open file holds in memory before it goes to disk.
    public static let heldLines = 1 << 20
    private let heldLines: Int
    /// A closed file's spooled finding lines this long are kept as a segment of their own rather
    /// than copied into `lines` (one app's 160,000 findings are 35 MB of text: copying them from
    /// spool to spool was a read and a write of it all). Few files reach it, so few files are open.
    public static let segmentSize = 8 << 20
    /// Segments kept at most (two temporary files each); later files are copied as before.
    static let mostSegments = 64
    private let segmentSize: Int

    /// Text as `reporter` writes it (colour, `verbose`, `quiet`); `heldLines` and `segmentSize`:
    /// the bounds above.
    public init(_ reporter: TextReporter, heldLines: Int = TextStream.heldLines, segmentSize: Int = TextStream.segmentSize) throws {
        self.reporter = reporter
        self.heldLines = heldLines
        self.segmentSize = segmentSize
        lines = try Spool()
        openDiagnostics = try Spool()
        openFindings = try Spool()
    }

    public func add(_ report: LintReport) {
        for file in report.result.files { totals.add(file) }
        totals.counts.add(report.counts)
        totals.notEvaluated += report.notEvaluatedCount
        guard failure == nil, !reporter.quiet else { return }
        do {
            for file in report.result.files where !file.skipped && !file.continued { try close() }
            reporter.write(report.diagnostics[...], into: &diagnosticLines)
            var spillFailure: Error?
            let openFindings = self.openFindings
            reporter.write(report.findings[...], into: &findingLines, spillAt: heldLines) { lines in
                do { try openFindings.write(lines) } catch { spillFailure = spillFailure ?? error }
            }
            if let spillFailure { throw spillFailure }
            if diagnosticLines.count > heldLines {
                try openDiagnostics.write(diagnosticLines)
                diagnosticLines.removeAll(keepingCapacity: true)
            }
        } catch {
            failure = error
        }
    }

    /// Writes the open file's lines: its diagnostics, then its findings.
    private func close() throws {
        try openDiagnostics.copy(to: lines)
        openDiagnostics.reset()
        try lines.write(diagnosticLines)
        diagnosticLines.removeAll(keepingCapacity: true)
        if openFindings.count >= segmentSize && segments.count < TextStream.mostSegments {
            segments += [lines, openFindings]
            lines = try Spool()
            openFindings = try Spool()
        } else {
            try openFindings.copy(to: lines)
            openFindings.reset()
        }
        try lines.write(findingLines)
        findingLines.removeAll(keepingCapacity: true)
    }

    public func finish(exitCode: Int32, trailing: [Diagnostic], masking: SecretScrubber, to sink: ByteSink) throws {
        if failure == nil {
            do { try close() } catch { failure = error }
        }
        if let failure { throw failure }
        var totals = self.totals
        totals.notEvaluated += trailing.filter { $0.kind == .ruleNotEvaluated }.count
        var tail: [UInt8] = []
        if !reporter.quiet {
            for diagnostic in trailing { tail.append(contentsOf: reporter.line(diagnostic).utf8) }
        }
        tail.append(contentsOf: reporter.summary(totals).utf8)
        tail.append(UInt8(ascii: "\n"))
        let spools = segments + [lines]
        try ReportStreamMasking.write(to: sink, masking: masking) { sink in
            for spool in spools { try spool.copy(to: sink) }
            try tail.withUnsafeBufferPointer { try sink.write($0) }
        }
    }
}
