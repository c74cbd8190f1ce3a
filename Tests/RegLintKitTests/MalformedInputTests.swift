import Foundation
import Testing
@testable import RegLintKit
import RuleSchema

/// What `testdata/malformed/expected.json` says one file must give.
struct MalformedExpectation: Decodable, Sendable {
    /// `error` (the input is refused at `line:column` with a message containing `contains`),
    /// `lint` (linted: exactly `findings`, and exactly the rules of `notEvaluated` not evaluated,
    /// each with its reason), `config-error` (refused as `.reglint.yml`), `rules-error` (refused
    /// as a `--rules` file).
    var kind: String
    var line: Int?
    var column: Int?
    var contains: String?
    /// `RULE line:column` in position order.
    var findings: [String]?
    /// Rule id to the reason it was not evaluated.
    var notEvaluated: [String: String]?
    /// Why the case is not run yet.
    var disabled: String?
    /// The suite that runs the case when it is not run here (the fuzz regressions).
    var testedBy: String?
    /// A result reglint gives today that is wrong (documented, not asserted against).
    var knownBug: String?
}

/// Small pure helpers for the malformed-input catalogue.
enum MalformedCatalogue {
    static let folder = "testdata/malformed"

    static func expectations() throws -> [String: MalformedExpectation] {
        try JSONDecoder().decode([String: MalformedExpectation].self, from: Data(try Fixtures.bytes("\(folder)/expected.json")))
    }

    /// Every file of the folder but its README and expected.json.
    static func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Fixtures.url(folder).path)
            .filter { $0 != "README.md" && $0 != "expected.json" }.sorted()
    }

    /// The files the engine lints (the YAML files are configuration and rule files).
    static let lintable: [String] = {
        guard let expected = try? expectations() else { return [] }
        return expected.filter { $0.value.kind == "error" || $0.value.kind == "lint" }.keys.sorted()
    }()

    static func lint(bytes: [UInt8], name: String, maxFileSize: Int = 512 << 20) throws -> FileResult {
        let input = InputFile(displayPath: name, reportPath: name, source: .bytes(bytes), named: true)
        return Linter(rules: try RuleSet.builtIn(), now: Fixtures.now, maxFileSize: maxFileSize, parallelism: 1).lint(input)
    }

    static func lint(path: String, name: String, maxFileSize: Int = 512 << 20) throws -> FileResult {
        let input = InputFile(displayPath: name, reportPath: name, source: .file(path), named: true)
        return Linter(rules: try RuleSet.builtIn(), now: Fixtures.now, maxFileSize: maxFileSize, parallelism: 1).lint(input)
    }

    /// `RULE line:column` in position order (then rule id).
    static func findings(_ result: FileResult) -> [String] {
        result.registrations.flatMap(\.findings)
            .sorted { ($0.location.start.line, $0.location.start.column, $0.ruleID) < ($1.location.start.line, $1.location.start.column, $1.ruleID) }
            .map { "\($0.ruleID) \($0.location.start.line):\($0.location.start.column)" }
    }

    static func notEvaluated(_ result: FileResult) -> [String: String] {
        var out: [String: String] = [:]
        for registration in result.registrations {
            for outcome in registration.outcomes {
                if case .notEvaluated(let reason) = outcome.status { out[outcome.ruleID] = reason }
            }
        }
        return out
    }

    /// `{` … `}` with `text` as one more member, before the closing brace.
    static func adding(member text: String, to json: [UInt8]) -> [UInt8]? {
        guard let close = json.lastIndex(of: UInt8(ascii: "}")) else { return nil }
        return Array(json[..<close]) + Array(", \(text)\n".utf8) + Array(json[close...])
    }

    /// For each prefix length of `bytes`: the offset of the opening quote when the prefix ends
    /// inside a string, else nil.
    static func openStrings(_ bytes: [UInt8]) -> [Int?] {
        var open: Int?
        var escaped = false
        var out: [Int?] = [nil]
        for (offset, byte) in bytes.enumerated() {
            if open != nil {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { open = nil }
            } else if byte == UInt8(ascii: "\"") {
                open = offset
            }
            out.append(open)
        }
        return out
    }

    /// Peak resident memory of this process so far, in bytes.
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Int(usage.ru_maxrss) * 1024
    }
}

