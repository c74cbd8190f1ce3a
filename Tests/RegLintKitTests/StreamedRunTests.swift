import Foundation
@testable import RegLintKit
import RuleSchema
import Testing

/// A streamed run (`LintRun.stream` with `SARIFStream`) gives the very bytes, exit code and
/// closing line of a whole run's report: it only changes what is held in memory.
@Suite("Streamed run")
struct StreamedRunTests {
    /// The SARIF log, exit code and summary of `options` linted both ways.
    static func both(_ options: LintRun.Options) async throws -> (whole: [UInt8], streamed: [UInt8], wholeReport: LintReport, run: LintRun.Streamed) {
        let run = LintRun(options: options)
        let setup = try run.setup()
        let report = await run.run(setup)
        var stream: SARIFStream?
        let streamed = await run.stream(setup, start: { inputs in
            stream = try? SARIFStream(rules: setup.rules.rules.map(\.spec), policy: setup.policy, inputs: inputs, toolVersion: RegLintVersion.current)
        }, each: { stream?.add($0) })
        let collector = ByteCollector()
        try #require(stream).finish(exitCode: streamed.exitCode, trailing: streamed.trailing, secrets: streamed.secrets, to: collector)
        return (try ByteCollector.streamed(SARIFReporter(), report), collector.bytes, report, streamed)
    }

    static func check(_ options: LintRun.Options) async throws {
        let (whole, streamed, report, run) = try await both(options)
        #expect(!whole.isEmpty)
        #expect(whole == streamed, "first difference \(ReportTests.firstDifference(whole, streamed))")
        #expect(run.exitCode == report.exitCode)
        let text = TextReporter(color: false, verbose: false)
        #expect(text.summary(run.totals) == text.summary(report))
        #expect(run.skipped == report.result.files.filter(\.skipped).map(\.input.displayPath))
    }

    @Test("the whole testdata tree (secrets, failed inputs, configuration files, skipped files), on 1 and 4 workers")
    func testdataTree() async throws {
        for jobs in [1, 4] {
            var options = LintRun.Options()
            options.paths = ["testdata", "no-such-file.json"]
            options.currentDirectory = Fixtures.packageRoot.path
            options.now = Fixtures.now
            options.jobs = jobs
            options.discoverConfiguration = false
            try await Self.check(options)
        }
    }

    @Test("collections handed on in pieces of 1, 2 and 3 registrations: the same bytes as whole files")
    func pieces() async throws {
        for size in [1, 2, 3] {
            var options = LintRun.Options()
            options.paths = ["testdata"]
            options.currentDirectory = Fixtures.packageRoot.path
            options.now = Fixtures.now
            options.jobs = 2
            options.discoverConfiguration = false
            options.pieceSize = size
            try await Self.check(options)
            // Pieces were handed on (a collection of the tree has more than three apps).
            let run = LintRun(options: options)
            var continued = 0
            _ = await run.stream(try run.setup()) { report in continued += report.result.files.filter(\.continued).count }
            #expect(continued > 0)
        }
    }

    @Test("suppressions, an expired one's note, severities and --no-suppressed")
    func policy() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try scratch.copy(reg202Fixture, to: "apps/app.json")
        try scratch.copy("testdata/examples/contoso-tenant-export.json", to: "apps/tenant.json")
        try scratch.write("""
            severity:
              REG303: error
            suppressions:
              - rule: REG202
                appId: \(reg202AppID)
                uri: http://app.contoso.com/legacy
                reason: "Legacy callback (SEC-42)"
                expires: 2027-03-31
              - rule: REG101
                appId: \(reg202AppID)
                reason: "Expired one"
                expires: 2026-01-01
            """, to: ".reglint.yml")
        for keep in [true, false] {
            var options = LintRun.Options()
            options.paths = ["."]
            options.currentDirectory = scratch.url.path
            options.now = Fixtures.now
            options.jobs = 2
            options.keepSuppressed = keep
            try await Self.check(options)
        }
    }

    @Test("nothing to lint: the run says so once, at the end, and exits 2")
    func empty() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try scratch.write("not an export", to: "notes.txt")
        var options = LintRun.Options()
        options.paths = ["."]
        options.currentDirectory = scratch.url.path
        options.now = Fixtures.now
        try await Self.check(options)
        let (_, _, _, run) = try await Self.both(options)
        #expect(run.exitCode == 2)
        #expect(run.trailing.map(\.kind) == [.noInput])
    }
}
