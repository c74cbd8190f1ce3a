/// GitHub workflow commands written as a streamed run goes: each file's diagnostic and finding
/// commands are rendered as its report comes (`ReportLists`), then copied out in the order
/// `GitHubReporter` writes them (every diagnostic, then every finding), masked with every secret
/// of the run.
public final class GitHubStream: ReportStream {
    private let reporter = GitHubReporter()
    private let lists: ReportLists

    public init() throws {
        lists = try ReportLists()
    }

    public func add(_ report: LintReport) {
        lists.add(report, diagnostics: { diagnostics, _ in Array(reporter.lines(diagnostics).utf8) },
                  findings: { findings, files, _ in Array(reporter.lines(findings, files: files).utf8) })
    }

    public func finish(exitCode: Int32, trailing: [Diagnostic], masking: SecretScrubber, to sink: ByteSink) throws {
        if let failure = lists.failure { throw failure }
        let lists = self.lists
        let tail = Array(reporter.lines(trailing[...]).utf8)
        try ReportStreamMasking.write(to: sink, masking: masking) { sink in
            try lists.diagnostics.copy(to: sink)
            try tail.withUnsafeBufferPointer { try sink.write($0) }
            try lists.findings.copy(to: sink)
        }
    }
}
