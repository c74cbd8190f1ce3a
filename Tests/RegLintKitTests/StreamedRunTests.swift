import Foundation
@testable import RegLintKit
import RuleSchema
import Testing

/// A streamed run (`LintRun.stream` with a `ReportStream` for each format but the audit reports) gives the very bytes,
/// exit code and closing line of a whole run's report: it only changes what is held in memory.
@Suite("Streamed run")
struct StreamedRunTests {
    /// The SARIF log, JUnit, JSON, text, GitHub and Code Quality documents (whole and streamed), exit code and summary of
    /// `options` linted both ways; `held` is the text a streamed JUnit suite, JSON file entry or
    /// text file section keeps before it spills (a text file's spilled lines then become segments of their own).
    static func both(_ options: LintRun.Options, held: Int? = nil) async throws
        -> (documents: [(format: String, whole: [UInt8], streamed: [UInt8])], wholeReport: LintReport, run: LintRun.Streamed) {
        let run = LintRun(options: options)
        let setup = try run.setup()
        let report = await run.run(setup)
        var sarif: SARIFStream?
        let junit = try JUnitStream(heldCases: held ?? JUnitStream.heldCases)
        let json = try JSONStream(toolVersion: RegLintVersion.current, now: options.now, failOn: setup.policy.failOn,
                                  configurationFile: setup.configurationFile, baselineFile: setup.baselineFile,
                                  heldChecks: held ?? JSONStream.heldChecks)
        // Text as a terminal shows it (coloured), with --verbose, and with --quiet.
        var verbose = TextReporter(color: false, verbose: true), quiet = TextReporter()
        quiet.quiet = true
        let texts = [TextReporter(color: true), verbose, quiet]
        let textStreams = try texts.map { try TextStream($0, heldLines: held ?? TextStream.heldLines, segmentSize: held.map { _ in 1 } ?? TextStream.segmentSize) }
        let github = try GitHubStream(), codeQuality = try CodeQualityStream()
        let streamed = await run.stream(setup, start: { inputs in
            sarif = try? SARIFStream(rules: setup.rules.rules.map(\.spec), policy: setup.policy, inputs: inputs, toolVersion: RegLintVersion.current)
        }, each: { report in
            sarif?.add(report); junit.add(report); json.add(report); github.add(report); codeQuality.add(report)
            for text in textStreams { text.add(report) }
        })
        var streams: [(String, any ReportStream, any Reporter)] = [("SARIF", try #require(sarif), SARIFReporter()), ("JUnit", junit, JUnitReporter()), ("JSON", json, JSONReporter()),
                                                               ("GitHub", github, GitHubReporter()), ("Code Quality", codeQuality, CodeQualityReporter())]
        for (name, (reporter, stream)) in zip(["text", "verbose text", "quiet text"], zip(texts, textStreams)) { streams.append((name, stream, reporter)) }
        var documents: [(format: String, whole: [UInt8], streamed: [UInt8])] = []
        for (name, stream, reporter) in streams {
            let collector = ByteCollector()
            try stream.finish(exitCode: streamed.exitCode, trailing: streamed.trailing, secrets: streamed.secrets, to: collector)
            documents.append((name, try ByteCollector.streamed(reporter, report), collector.bytes))
        }
        return (documents, report, streamed)
    }

    /// A run of `paths` from `folder`, on `jobs` workers, at the fixtures' date.
    static func options(_ paths: [String], in folder: String = Fixtures.packageRoot.path, jobs: Int = 2) -> LintRun.Options {
        var options = LintRun.Options()
        options.paths = paths
        options.currentDirectory = folder
        options.now = Fixtures.now
        options.jobs = jobs
        return options
    }

    static func check(_ options: LintRun.Options, held: Int? = nil) async throws {
        let (documents, report, run) = try await both(options, held: held)
        for document in documents {
            #expect(!document.whole.isEmpty)
            // Compared apart so that a failure prints the first difference, not two documents.
            let same = document.whole == document.streamed
            #expect(same, "\(document.format): first difference \(ReportTests.firstDifference(document.whole, document.streamed))")
        }
        #expect(run.exitCode == report.exitCode)
        let text = TextReporter(color: false, verbose: false)
        #expect(text.summary(run.totals) == text.summary(report))
        #expect(run.skipped == report.result.files.filter(\.skipped).map(\.input.displayPath))
    }

    @Test("the whole testdata tree (secrets, failed inputs, configuration files, skipped files), on 1 and 4 workers")
    func testdataTree() async throws {
        for jobs in [1, 4] {
            var options = Self.options(["testdata", "no-such-file.json"], jobs: jobs)
            options.discoverConfiguration = false
            try await Self.check(options)
        }
    }

    @Test("collections handed on in pieces of 1, 2 and 3 registrations: the same bytes as whole files")
    func pieces() async throws {
        for size in [1, 2, 3] {
            var options = Self.options(["testdata"])
            options.discoverConfiguration = false
            options.pieceSize = size
            // JUnit suites and JSON file entries through their spools too (any text held goes to disk).
            try await Self.check(options, held: size == 1 ? 0 : nil)
            // Pieces were handed on (a collection of the tree has more than three apps).
            let run = LintRun(options: options)
            var continued = 0
            _ = await run.stream(try run.setup()) { report in continued += report.result.files.filter(\.continued).count }
            #expect(continued > 0)
        }
    }

    @Test("pieces cover a collection once, in order, none larger than the piece size, the last ones smaller")
    func pieceLengths() {
        for size in [1, 2, 3, 8, 2_048] {
            for count in [size + 1, 2 * size, 2 * size + 1, 5 * size + 3, 10_000] where count > size {
                var lengths: [Int] = []
                var remaining = count
                while remaining > 0 {
                    let length = Linter.pieceLength(remaining: remaining, size: size)
                    #expect(length >= 1 && length <= min(size, remaining))
                    guard length >= 1 else { break }
                    lengths.append(length)
                    remaining -= length
                }
                #expect(lengths.reduce(0, +) == count)
                if size >= 8, count > 2 * size { #expect(lengths.last.map { $0 <= size / 2 } == true, "\(size), \(count): \(lengths)") }
            }
        }
        #expect((0..<8).reduce(into: (rest: 10_000, lengths: [Int]())) { state, _ in
            let length = Linter.pieceLength(remaining: state.rest, size: 2_048)
            state.lengths.append(length)
            state.rest -= length
        }.lengths == [2_048, 2_048, 2_048, 1_928, 964, 482, 256, 226])
    }

