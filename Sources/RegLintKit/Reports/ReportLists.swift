/// The two lists a flat report is made of, the diagnostics then the findings (GitHub annotations,
/// Code Quality), each rendered as a file's report comes and kept in an unnamed temporary file
/// (`Spool`) until the run is over; memory holds one piece's findings.
final class ReportLists {
    let diagnostics: Spool
    let findings: Spool
    /// Whether anything was written to each list.
    private(set) var anyDiagnostic = false
    private(set) var anyFinding = false
    /// The first failure to write a spool; the report's `finish` throws it.
    private(set) var failure: Error?

    init() throws {
        diagnostics = try Spool()
        findings = try Spool()
    }

    /// One file's report, rendered by `diagnostics` and `findings` (`first`: nothing is in that
    /// list yet); a collection's findings a batch at a time.
    func add(_ report: LintReport, diagnostics render: (ArraySlice<Diagnostic>, _ first: Bool) -> [UInt8],
             findings renderFindings: (ArraySlice<Finding>, _ files: [FileResult], _ first: Bool) -> [UInt8]) {
        guard failure == nil else { return }
        do {
            let bytes = render(report.diagnostics[...], !anyDiagnostic)
            try diagnostics.write(bytes)
            if !bytes.isEmpty { anyDiagnostic = true }
            let list = report.findings
            var start = 0
            while start < list.count {
                let end = min(start + SARIFStream.batch, list.count)
                let bytes = renderFindings(list[start..<end], report.result.files, !anyFinding)
                try findings.write(bytes)
                if !bytes.isEmpty { anyFinding = true }
                start = end
            }
        } catch {
            failure = error
        }
    }
}
