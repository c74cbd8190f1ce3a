import Foundation
import Testing

/// The command line as a team uses it: configuration, baseline, init, and the tightened CLI.
@Suite("reglint command line: team use", .serialized)
struct IntegrationCommandTests {
    /// A scratch repository (it has `.git`) with the REG202 fixture as `app.json`.
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appending(path: "reglint-team-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appending(path: ".git"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Binary.packageRoot.appending(path: "testdata/rules/REG202/flag.json"), to: dir.appending(path: "app.json"))
        return dir
    }

    @Test("a mistyped command is an error with a suggestion, exit 2, and lints nothing")
    func mistypedCommand() throws {
        let run = try Binary.run(["chek", "testdata"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown command 'chek'; did you mean 'check'?"))
        #expect(run.stdout.isEmpty)
    }

    @Test("a run with no input exits 2 unless --allow-empty")
    func emptyRun() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "reglint-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = try Binary.run(["check", dir.path])
        #expect(empty.status == 2)
        #expect(empty.stdout.contains("nothing to lint"))
        #expect(try Binary.run(["check", dir.path, "--allow-empty"]).status == 0)
    }

    @Test("--format sarif= with no path is a usage error before linting; --format and --fail-on take any case")
    func formatValues() throws {
        let run = try Binary.run(["check", "testdata/examples", "--format", "sarif="])
        #expect(run.status == 2)
        #expect(run.stderr.contains("needs a path"))
        let upper = try Binary.run(["check", "testdata/examples/clean-manifest.json", "--now", "2026-11-22", "-f", "JSON", "--fail-on", "WARNING"])
        #expect(upper.status == 0)
        #expect(upper.stdout.hasPrefix("{"))
        let bad = try Binary.run(["check", "testdata/examples", "--format", "yaml"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("text") && bad.stderr.contains("sarif"))
    }

    @Test("--quiet prints only the summary; with every format in a file the summary goes to stderr; -o pairs with -f")
    func quietAndSummary() throws {
        let quiet = try Binary.run(["check", "testdata/examples", "--now", "2026-11-22", "-q"])
        #expect(quiet.status == 1)
        #expect(quiet.stdout == "29 findings (7 errors, 14 warnings, 8 notes) in 13 registrations from 2 files; 86 checks not evaluated (fields absent from or unknown in the export; --verbose lists them).\n" || quiet.stdout.split(separator: "\n").count == 1)
        let dir = FileManager.default.temporaryDirectory.appending(path: "reglint-o-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let filed = try Binary.run(["check", "testdata/examples", "--now", "2026-11-22", "-f", "sarif", "-o", dir.appending(path: "r.sarif").path])
        #expect(filed.status == 1)
        #expect(filed.stdout.isEmpty)
        #expect(filed.stderr.hasPrefix("29 findings"))
        #expect(FileManager.default.fileExists(atPath: dir.appending(path: "r.sarif").path))
    }

    @Test("--color always and FORCE_COLOR colour the text; --color never and NO_COLOR do not")
    func color() throws {
        let always = try Binary.run(["check", "testdata/rules/REG202/flag.json", "--now", "2026-11-22", "--color", "always"])
        #expect(always.stdout.contains("\u{1B}[31merror\u{1B}[0m"))
        let never = try Binary.run(["check", "testdata/rules/REG202/flag.json", "--now", "2026-11-22", "--color", "never"])
        #expect(!never.stdout.contains("\u{1B}["))
        let forced = try Binary.run(["check", "testdata/rules/REG202/flag.json", "--now", "2026-11-22"], environment: ["FORCE_COLOR": "1"])
        #expect(forced.stdout.contains("\u{1B}[31m"))
    }

    @Test("--verbose names each not-evaluated check with its reason")
    func verboseNotEvaluated() throws {
        let run = try Binary.run(["check", "testdata/formats/same-registration/legacy-manifest.json", "--now", "2026-11-22", "--verbose"])
        #expect(run.stdout.contains("note: REG309 was not evaluated for 'Contoso Formats Demo"))
        let plain = try Binary.run(["check", "testdata/formats/same-registration/legacy-manifest.json", "--now", "2026-11-22"])
        #expect(!plain.stdout.contains("was not evaluated for"))
        #expect(plain.stdout.contains("not evaluated"))
    }

    @Test("rules --format json lists every rule; explain takes a rule name")
    func rulesJSON() throws {
        let run = try Binary.run(["rules", "--format", "json"])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let rules = object?["rules"] as? [[String: Any]]
        #expect(rules?.contains { $0["id"] as? String == "REG202" && $0["name"] as? String == "redirect-uri-insecure-http" } == true)
        let explain = try Binary.run(["explain", "redirect-uri-insecure-http"])
        #expect(explain.status == 0)
        #expect(explain.stdout.hasPrefix("REG202 redirect-uri-insecure-http"))
    }

    @Test("baseline then check --baseline: old findings pass, marked; a new one fails")
    func baselineRoundTrip() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try Binary.run(["baseline", ".", "--now", "2026-11-22"], in: dir)
        #expect(made.status == 0)
        #expect(made.stderr.contains("wrote 1 finding to .reglint-baseline.json"))
        let checked = try Binary.run(["check", ".", "--now", "2026-11-22", "--baseline", ".reglint-baseline.json"], in: dir)
        #expect(checked.status == 0)
        #expect(checked.stdout.contains("[baseline]"))
        #expect(checked.stdout.contains("1 in the baseline (not counted)"))
        // The configuration can name the baseline too.
        try Data("baseline: .reglint-baseline.json\n".utf8).write(to: dir.appending(path: ".reglint.yml"))
        var text = try String(contentsOf: dir.appending(path: "app.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"http://app.contoso.com/legacy\",", with: "\"http://app.contoso.com/legacy\",\n      \"http://app.contoso.com/new\",")
        try Data(text.utf8).write(to: dir.appending(path: "app.json"))
        let after = try Binary.run(["check", ".", "--now", "2026-11-22"], in: dir)
        #expect(after.status == 1)
        #expect(after.stdout.contains("http://app.contoso.com/new"))
        #expect(try Binary.run(["check", ".", "--now", "2026-11-22", "--no-baseline"], in: dir).stdout.contains("2 findings"))
    }

    @Test("init writes a starter that check accepts; a misspelt key is an error at its line and column, exit 2")
    func initAndConfigErrors() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Binary.run(["init"], in: dir).status == 0)
        #expect(try Binary.run(["init"], in: dir).status == 2)
        #expect(try Binary.run(["check", ".", "--now", "2026-11-22"], in: dir).status == 1)
        try Data("disable: [REG309]\nseverty:\n  REG202: note\n".utf8).write(to: dir.appending(path: ".reglint.yml"))
        let run = try Binary.run(["check", ".", "--now", "2026-11-22"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains(".reglint.yml:2:1: error: unknown key 'severty'"))
        #expect(run.stderr.contains("did you mean 'severity'?"))
        // --config names another file; --disable on the command line wins.
        try Data("failOn: note\n".utf8).write(to: dir.appending(path: "strict.yml"))
        #expect(try Binary.run(["check", ".", "--now", "2026-11-22", "--config", "strict.yml", "--disable", "REG202"], in: dir).status == 0)
    }

    @Test("JUnit puts file on every testcase with --junit-testcase-file (only then: the Jenkins schema refuses it); SARIF names rules as the CLI does and carries version and informationUri")
    func reportDetails() throws {
        let run = try Binary.run(["check", "testdata/examples", "--now", "2026-11-22", "--format", "junit", "--junit-testcase-file"])
        let cases = run.stdout.components(separatedBy: "<testcase ").dropFirst()
        #expect(!cases.isEmpty)
        #expect(cases.allSatisfy { $0.hasPrefix("classname=") && $0.contains(" file=\"testdata/examples/") })
        let plain = try Binary.run(["check", "testdata/examples", "--now", "2026-11-22", "--format", "junit"])
        #expect(!plain.stdout.contains("<testcase classname=\"testdata/examples/contoso-tenant-export\" name=\"REG101 confidential-allows-public-client-flows: Contoso FHIR Postman Client (00001111-aaaa-2222-bbbb-3333cccc4444)\" file="))
        let sarif = try Binary.run(["check", "testdata/examples", "--now", "2026-11-22", "--format", "sarif"])
        #expect(sarif.stdout.contains("\"name\": \"redirect-uri-insecure-http\""))
        #expect(sarif.stdout.contains("\"informationUri\": "))
        #expect(sarif.stdout.contains("\"external/cwe/cwe-798\""))
        // A 182-day secret (warning) is not scored as the rule's highest level (error, 8.0).
        #expect(sarif.stdout.contains("\"security-severity\": \"5.5\""))
    }

    @Test("a file outside the repository root gets a ../ path in SARIF and GitHub annotations, never file://")
    func outsideRoot() throws {
        let repo = try scratch()
        let outside = FileManager.default.temporaryDirectory.appending(path: "reglint-outside-\(UUID().uuidString).json")
        try FileManager.default.copyItem(at: Binary.packageRoot.appending(path: "testdata/rules/REG202/flag.json"), to: outside)
        defer { try? FileManager.default.removeItem(at: repo); try? FileManager.default.removeItem(at: outside) }
        let sarif = try Binary.run(["check", outside.path, "--now", "2026-11-22", "--format", "sarif"], in: repo)
        #expect(!sarif.stdout.contains("file://"))
        #expect(sarif.stdout.contains("\"uri\":\"../\(outside.lastPathComponent)\""))
        let github = try Binary.run(["check", outside.path, "--now", "2026-11-22", "--format", "github"], in: repo)
        #expect(github.stdout.contains("file=../\(outside.lastPathComponent)"))
    }
}