    @Test("a Terraform state, whose unattached passwords follow the applications in the model but not in the file, is not split into pieces: the same bytes")
    func terraformOrder() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let state = try #require(try JSONSerialization.jsonObject(with: Data(Fixtures.text("testdata/formats/terraform/state.json").utf8)) as? [String: Any])
        let values = try #require(state["values"] as? [String: Any]), module = try #require(values["root_module"] as? [String: Any])
        let template = try #require((module["resources"] as? [[String: Any]])?.first { $0["type"] as? String == "azuread_application" })
        var applications: [[String: Any]] = []
        for (index, name) in ["alpha", "beta"].enumerated() {
            var application = template
            application["address"] = "azuread_application.\(name)"
            application["name"] = name
            var fields = try #require(template["values"] as? [String: Any])
            fields["display_name"] = "Contoso \(name)"
            fields["client_id"] = "12121111-aaaa-2222-bbbb-3333cccc01\(index)0"
            fields["object_id"] = "aaaa0000-bb11-cc22-dd33-44ee44ee01\(index)0"
            fields["id"] = "/applications/aaaa0000-bb11-cc22-dd33-44ee44ee01\(index)0"
            application["values"] = fields
            applications.append(application)
        }
        // First in the file, last in the model (a password naming no application of the file).
        let orphan: [String: Any] = [
            "address": "azuread_application_password.orphan", "mode": "managed", "type": "azuread_application_password", "name": "orphan",
            "provider_name": "registry.terraform.io/hashicorp/azuread", "schema_version": 1,
            "values": ["application_id": "/applications/00000000-0000-0000-0000-00000000dead", "display_name": "orphan",
                       "end_date": "2031-01-01T00:00:00Z", "start_date": "2026-01-01T00:00:00Z",
                       "key_id": "ffffffff-0000-1111-2222-3333333301ff", "value": "FAKE-orphan-password-value-01"],
        ]
        let document: [String: Any] = ["format_version": "1.0", "terraform_version": "1.9.5",
                                       "values": ["root_module": ["resources": [orphan] + applications]]]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        try scratch.write(String(decoding: data, as: UTF8.self), to: "state.json")
        var options = Self.options(["state.json"], in: scratch.url.path)
        options.discoverConfiguration = false
        options.pieceSize = 1
        try await Self.check(options, held: 0)
        let report = await LintRun(options: options).run(try LintRun(options: options).setup())
        #expect(report.result.files.first?.registrations.count == 3)
        #expect(report.findings.first?.registration.displayName?.contains("orphan") == true, "the password's findings come first in the file")
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
            var options = Self.options(["."], in: scratch.url.path)
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
        let (_, _, run) = try await Self.both(options)
        #expect(run.exitCode == 2)
        #expect(run.trailing.map(\.kind) == [.noInput])
    }
}