@Suite("MalformedInput: the testdata/malformed catalogue")
struct MalformedInputTests {
    @Test("every file in testdata/malformed has an entry in expected.json, and every entry a file")
    func catalogueIsComplete() throws {
        let files = try MalformedCatalogue.files()
        let expected = try MalformedCatalogue.expectations()
        #expect(Set(files).subtracting(expected.keys).sorted() == [], "files without an entry in expected.json")
        #expect(Set(expected.keys).subtracting(files).sorted() == [], "entries in expected.json without a file")
        #expect(files.count >= 30)
        for (file, entry) in expected {
            #expect(["error", "lint", "config-error", "rules-error", "date"].contains(entry.kind), "\(file): kind \(entry.kind)")
        }
    }

    @Test("each malformed file gives exactly its expected error or lint result", arguments: MalformedCatalogue.lintable)
    func catalogueFile(_ file: String) throws {
        let expectation = try #require(try MalformedCatalogue.expectations()[file])
        let result = try Fixtures.lint("\(MalformedCatalogue.folder)/\(file)")
        switch expectation.kind {
        case "error":
            let error = try #require(result.error, "\(file) should be refused")
            #expect(error.kind == .malformed)
            #expect(error.position?.line == expectation.line)
            #expect(error.position?.column == expectation.column)
            #expect(error.message.contains(expectation.contains ?? "\u{0}"), "\(error.message)")
            #expect(result.registrations.isEmpty)
        default:
            #expect(result.error == nil, "\(result.error?.message ?? "")")
            #expect(result.registrations.count == 1)
            #expect(MalformedCatalogue.findings(result) == expectation.findings ?? [])
            #expect(MalformedCatalogue.notEvaluated(result) == expectation.notEvaluated ?? [:])
        }
    }

    @Test("a date that is not a date, or is impossible, or is not a string leaves every lifetime and expiry rule not evaluated, never passed",
          arguments: ["date-garbage.json", "date-impossible.json", "wrong-type-end-date.json"])
    func datesNeverPass(_ file: String) throws {
        let result = try Fixtures.lint("\(MalformedCatalogue.folder)/\(file)")
        let registration = try #require(result.registrations.first)
        for rule in ["REG303", "REG304", "REG306", "REG307"] {
            let outcome = try #require(registration.outcomes.first { $0.ruleID == rule }, "\(rule) has no outcome")
            guard case .notEvaluated = outcome.status else {
                Issue.record("\(rule) on \(file) should be not evaluated, got \(outcome.status)")
                continue
            }
        }
    }

