/// GitLab Code Quality written as a streamed run goes: the input errors and the findings are
/// rendered as each file's report comes and kept in unnamed temporary files (`Spool`), then
/// copied out in the order `CodeQualityReporter` writes them (every input error, then every
/// finding), masked with every secret of the run. Memory holds one piece's findings.
public final class CodeQualityStream: ReportStream {
    private let reporter = CodeQualityReporter()
    private let diagnostics: Spool
    private let findings: Spool
    private var anyDiagnostic = false
    private var anyFinding = false
    /// The first failure to write a spool; `finish` throws it.
    private var failure: Error?

    public init() throws {
        diagnostics = try Spool()
        findings = try Spool()
    }

    public func add(_ report: LintReport) {
        guard failure == nil else { return }
        do {
            var json = JSONWriter(fragmentAtDepth: 1, first: !anyDiagnostic, capacity: 0)
            reporter.writeIssues(report.diagnostics[...], into: &json)
            let diagnosticBytes = json.fragmentBytes()
            try diagnostics.write(diagnosticBytes)
            if !diagnosticBytes.isEmpty { anyDiagnostic = true }
            // A collection's findings go to the spool a batch at a time. They are rendered as
            // the list's first values: whether input errors precede them is known only at the end.
            let list = report.findings
            var start = 0
            while start < list.count {
                let end = min(start + SARIFStream.batch, list.count)
                var json = JSONWriter(fragmentAtDepth: 1, first: !anyFinding, capacity: (end - start) * 512)
                reporter.writeIssues(list[start..<end], files: report.result.files, into: &json)
                let bytes = json.fragmentBytes()
                try findings.write(bytes)
                if !bytes.isEmpty { anyFinding = true }
                start = end
            }
        } catch {
            failure = error
        }
    }

    public func finish(exitCode: Int32, trailing: [Diagnostic], masking: SecretScrubber, to sink: ByteSink) throws {
        if let failure { throw failure }
        let diagnostics = self.diagnostics, findings = self.findings
        let anyDiagnostic = self.anyDiagnostic, anyFinding = self.anyFinding
        try ReportStreamMasking.write(to: sink, masking: masking) { sink in
            var json = JSONWriter(streamingTo: sink)
            json.beginArray()
            json.splice(values: anyDiagnostic) { try diagnostics.copy(to: $0) }
            reporter.writeIssues(trailing[...], into: &json)
            json.splice(values: anyFinding, renderedFirst: true) { try findings.copy(to: $0) }
            json.endArray()
            try json.finishStream()
        }
    }
}
