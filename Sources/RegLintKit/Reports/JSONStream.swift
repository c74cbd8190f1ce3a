import RuleSchema

/// reglint's JSON written as a streamed run goes: the `files`, `diagnostics` and `findings` lists
/// are rendered as the files come and kept in spools (`Spool`: in memory within the process's
/// 32 MiB `SpoolBudget`, then in unnamed temporary files); the head, whose exit code and summary
/// are the run's, is written once the run is over, then the lists copied after it. Memory holds
/// one piece's findings, at most about a megabyte of one file's not-evaluated checks and the
/// spools' budget; the bytes are those `JSONReporter` writes for the whole report.
public final class JSONStream: ReportStream {
    private let reporter = JSONReporter()
    private var head: JSONReporter.Head
    private let files: Spool
    private let diagnostics: Spool
    private let findings: Spool
    /// The open file's not-evaluated checks beyond `heldChecks` bytes, while its registration
    /// count (written before them) is still growing.
    private let openChecks: Spool
    private var open: (file: FileResult, registrations: Int, checks: [UInt8], anyCheck: Bool)?
    private var fileCount = 0
    private var diagnosticCount = 0
    private var findingCount = 0
    /// The first failure to write a spool; `finish` throws it.
    private var failure: Error?

    /// Check text an open file entry holds in memory before it goes to disk.
    public static let heldChecks = 1 << 20
    private let heldChecks: Int

    /// A document for a run at `now` under a policy failing on `failOn`, with the configuration
    /// and baseline files it used; `heldChecks`: the bound above (tests make it small).
    public init(toolName: String = "reglint", toolVersion: String, now: Instant, failOn: Severity?,
                configurationFile: String?, baselineFile: String?, heldChecks: Int = JSONStream.heldChecks) throws {
        head = JSONReporter.Head(toolVersion: toolVersion, now: now, failOn: failOn, exitCode: 0,
                                 configurationFile: configurationFile, baselineFile: baselineFile)
        head.toolName = toolName
        self.heldChecks = heldChecks
        files = try Spool()
        diagnostics = try Spool()
        findings = try Spool()
        openChecks = try Spool()
    }

    public func add(_ report: LintReport) {
        guard failure == nil else { return }
        do {
            head.counts.add(report.counts)
            for file in report.result.files {
                if file.skipped {
                    head.skippedFiles += 1
                    continue
                }
                if !file.continued || open == nil {
                    try close()
                    var header = file
                    header.registrations = []
                    open = (header, 0, [], false)
                    head.files += 1
                    if file.error != nil { head.failedInputs += 1 }
                }
                guard var entry = open else { continue }
                open = nil
                entry.registrations += file.registrations.count
                var json = JSONWriter(fragmentAtDepth: JSONReporter.notEvaluatedDepth, first: !entry.anyCheck, capacity: 0)
                reporter.writeNotEvaluated(file, into: &json)
                let bytes = json.fragmentBytes()
                if !bytes.isEmpty {
                    entry.anyCheck = true
                    entry.checks += bytes
                    if entry.checks.count > heldChecks {
                        try openChecks.write(entry.checks)
                        entry.checks = []
                    }
                }
                open = entry
            }
            if !report.diagnostics.isEmpty {
                var json = JSONWriter(fragmentAtDepth: JSONReporter.listDepth, first: diagnosticCount == 0)
                for diagnostic in report.diagnostics { reporter.writeDiagnostic(diagnostic, into: &json) }
                try diagnostics.write(json.fragmentBytes())
                diagnosticCount += report.diagnostics.count
            }
            // A collection's findings go to the spool a batch at a time.
            let list = report.findings
            var start = 0
            while start < list.count {
                let end = min(start + SARIFStream.batch, list.count)
                var json = JSONWriter(fragmentAtDepth: JSONReporter.listDepth, first: findingCount == 0, capacity: (end - start) * 1_280)
                for finding in list[start..<end] { reporter.writeFinding(finding, into: &json) }
                try findings.write(json.fragmentBytes())
                findingCount += end - start
                start = end
            }
        } catch {
            failure = error
        }
    }

    /// Writes the open file entry: its opening with the final registration count, its checks,
    /// its closing.
    private func close() throws {
        guard let entry = open else { return }
        open = nil
        var opening = JSONWriter(fragmentAtDepth: JSONReporter.listDepth, first: fileCount == 0, capacity: 1_024)
        reporter.writeFileOpening(entry.file, registrations: entry.registrations, into: &opening)
        try files.write(opening.fragmentBytes())
        try openChecks.copy(to: files)
        openChecks.reset()
        var closing = JSONWriter(fragmentAtDepth: JSONReporter.notEvaluatedDepth, first: !entry.anyCheck, capacity: 64)
        JSONReporter.writeFileClosing(into: &closing)
        try files.write(entry.checks + closing.fragmentBytes())
        fileCount += 1
    }

    public func finish(exitCode: Int32, trailing: [Diagnostic], masking: SecretScrubber, to sink: ByteSink) throws {
        if failure == nil {
            do { try close() } catch { failure = error }
        }
        if let failure { throw failure }
        var head = self.head
        head.exitCode = exitCode
        let files = self.files, diagnostics = self.diagnostics, findings = self.findings
        let fileCount = self.fileCount, diagnosticCount = self.diagnosticCount, findingCount = self.findingCount
        try ReportStreamMasking.write(to: sink, masking: masking) { sink in
            var json = JSONWriter(streamingTo: sink)
            reporter.write(head, into: &json, files: { json in
                json.splice(values: fileCount > 0) { try files.copy(to: $0) }
            }, diagnostics: { json in
                json.splice(values: diagnosticCount > 0) { try diagnostics.copy(to: $0) }
                for diagnostic in trailing { reporter.writeDiagnostic(diagnostic, into: &json) }
            }, findings: { json in
                json.splice(values: findingCount > 0) { try findings.copy(to: $0) }
            })
            try json.finishStream()
        }
    }
}
