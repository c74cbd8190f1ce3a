/// GitHub workflow commands written as a streamed run goes: each file's diagnostic and finding
/// commands are rendered as its report comes and kept in unnamed temporary files (`Spool`), then
/// copied out in the order `GitHubReporter` writes them (every diagnostic, then every finding),
/// masked with every secret of the run. Memory holds one piece's findings.
public final class GitHubStream: ReportStream {
    private let reporter = GitHubReporter()
    private let diagnostics: Spool
    private let findings: Spool
    /// The first failure to write a spool; `finish` throws it.
    private var failure: Error?

    public init() throws {
        diagnostics = try Spool()
        findings = try Spool()
    }

    public func add(_ report: LintReport) {
        guard failure == nil else { return }
        do {
            try diagnostics.write(Array(reporter.lines(report.diagnostics[...]).utf8))
            let list = report.findings
            var start = 0
            while start < list.count {
                let end = min(start + SARIFStream.batch, list.count)
                try findings.write(Array(reporter.lines(list[start..<end], files: report.result.files).utf8))
                start = end
            }
        } catch {
            failure = error
        }
    }

    public func finish(exitCode: Int32, trailing: [Diagnostic], masking: SecretScrubber, to sink: ByteSink) throws {
        if let failure { throw failure }
        let diagnostics = self.diagnostics, findings = self.findings
        let tail = Array(reporter.lines(trailing[...]).utf8)
        try ReportStreamMasking.write(to: sink, masking: masking) { sink in
            try diagnostics.copy(to: sink)
            try tail.withUnsafeBufferPointer { try sink.write($0) }
            try findings.copy(to: sink)
        }
    }
}
