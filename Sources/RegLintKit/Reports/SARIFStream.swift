import RuleSchema

/// A SARIF log written as a streamed run goes (`LintRun.stream`): each file's results and
/// notifications (but its checks not evaluated, folded over the run and written at the end) are
/// rendered when the file is done and kept in spools (`Spool`: in memory
/// within the process's 32 MiB `SpoolBudget`, then in unnamed temporary files); the log is put
/// together, and masked, once the run's exit code and secrets are known. Memory holds one file's
/// results at a time (one piece's, for a collection handed on in pieces), the spools' budget and
/// the fold of checks not evaluated (bounded per rule and reason), not the run's results; the
/// bytes are those `SARIFReporter` writes for the whole report.
public final class SARIFStream: ReportStream {
    private let reporter = SARIFReporter()
    private let header: SARIFReporter.RunHeader
    private let context: SARIFReporter.ResultContext
    private let ruleIndex: SARIFReporter.RuleIndex
    private let results: Spool
    private let notifications: Spool
    private var resultCount = 0
    private var notificationCount = 0
    /// The first failure to write a spool; `finish` throws it.
    private var failure: Error?

    /// A log for a run of `rules` under `policy` over `inputs` (every file the run may name).
    public init(rules: [RuleSpec], policy: Policy, inputs: [InputFile], toolName: String = "reglint", toolVersion: String) throws {
        header = SARIFReporter.RunHeader(toolName: toolName, toolVersion: toolVersion, rules: rules, exitCode: 0)
        context = SARIFReporter.ResultContext(rules: rules, policy: policy, inputs: inputs)
        ruleIndex = SARIFReporter.RuleIndex(rules)
        results = try Spool()
        notifications = try Spool()
    }

    /// Results rendered at a time (about 1.5 MB of SARIF).
    static let batch = 1_024

    /// One file's report (a `LintReport` over that file alone, as `LintRun.stream` gives it).
    public func add(_ file: LintReport) {
        guard failure == nil else { return }
        do {
            // Checks not evaluated are grouped over the run and wait for `finish`; the other
            // notifications are written as each file (or piece of one) is done.
            for diagnostic in file.diagnostics { fold.add(diagnostic) }
            try writeNotifications(fold.takePassing())
            // A collection file's results (70,000 of them for 10,000 apps) go to the spool a batch
            // at a time: memory holds one batch's bytes, not the file's.
            let findings = file.findings
            var places = SARIFReporter.LocationBytes()
            var start = 0
            while start < findings.count {
                let end = min(start + SARIFStream.batch, findings.count)
                var json = JSONWriter(fragmentAtDepth: SARIFReporter.resultDepth, first: resultCount == 0, capacity: (end - start) * 896)
                for finding in findings[start..<end] { reporter.writeResult(finding, context, places: &places, into: &json) }
                try results.write(json.fragmentBytes())
                resultCount += end - start
                start = end
            }
        } catch {
            failure = error
        }
    }

    /// The run's checks not evaluated so far, folded (`SARIFReporter.groupedDiagnostics`).
    private var fold = SARIFReporter.DiagnosticFold()

    private func writeNotifications(_ diagnostics: [Diagnostic]) throws {
        guard !diagnostics.isEmpty else { return }
        var json = JSONWriter(fragmentAtDepth: SARIFReporter.notificationDepth, first: notificationCount == 0)
        for diagnostic in diagnostics { reporter.writeNotification(diagnostic, ruleIndex, into: &json) }
        try notifications.write(json.fragmentBytes())
        notificationCount += diagnostics.count
    }

    /// Writes the log to `sink`: the run's exit code, the notifications (the files' that do not
    /// fold, then `trailing`'s, then the folded checks not evaluated), the results; every secret
    /// of the run masked on the way (`masking`).
    public func finish(exitCode: Int32, trailing: [Diagnostic], masking scrubber: SecretScrubber, to sink: ByteSink) throws {
        if failure == nil {
            // The run's own diagnostics, then the folded checks: the order of the whole list
            // grouped at once.
            for diagnostic in trailing { fold.add(diagnostic) }
            do { try writeNotifications(fold.diagnostics) } catch { failure = error }
        }
        if let failure { throw failure }
        var header = self.header
        header.exitCode = exitCode
        let masking = scrubber.isEmpty ? nil : MaskingSink(scrubber: scrubber, downstream: sink)
        var json = JSONWriter(streamingTo: masking ?? sink)
        let notifications = self.notifications, results = self.results
        reporter.write(header, into: &json, notifications: { json in
            json.splice(values: notificationCount > 0) { try notifications.copy(to: $0) }
        }, results: { json in
            json.splice(values: resultCount > 0) { try results.copy(to: $0) }
        })
        try json.finishStream()
        try masking?.finish()
    }
}
