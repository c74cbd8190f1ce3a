/// GitLab Code Quality written as a streamed run goes: the input errors and the findings are
/// rendered as each file's report comes (`ReportLists`), then copied out in the order
/// `CodeQualityReporter` writes them (every input error, then every finding), masked with every
/// secret of the run.
public final class CodeQualityStream: ReportStream {
    private let reporter = CodeQualityReporter()
    private let lists: ReportLists

    public init() throws {
        lists = try ReportLists()
    }

    public func add(_ report: LintReport) {
        // Findings are rendered as the list's first values: whether input errors precede them
        // is known only at the end (`splice(renderedFirst:)`).
        lists.add(report, diagnostics: { diagnostics, first in
            var json = JSONWriter(fragmentAtDepth: 1, first: first, capacity: 0)
            reporter.writeIssues(diagnostics, into: &json)
            return json.fragmentBytes()
        }, findings: { findings, files, first in
            var json = JSONWriter(fragmentAtDepth: 1, first: first, capacity: findings.count * 512)
            reporter.writeIssues(findings, files: files, into: &json)
            return json.fragmentBytes()
        })
    }

    public func finish(exitCode: Int32, trailing: [Diagnostic], masking: SecretScrubber, to sink: ByteSink) throws {
        if let failure = lists.failure { throw failure }
        let lists = self.lists
        try ReportStreamMasking.write(to: sink, masking: masking) { sink in
            var json = JSONWriter(streamingTo: sink)
            json.beginArray()
            json.splice(values: lists.anyDiagnostic) { try lists.diagnostics.copy(to: $0) }
            reporter.writeIssues(trailing[...], into: &json)
            json.splice(values: lists.anyFinding, renderedFirst: true) { try lists.findings.copy(to: $0) }
            json.endArray()
            try json.finishStream()
        }
    }
}