    @Test("a YAML alias bomb in .reglint.yml is refused quickly, at its position")
    func configAliasBomb() throws {
        let expectation = try #require(try MalformedCatalogue.expectations()["alias-bomb.reglint.yml"])
        var options = LintRun.Options()
        options.paths = ["testdata/examples/clean-manifest.json"]
        options.currentDirectory = Fixtures.packageRoot.path
        options.now = Fixtures.now
        options.configurationPath = Fixtures.url("\(MalformedCatalogue.folder)/alias-bomb.reglint.yml").path
        let start = Date()
        do {
            _ = try LintRun(options: options).setup()
            Issue.record("the alias bomb configuration was accepted")
        } catch {
            #expect(error.description.contains(":\(expectation.line ?? 0):\(expectation.column ?? 0):"), "\(error.description)")
            #expect(error.description.contains(expectation.contains ?? "\u{0}"), "\(error.description)")
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test("a YAML alias bomb in a --rules file is refused quickly")
    func rulesAliasBomb() throws {
        let scratch = FileManager.default.temporaryDirectory.appending(path: "reglint-rules-bomb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data(try Fixtures.bytes("\(MalformedCatalogue.folder)/alias-bomb-rule.yml")).write(to: scratch.appending(path: "REG991.yml"))
        var options = LintRun.Options()
        options.paths = ["testdata/examples/clean-manifest.json"]
        options.currentDirectory = Fixtures.packageRoot.path
        options.now = Fixtures.now
        options.discoverConfiguration = false
        options.ruleDirectories = [scratch.path]
        let start = Date()
        #expect(throws: LintRun.SetupError.self) { _ = try LintRun(options: options).setup() }
        #expect(Date().timeIntervalSince(start) < 5)
    }
}

@Suite("MalformedInput: generated cases")
struct MalformedInputGeneratedTests {
    /// A valid app with objects, arrays, strings, numbers, literals and an escape: every
    /// structural point of JSON.
    static let seed = Array(#"""
        {"appId": "00001111-aaaa-2222-bbbb-3333cccc4444", "displayName": "Trunc \"cut\" App",
         "tags": [1.5, -20, 3e2, true, null], "isFallbackPublicClient": false,
         "web": {"redirectUris": ["https://a.contoso.com/cb"], "implicitGrantSettings": {}}}
        """#.utf8)

    @Test("the seed is valid")
    func seedIsValid() throws {
        let result = try MalformedCatalogue.lint(bytes: Self.seed, name: "seed.json")
        #expect(result.error == nil)
        #expect(result.registrations.count == 1)
    }

    @Test("truncated at every byte (after '{', inside a key, after a key, after ':', inside a string, inside a number, inside an array, after ','): an error at the end of the input")
    func truncatedEverywhere() throws {
        let open = MalformedCatalogue.openStrings(Self.seed)
        for length in 0..<Self.seed.count {
            let prefix = Array(Self.seed.prefix(length))
            let result = try MalformedCatalogue.lint(bytes: prefix, name: "cut.json")
            let error = try #require(result.error, "cut at \(length) was accepted")
            #expect(error.kind == .malformed, "cut at \(length)")
            let position = try #require(error.position, "cut at \(length)")
            let end = LineTable(bytes: prefix).position(of: prefix.count)
            let last = prefix.last { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
            let inLiteral = open[length] == nil && last.map { (0x61...0x7A).contains($0) } == true
            if let quote = open[length] {
                // Inside a key or a string value: refused at its opening quote.
                #expect(position.offset == quote, "cut at \(length): \(position.line):\(position.column)")
                #expect(error.message.contains("unterminated string"), "cut at \(length): \(error.message)")
            } else if inLiteral {
                // `tr`, `fals`, `nul`: refused at the literal, which starts before the end.
                #expect(position.offset <= prefix.count, "cut at \(length)")
            } else {
                #expect(position.line == end.line && position.column == end.column, "cut at \(length): \(position.line):\(position.column), end \(end.line):\(end.column)")
                // Cut inside a number after '-', '.' or 'e' the number itself is incomplete.
                let incompleteNumber = last.map { Array("-+.eE".utf8).contains($0) } == true && error.message.contains("invalid number: expected a digit")
                #expect(error.message.contains("end of input") || incompleteNumber, "cut at \(length): \(error.message)")
            }
        }
    }

    @Test("100,000 nested arrays: a nesting error at the first level past the limit, no stack overflow")
    func deepNesting() throws {
        let depth = 100_000
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
        let result = try MalformedCatalogue.lint(bytes: bytes, name: "deep.json")
        let error = try #require(result.error)
        #expect(error.kind == .malformed)
        #expect(error.position?.line == 1)
        #expect(error.position?.column == 513)
        #expect(error.message.contains("nesting"))
    }

    @Test("100,000 nested objects in an app: a nesting error, no stack overflow")
    func deepObjects() throws {
        let depth = 100_000
        let bytes = Array(#"{"displayName": "Deep", "web": "#.utf8) + Array(String(repeating: #"{"a":"#, count: depth).utf8) + Array("1".utf8)
            + [UInt8](repeating: UInt8(ascii: "}"), count: depth + 1)
        let result = try MalformedCatalogue.lint(bytes: bytes, name: "deep-objects.json")
        #expect(result.error?.message.contains("nesting") == true)
    }

    @Test("a 1 MB string in a registration is linted with the same findings as without it")
    func megabyteString() throws {
        let base = try Fixtures.bytes("testdata/rules/REG304/flag.json")
        let expected = MalformedCatalogue.findings(try MalformedCatalogue.lint(bytes: base, name: "base.json"))
        let big = try #require(MalformedCatalogue.adding(member: "\"notes\": \"\(String(repeating: "n", count: 1 << 20))\"", to: base))
        let result = try MalformedCatalogue.lint(bytes: big, name: "big-string.json")
        #expect(result.error == nil)
        #expect(!expected.isEmpty)
        #expect(MalformedCatalogue.findings(result) == expected)
    }

    @Test("a 200 MB file (under the 512 MiB maxFileSize) is linted in bounded memory; one over the limit is refused without being read",
          .timeLimit(.minutes(3)))
    func hugeFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "reglint-huge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = try Fixtures.bytes("testdata/rules/REG304/flag.json")
        let expected = MalformedCatalogue.findings(try MalformedCatalogue.lint(bytes: base, name: "base.json"))

        // 200 MB: the app with a 200 MB string member, written in chunks (never a 200 MB String).
        let size = 200 << 20
        let path = dir.appending(path: "huge.json").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        guard let close = base.lastIndex(of: UInt8(ascii: "}")) else { Issue.record("no closing brace"); return }
        try handle.write(contentsOf: Data(base[..<close]) + Data(", \"notes\": \"".utf8))
        let chunk = Data(repeating: UInt8(ascii: "n"), count: 1 << 20)
        for _ in 0..<(size >> 20) { try handle.write(contentsOf: chunk) }
        try handle.write(contentsOf: Data("\"\n".utf8) + Data(base[close...]))
        try handle.close()
        let before = MalformedCatalogue.peakResidentBytes()
        let start = Date()
        let result = try MalformedCatalogue.lint(path: path, name: "huge.json")
        #expect(result.error == nil, "\(result.error?.message ?? "")")
        #expect(MalformedCatalogue.findings(result) == expected)
        #expect(Date().timeIntervalSince(start) < 120)
        // The file is held a few times at most (bytes, text, tape), not blown up.
        #expect(MalformedCatalogue.peakResidentBytes() - before < 6 * size)

        // Over the limit: a sparse file, refused from its size alone.
        let over = dir.appending(path: "over.json").path
        #expect(FileManager.default.createFile(atPath: over, contents: nil))
        let sparse = try #require(FileHandle(forWritingAtPath: over))
        try sparse.truncate(atOffset: UInt64(600 << 20))
        try sparse.close()
        let refused = try MalformedCatalogue.lint(path: over, name: "over.json")
        let error = try #require(refused.error)
        #expect(error.kind == .tooLarge)
        #expect(error.message == "the file is \(600 << 20) bytes, over the \(512 << 20)-byte limit (--max-file-size)")
        #expect(error.position?.line == 1 && error.position?.column == 1)
    }

    @Test("XML quadratic blow-up (one 100 KB entity referenced 10,000 times) is refused at its DOCTYPE without expansion")
    func quadraticBlowup() throws {
        let entity = String(repeating: "a", count: 100 * 1024)
        let references = String(repeating: "&big;", count: 10_000)
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE Objs [<!ENTITY big \"\(entity)\">]>\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\"><S>\(references)</S></Objs>\n"
        let start = Date()
        let result = try MalformedCatalogue.lint(bytes: Array(text.utf8), name: "quadratic.xml")
        #expect(Date().timeIntervalSince(start) < 5)
        let error = try #require(result.error)
        #expect(error.kind == .malformed)
        #expect(error.position?.line == 2 && error.position?.column == 1)
        #expect(error.message.contains("declares a DTD or entities"))
    }
}

@Suite("MalformedInput: one bad file among good ones")
struct MalformedInputMixedTests {
    @Test("a malformed file in a folder with two good exports: the good files' findings are all reported, the run fails with exit 2")
    func badAmongGood() async throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "reglint-mixed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = ["testdata/examples/contoso-tenant-export.json", "testdata/rules/REG304/flag.json"]
        for (k, path) in good.enumerated() { try Data(try Fixtures.bytes(path)).write(to: dir.appending(path: "good-\(k).json")) }
        try Data(try Fixtures.bytes("testdata/malformed/nul-byte.json")).write(to: dir.appending(path: "bad.json"))

        var expected: [String] = []
        for (k, path) in good.enumerated() {
            expected += MalformedCatalogue.findings(try Fixtures.lint(path)).map { "good-\(k).json \($0)" }
        }
        #expect(expected.count == 32)

        let report = try await Fixtures.report([dir.path], failOn: nil) { $0.currentDirectory = dir.path }
        #expect(report.exitCode == 2)
        let failed = report.result.failedInputs
        #expect(failed.map { ($0.input.displayPath as NSString).lastPathComponent } == ["bad.json"])
        #expect(failed.first?.error?.position?.line == 7 && failed.first?.error?.position?.column == 3)
        let reported = report.findings.map { "\(($0.location.path as NSString).lastPathComponent) \($0.ruleID) \($0.location.start.line):\($0.location.start.column)" }
        #expect(reported.sorted() == expected.sorted())
        let text = TextReporter().render(report)
        #expect(text.contains("1 input could not be read"))
        #expect(text.contains("bad.json:7:3: error: not valid JSON: unexpected byte 0x00"))
    }
}