/// The fold a streamed run adds its not-evaluated checks to, a piece at a time, gives what
/// grouping the whole list at once gives (the rule written out plainly here): the other
/// diagnostics in order, then the checks, each (rule, reason) over the threshold folded into its
/// first, with its count of registrations and files.
@Suite("Diagnostic fold")
struct DiagnosticFoldTests {
    /// With fewer (rule, reason) pairs than the fold holds at once (`foldedGroupLimit`).
    static func reference(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        func key(_ d: Diagnostic) -> String? {
            guard d.kind == .ruleNotEvaluated, let rule = d.ruleID, let reason = d.reason else { return nil }
            return "\(rule)|\(reason)"
        }
        var counts: [String: Int] = [:]
        var files: [String: Set<[UInt8]>] = [:]
        for d in diagnostics {
            guard let k = key(d) else { continue }
            counts[k, default: 0] += 1
            files[k, default: []].insert(Array(d.reportPath.utf8))
        }
        var emitted = Set<String>()
        var out = diagnostics.filter { key($0) == nil }
        for d in diagnostics {
            guard let k = key(d), let count = counts[k] else { continue }
            guard count > SARIFReporter.groupingThreshold else { out.append(d); continue }
            guard emitted.insert(k).inserted else { continue }
            var folded = d
            let fileCount = files[k]?.count ?? 0
            let place = fileCount == 1 ? "of this file" : "in \(fileCount) files"
            folded.message = "\(d.ruleID ?? "") was not evaluated for \(count) registrations \(place) (the first: '\(d.registration ?? "")'): \(d.reason ?? "")"
            out.append(folded)
        }
        return out
    }

    /// Random checks around the threshold, file by file as a run gives them, with other
    /// diagnostics between.
    static func randomRun(using generator: inout some RandomNumberGenerator) -> [Diagnostic] {
        var list: [Diagnostic] = []
        var n = 0
        for file in ["a.json", "b.json", "c.json"].prefix(Int.random(in: 1...3, using: &generator)) {
            for _ in 0..<Int.random(in: 0...25, using: &generator) {
                n += 1
                if Int.random(in: 0..<5, using: &generator) == 0 {
                    list.append(Diagnostic(kind: .inputNotice, path: file, reportPath: file, position: nil, message: "notice \(n)"))
                    continue
                }
                let rule = ["REG101", "REG201"].randomElement(using: &generator) ?? "REG101"
                var d = Diagnostic(kind: .ruleNotEvaluated, path: file, reportPath: file, position: SourcePosition(line: n, column: 1, offset: n),
                                   message: "\(rule) was not evaluated for 'app \(n)'", ruleID: rule, registration: "app \(n)")
                d.reason = ["owners absent", "web absent"].randomElement(using: &generator)
                list.append(d)
            }
        }
        return list
    }

