import Foundation
import Testing

/// Runs the built `reglint` binary as a user would and checks output and exit codes.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum Binary {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `reglint` executable next to the test bundle.
    static var url: URL {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for directory in candidates {
            let url = directory.appending(path: "reglint")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appending(path: ".build/debug/reglint")
    }

    static func run(_ arguments: [String], executable: URL = Binary.url, in directory: URL = Binary.packageRoot, stdin: Data? = nil,
                    environment extra: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["FORCE_COLOR"] = nil
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

@Suite("reglint command line", .serialized)
struct CommandLineTests {
    @Test("check on the shipped example exits 1 and prints every finding with its position")
    func exampleExport() throws {
        let run = try Binary.run(["check", "testdata/examples/contoso-tenant-export.json", "--now", "2026-11-22"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("testdata/examples/contoso-tenant-export.json:218:11: error REG201 redirect-uri-wildcard:"))
        #expect(run.stdout.split(separator: "\n").filter { $0.contains(": error REG") || $0.contains(": warning REG") || $0.contains(": note REG") }.count == 29)
        #expect(!run.stdout.contains("FAKE-not-a-real-secret-value-0001"))
    }

    @Test("a clean manifest exits 0")
    func clean() throws {
        let run = try Binary.run(["check", "testdata/examples/clean-manifest.json", "--now", "2026-11-22"])
        #expect(run.status == 0)
        // A portal manifest leaves out owners, federated credentials, authenticationBehaviors and
        // serviceManagementReference: the rules that need them are not evaluated, never passed.
        #expect(run.stdout.hasSuffix("0 findings (0 errors, 0 warnings, 0 notes) in 1 registration from 1 file; 8 checks not evaluated (fields absent from or unknown in the export; --verbose lists them).\n"))
    }

    @Test("a malformed file is reported at file:line:col, the other files are still linted, exit 2")
    func malformedStillLintsTheRest() throws {
        let run = try Binary.run(["check", "testdata/malformed/missing-comma.json", "testdata/examples/contoso-tenant-export.json", "--now", "2026-11-22"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("testdata/malformed/missing-comma.json:5:3: error: not valid JSON: unexpected '\"', expected ',' or '}'"))
        #expect(run.stdout.contains("REG202"))
    }

    @Test("--format may repeat, each with its own --output; reports are byte-identical across runs")
    func severalFormats() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "reglint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func lint(_ suffix: String) throws -> Run {
            try Binary.run(["check", "testdata/examples", "--now", "2026-11-22",
                            "--format", "sarif", "--output", dir.appending(path: "r\(suffix).sarif").path,
                            "--format", "junit", "--output", dir.appending(path: "r\(suffix).xml").path,
                            "--format=json=\(dir.appending(path: "r\(suffix).json").path)",
                            "--format", "text"])
        }
        let first = try lint("1")
        let second = try lint("2")
        #expect(first.status == 1 && second.status == 1)
        #expect(first.stdout.contains("REG303"))
        for ext in ["sarif", "xml", "json"] {
            let a = try Data(contentsOf: dir.appending(path: "r1.\(ext)"))
            let b = try Data(contentsOf: dir.appending(path: "r2.\(ext)"))
            #expect(!a.isEmpty && a == b, "\(ext)")
            #expect(!String(decoding: a, as: UTF8.self).contains("FAKE-not-a-real-secret-value-0001"), "\(ext)")
        }
        #expect(String(decoding: try Data(contentsOf: dir.appending(path: "r1.sarif")), as: UTF8.self).contains("\"version\": \"2.1.0\""))
    }

    @Test("--fail-on decides exit 1: notes fail only with --fail-on note; none never fails on findings")
    func failOn() throws {
        #expect(try Binary.run(["check", "testdata/rules/REG309/flag.json", "--now", "2026-11-22"]).status == 0)
        #expect(try Binary.run(["check", "testdata/rules/REG309/flag.json", "--now", "2026-11-22", "--fail-on", "note"]).status == 1)
        #expect(try Binary.run(["check", "testdata/examples", "--now", "2026-11-22", "--fail-on", "none"]).status == 0)
        #expect(try Binary.run(["check", "testdata/malformed/truncated.json", "--fail-on", "none"]).status == 2)
    }

    @Test("usage errors exit 2, not argument-parser's 64")
    func usageErrors() throws {
        let bad = try Binary.run(["check", "--fail-on", "critical", "testdata/examples"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--fail-on"))
        #expect(try Binary.run(["check", "--now", "22/11/2026", "testdata/examples"]).status == 2)
        #expect(try Binary.run(["check", "--format", "yaml", "testdata/examples"]).status == 2)
        #expect(try Binary.run(["check", "--no-such-flag"]).status == 2)
        #expect(try Binary.run(["--help"]).status == 0)
    }

    @Test("standard input is linted as --stdin-name")
    func stdin() throws {
        let data = try Data(contentsOf: Binary.packageRoot.appending(path: "testdata/rules/REG202/flag.json"))
        let run = try Binary.run(["check", "-", "--stdin-name", "manifests/app.json", "--now", "2026-11-22"], stdin: data)
        #expect(run.status == 1)
        #expect(run.stdout.contains("manifests/app.json:"))
        #expect(run.stdout.contains("REG202"))
    }

    @Test("rules lists every rule; explain shows one with its examples")
    func rulesAndExplain() throws {
        let rules = try Binary.run(["rules"])
        #expect(rules.status == 0)
        for id in ["REG101", "REG103", "REG104", "REG201", "REG202", "REG205", "REG303", "REG304", "REG306", "REG307", "REG309", "REG401"] {
            #expect(rules.stdout.contains(id))
        }
        let explain = try Binary.run(["explain", "REG202"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("redirect-uri-insecure-http"))
        #expect(explain.stdout.contains("Fix:"))
        #expect(explain.stdout.contains("Flags at /"))
        #expect(try Binary.run(["explain", "REG000"]).status == 2)
    }

    @Test("the binary carries its rules: copied alone to an empty folder it still lints")
    func copiedBinaryWorks() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "reglint-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appending(path: "reglint")
        try FileManager.default.copyItem(at: Binary.url, to: copy)
        try FileManager.default.copyItem(at: Binary.packageRoot.appending(path: "testdata/examples/contoso-tenant-export.json"), to: dir.appending(path: "export.json"))
        let rules = try Binary.run(["rules"], executable: copy, in: dir)
        #expect(rules.status == 0)
        #expect(rules.stdout.contains("REG401"))
        let check = try Binary.run(["check", "export.json", "--now", "2026-11-22"], executable: copy, in: dir)
        #expect(check.status == 1)
        #expect(check.stdout.contains("export.json:218:11: error REG201"))
    }

    @Test("a folder walk skips JSON that is not an export and counts it")
    func walkSkipsUnknownFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "reglint-walk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appending(path: "node_modules"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(#"{"name": "x", "version": "1"}"#.utf8).write(to: dir.appending(path: "package.json"))
        try Data("{ broken".utf8).write(to: dir.appending(path: "node_modules/broken.json"))
        try FileManager.default.copyItem(at: Binary.packageRoot.appending(path: "testdata/rules/REG202/flag.json"), to: dir.appending(path: "app.json"))
        let run = try Binary.run(["check", ".", "--now", "2026-11-22"], in: dir)
        #expect(run.status == 1)
        #expect(run.stdout.contains("1 file skipped"))
        #expect(!run.stdout.contains("broken"))
        let verbose = try Binary.run(["check", ".", "--now", "2026-11-22", "--verbose"], in: dir)
        #expect(verbose.stderr.contains("reglint: skipped package.json: not an app registration export"))
        let named = try Binary.run(["check", "package.json"], in: dir)
        #expect(named.status == 2)
        #expect(named.stdout.contains("package.json:1:1: error: not an app registration export or an app configuration file reglint reads"))
        #expect(named.stdout.split(separator: "\n").allSatisfy { $0.count < 220 })
        #expect(named.stdout.contains("docs/formats.md lists the formats"))
    }
}

@Suite("reglint test-rules")
struct TestRulesCommandTests {
    @Test("user rules are tested through their examples; a failing example names its file and line")
    func userRules() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "reglint-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rule = """
            id: REG901
            name: notes-missing
            title: The registration has no notes
            severity: note
            helpUri: https://learn.microsoft.com/entra/identity-platform/reply-url
            description: Notes say what the registration is for and who to ask about it.
            remediation: Write the purpose and the owning team into the notes field.
            match: { path: notes, isEmpty: true }
            message: "'{displayName}' has no notes."
            examples:
              flag:
                - app: { displayName: A, notes: null }
                  at: /notes
              pass:
                - app: { displayName: A, notes: "Billing" }
                - app: { displayName: B }

            """
        try Data(rule.utf8).write(to: dir.appending(path: "REG901.yml"))
        let run = try Binary.run(["test-rules", dir.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("REG901.yml:16:7: error: REG901 pass example: expected no finding"))
        #expect(run.stdout.contains("2 passed, 1 failed"))
        let builtIn = try Binary.run(["test-rules"])
        #expect(builtIn.status == 0)
        #expect(builtIn.stdout.contains(" passed, 0 failed"))
        let check = try Binary.run(["check", "--rules", dir.path, "testdata/examples/clean-manifest.json", "--now", "2026-11-22", "--fail-on", "note"])
        #expect(check.stdout.contains("REG901"))
    }

    @Test("a malformed user rule file is an error naming file, line and field, exit 2")
    func malformedUserRule() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "reglint-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("id: REG902\nname: x\nseverity: fatal\n".utf8).write(to: dir.appending(path: "REG902.yml"))
        let run = try Binary.run(["check", "--rules", dir.path, "testdata/examples"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("REG902.yml:3:11: error: 'severity': must be error, warning or note, not 'fatal'"))
    }
}
