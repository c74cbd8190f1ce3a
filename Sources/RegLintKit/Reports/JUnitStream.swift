import RuleSchema

/// A JUnit document written as a streamed run goes: each file's suite is rendered as its
/// registrations come and kept in a spool (`Spool`: in memory within the process's 32 MiB
/// `SpoolBudget`, then in an unnamed temporary file), and the root, whose counts are the run's,
/// is written first once the run is over. Memory holds the spools' budget and at most about a
/// megabyte of one suite's cases (a larger suite's go to a second spool until its counts are
/// known); the bytes
/// are those `JUnitReporter` writes for the whole report.
public final class JUnitStream: ReportStream {
    private let testcaseFile: Bool
    private let suites: Spool
    /// The open suite's cases beyond `heldCases` bytes, while its counts are still growing.
    private let openCases: Spool
    private var open: JUnitSuite?
    private var rules: [String: (position: Int, spec: RuleSpec)]?
    private var totals = JUnitTotals()
    private var anySuite = false
    /// The first failure to write a spool; `finish` throws it.
    private var failure: Error?

    /// Case text an open suite holds in memory before it goes to disk.
    public static let heldCases = 1 << 20
    private let heldCases: Int

    /// `heldCases`: the bound above (tests make it small to send every suite through the spool).
    public init(testcaseFile: Bool = false, heldCases: Int = JUnitStream.heldCases) throws {
        self.testcaseFile = testcaseFile
        self.heldCases = heldCases
        suites = try Spool()
        openCases = try Spool()
    }

    public func add(_ file: LintReport) {
        guard failure == nil else { return }
        do {
            let rules = self.rules ?? JUnitSuite.rules(of: file)
            self.rules = rules
            for result in file.reportedFiles {
                if !result.continued || open == nil {
                    try close()
                    open = JUnitSuite(file: result, of: file, testcaseFile: testcaseFile)
                }
                open?.add(result, of: file, rules: rules)
                if let held = open?.heldBytes, held > heldCases, let cases = open?.takeCases() {
                    try openCases.write(Array(cases.utf8))
                }
            }
        } catch {
            failure = error
        }
    }

    /// Writes the open suite (its opening with the final counts, its cases, its closing).
    private func close() throws {
        guard var suite = open else { return }
        open = nil
        try suites.write(Array(suite.opening().utf8))
        try openCases.copy(to: suites)
        openCases.reset()
        try suites.write(Array((suite.takeCases() + JUnitSuite.closing).utf8))
        totals.add(suite)
        anySuite = true
    }

    public func finish(exitCode: Int32, trailing: [Diagnostic], masking: SecretScrubber, to sink: ByteSink) throws {
        if failure == nil {
            do { try close() } catch { failure = error }
        }
        if let failure { throw failure }
        try ReportStreamMasking.write(to: sink, masking: masking) { sink in
            try Self.send(JUnitReporter.documentHead(totals, empty: !anySuite), to: sink)
            guard anySuite else { return }
            try suites.copy(to: sink)
            try Self.send(JUnitReporter.documentTail, to: sink)
        }
    }

    private static func send(_ text: String, to sink: ByteSink) throws {
        var text = text
        try text.withUTF8 { try sink.write($0) }
    }
}