    static func lines(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.reportPath) \($0.position?.line ?? 0) \($0.message)" }
    }

    @Test("random runs of checks around the threshold, with other diagnostics between: the same list as grouping all at once")
    func sameAsWhole() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let list = Self.randomRun(using: &generator)
            #expect(Self.lines(SARIFReporter.groupedDiagnostics(list)) == Self.lines(Self.reference(list)))
            // Taken as a streamed run takes them: the passing ones after each file, the rest at the end.
            var fold = SARIFReporter.DiagnosticFold()
            var streamed: [Diagnostic] = []
            for (k, d) in list.enumerated() {
                fold.add(d)
                if k + 1 == list.count || list[k + 1].reportPath != d.reportPath { streamed += fold.takePassing() }
            }
            streamed += fold.diagnostics
            #expect(Self.lines(streamed) == Self.lines(SARIFReporter.groupedDiagnostics(list)))
        }
    }

    @Test("one check in each of many files folds into one notification with the count of files")
    func acrossFiles() {
        let list = (0..<30).map { n in
            var d = Diagnostic(kind: .ruleNotEvaluated, path: "app\(n).json", reportPath: "app\(n).json", position: SourcePosition(line: 1, column: 1, offset: 0),
                               message: "REG601 was not evaluated for 'app \(n)'", ruleID: "REG601", registration: "app \(n)")
            d.reason = "'owners' is absent from this export."
            return d
        }
        let grouped = SARIFReporter.groupedDiagnostics(list)
        #expect(grouped.count == 1)
        #expect(grouped.first?.reportPath == "app0.json")
        #expect(grouped.first?.message == "REG601 was not evaluated for 30 registrations in 30 files (the first: 'app 0'): 'owners' is absent from this export.")
        #expect(Self.lines(grouped) == Self.lines(Self.reference(list)))
    }

    /// A check whose reason quotes a value of its own (`n`), in its own file.
    static func oneOff(_ n: Int, reason: String? = nil) -> Diagnostic {
        var d = Diagnostic(kind: .ruleNotEvaluated, path: "f\(n).json", reportPath: "f\(n).json", position: SourcePosition(line: 1, column: 1, offset: 0),
                           message: "REG303 was not evaluated for 'app \(n)'", ruleID: "REG303", registration: "app \(n)")
        d.reason = reason ?? "'endDateTime' holds 'garbage \(n)', which is not a date"
        return d
    }

    @Test("past the groups a fold holds, the oldest group of one check is let go: every check listed, in order")
    func groupLimit() {
        // 10,000 past the limit: the list of made groups and the kept checks are compacted on the way.
        for extra in [40, 10_000] {
            let list = (0..<(SARIFReporter.foldedGroupLimit + extra)).map { Self.oneOff($0) }
            #expect(Self.lines(SARIFReporter.groupedDiagnostics(list)) == Self.lines(list))
        }
    }

    @Test("a large group after a full table of one-check groups still folds into one notification")
    func foldsAfterOneOffs() {
        var list = (0..<SARIFReporter.foldedGroupLimit).map { Self.oneOff($0) }
        list += (0..<30).map { Self.oneOff(10_000 + $0, reason: "'owners' is absent from this export.") }
        let grouped = SARIFReporter.groupedDiagnostics(list)
        #expect(grouped.count == SARIFReporter.foldedGroupLimit + 1)
        // The first one-check group was let go for the new one: it passes first.
        #expect(grouped.first?.registration == "app 0")
        #expect(grouped.last?.message == "REG303 was not evaluated for 30 registrations in 30 files (the first: 'app 10000'): 'owners' is absent from this export.")
        // Streamed, a file at a time, the same list.
        var fold = SARIFReporter.DiagnosticFold()
        var streamed: [Diagnostic] = []
        for d in list {
            fold.add(d)
            streamed += fold.takePassing()
        }
        streamed += fold.diagnostics
        #expect(Self.lines(streamed) == Self.lines(grouped))
    }

    @Test("when every group held has two checks or more, a check of a new reason is listed as it is, first")
    func fullOfPairs() {
        var list: [Diagnostic] = []
        for n in 0..<SARIFReporter.foldedGroupLimit {
            let reason = "'endDateTime' holds 'garbage \(n)', which is not a date"
            list += [Self.oneOff(2 * n, reason: reason), Self.oneOff(2 * n + 1, reason: reason)]
        }
        let late = (0..<5).map { Self.oneOff(100_000 + $0) }
        let grouped = SARIFReporter.groupedDiagnostics(list + late)
        #expect(Self.lines(grouped) == Self.lines(late + list))
    }

    @Test("many folded groups and let-go checks, compacted on the way: the same as the reference where it applies")
    func compaction() {
        // 12 checks of each of 1,000 reasons, taken in turn: the groups fold one after another,
        // and the places they drop are compacted away while later groups still hold theirs.
        let list = (0..<12_000).map { n in Self.oneOff(n, reason: "reason \(n % 1_000)") }
        #expect(Self.lines(SARIFReporter.groupedDiagnostics(list)) == Self.lines(Self.reference(list)))
    }

    @Test("two files whose names differ only in Unicode normal form are two files, folded the same way every time")
    func normalForms() {
        let composed = "caf\u{E9}.json", decomposed = "cafe\u{301}.json"
        var list: [Diagnostic] = []
        for n in 0..<22 {
            let file = n < 11 ? composed : decomposed
            var d = Diagnostic(kind: .ruleNotEvaluated, path: file, reportPath: file, position: SourcePosition(line: n + 1, column: 1, offset: n),
                               message: "REG101 was not evaluated for 'app \(n)'", ruleID: "REG101", registration: "app \(n)")
            d.reason = "owners absent"
            list.append(d)
        }
        let grouped = SARIFReporter.groupedDiagnostics(list)
        #expect(grouped.map { Array($0.reportPath.utf8) } == [Array(composed.utf8)])
        #expect(grouped.allSatisfy { $0.message.contains("for 22 registrations in 2 files") })
    }
}

/// The spool a streamed report's parts wait in: on disk in `$TMPDIR` or `/tmp`, or in memory where
/// no temporary file can be made, with the same bytes either way.
@Suite("Spool")
struct SpoolTests {
    @Test("in memory, on disk and split between them: the same bytes through writes, a reset and copies")
    func sameBytes() throws {
        var generator = SystemRandomNumberGenerator()
        // No memory at all, one chunk (the rest spills to the file), room for everything, no file.
        for (onDisk, budgetBytes) in [(true, 0), (true, Spool.chunkSize), (true, 64 << 20), (false, 0)] {
            let budget = SpoolBudget(bytes: budgetBytes)
            let spool = Spool(onDisk: onDisk, budget: budget)
            #expect(spool.isOnDisk == onDisk)
            var expected: [UInt8] = []
            for round in 0..<3 {
                if round == 1 {
                    spool.reset()
                    expected = []
                    #expect(budget.available == budgetBytes, "a reset gives the memory back")
                }
                for _ in 0..<20 {
                    let chunk = (0..<Int.random(in: 0...70_000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                    if Bool.random(using: &generator) {
                        try spool.write(chunk)
                    } else {
                        try chunk.withUnsafeBufferPointer { try spool.write($0) }
                    }
                    expected += chunk
                }
                // Copied out twice: a copy leaves the spool as it was, ready for more.
                for _ in 0..<2 {
                    let collector = ByteCollector()
                    try spool.copy(to: collector)
                    #expect(collector.bytes == expected, "onDisk \(onDisk), budget \(budgetBytes), round \(round)")
                }
                #expect(spool.count == expected.count)
                #expect(budget.available <= budgetBytes && budget.available % Spool.chunkSize == budgetBytes % Spool.chunkSize)
            }
        }
    }

    @Test("spools share one budget: what one holds another cannot take, and a spool gone gives it back")
    func sharedBudget() throws {
        let budget = SpoolBudget(bytes: 2 * Spool.chunkSize)
        let bytes = [UInt8](repeating: 7, count: Spool.chunkSize + 1)
        var first: Spool? = Spool(onDisk: true, budget: budget)
        try first?.write(bytes)
        #expect(budget.available == 0, "two chunks granted for one chunk and a byte")
        let second = Spool(onDisk: true, budget: budget)
        try second.write([1, 2, 3])
        #expect(budget.available == 0)
        first = nil
        #expect(budget.available == 2 * Spool.chunkSize)
        let collector = ByteCollector()
        try second.copy(to: collector)
        #expect(collector.bytes == [1, 2, 3], "its bytes went to its file, and come back from there")
    }

    @Test("made unnamed in the folder named ($TMPDIR), and in /tmp when that folder cannot hold one")
    func folder() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let file = try #require(Spool.temporaryFile(in: scratch.url.path))
        defer { fclose(file) }
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fileno(file))")
        #expect(link.hasPrefix(scratch.url.path + "/"), "\(link)")
        #expect(link.hasSuffix("(deleted)"), "no name is left: \(link)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path) == [".git"])
        let fallback = try #require(Spool.temporaryFile(in: scratch.url.path + "/no-such-folder"))
        defer { fclose(fallback) }
        let fallbackLink = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fileno(fallback))")
        #expect(fallbackLink.hasPrefix("/tmp/"), "\(fallbackLink)")
    }
}

@Suite("Piece in flight")
struct PieceInFlightTests {
    @Test("chunks linted by 0, 1 and 3 helpers and the waiter come back in registration order, each once", arguments: [0, 1, 3])
    func order(helpers: Int) {
        for range in [0..<0, 5..<6, 100..<131, 7..<1_000] {
            let piece = PieceInFlight(range: range, helpers: helpers) { chunk in
                chunk.map { (nil, [String($0)], IdentifierPlaces()) }
            }
            let labels = piece.value().flatMap(\.1)
            #expect(labels == range.map(String.init))
            // Asked again, the same results (the wait does not consume them).
            #expect(piece.value().count == range.count)
        }
    }
}

/// Each file's report reaches every stream of a run, on threads of their own or, with `--jobs 1`, in turn.
@Suite("Report fan-out")
struct ReportFanOutTests {
    @Test("with --jobs 1 the streams are handed each report in turn on the calling thread; otherwise each still sees every report")
    func fanOutInTurn() throws {
        let report = LintReport(toolVersion: "0", rules: [], result: LintResult(files: []), now: Fixtures.now, failOn: .error)
        for concurrently in [false, true] {
            let streams = [ThreadRecordingStream(), ThreadRecordingStream(), ThreadRecordingStream()]
            for _ in 0..<3 { ReportStreamFanOut.add(report, to: streams, concurrently: concurrently) }
            for stream in streams {
                #expect(stream.threads.count == 3)
                if !concurrently { #expect(stream.threads.allSatisfy { pthread_equal($0, pthread_self()) != 0 }) }
            }
        }
    }
}

/// A stream that notes the thread each report reached it on.
private final class ThreadRecordingStream: ReportStream {
    private let lock = NSLock()
    private var seen: [pthread_t] = []
    var threads: [pthread_t] { lock.withLock { seen } }
    func add(_ file: LintReport) { lock.withLock { seen.append(pthread_self()) } }
    func finish(exitCode: Int32, trailing: [Diagnostic], masking: SecretScrubber, to sink: ByteSink) throws {}
}
