import Foundation
import Testing
@testable import RegLintKit
import RuleSchema

private func lint(_ text: String, name: String = "inline.json") throws -> FileResult {
    let input = InputFile(displayPath: name, reportPath: name, source: .bytes(Array(text.utf8)), named: true)
    return Linter(rules: try RuleSet.builtIn(), now: Fixtures.now, parallelism: 1).lint(input)
}

private func report(_ results: [FileResult]) throws -> LintReport {
    LintReport(toolVersion: "0", rules: try RuleSet.builtIn().rules.map(\.spec), result: LintResult(files: results), now: Fixtures.now, failOn: .error)
}

@Suite("Hostile and odd inputs")
struct HostileInputTests {
    @Test("extreme /Date(ms)/ values neither crash nor overflow")
    func extremeDates() throws {
        let text = #"{"AppId": "x", "DisplayName": "D", "Web": {"RedirectUris": ["https://a.contoso.com/"]}, "PasswordCredentials": [{"KeyId": "k", "StartDateTime": "/Date(-9223372036854775808)/", "EndDateTime": "/Date(9223372036854775807)/"}]}"#
        let result = try lint(text)
        #expect(result.error == nil)
        #expect(Instant(parsing: "/Date(9223372036854775807)/") == nil)
        #expect(Instant.earliest.wholeDays(to: Instant(milliseconds: .max)) > 0)
        #expect(Instant(milliseconds: 0).adding(days: 1e300) == Instant.latest)
    }

    @Test("a regular file longer than its size said (/proc files say 0) is read whole, and one past the limit refused")
    func fileLongerThanItsSize() throws {
        let expected = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        var info = stat()
        #expect(stat("/proc/self/mountinfo", &info) == 0 && info.st_size == 0)
        let bytes = try InputFileReader(limit: 1 << 20).read("/proc/self/mountinfo", named: false).get()
        // The same process's mounts, read twice: the same text unless a mount changed in between.
        #expect(bytes.count > 0 && String(decoding: bytes, as: UTF8.self).hasPrefix(String(expected.prefix(20))))
        guard case .failure(let error) = InputFileReader(limit: 8).read("/proc/self/mountinfo", named: false) else {
            Issue.record("a file growing past the limit was read")
            return
        }
        #expect(error.tooLarge)
    }

    @Test("CliXml references that expand to billions of values are refused, quickly")
    func referenceBomb() throws {
        var levels = ["<Obj RefId=\"0\"><LST><S>x</S><S>y</S></LST></Obj>"]
        for level in 1...14 {
            let refs = String(repeating: "<Ref RefId=\"\(level - 1)\" />", count: 6)
            levels.append("<Obj RefId=\"\(level)\"><LST>\(refs)</LST></Obj>")
        }
        let text = "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\"><Obj RefId=\"app\"><TN RefId=\"t\"><T>Microsoft.Graph.PowerShell.Models.MicrosoftGraphApplication</T></TN><Props><S N=\"AppId\">a</S><Obj N=\"Holder\"><LST>\n" + levels.joined(separator: "\n") + "\n</LST></Obj><Ref N=\"Tags\" RefId=\"14\" /></Props></Obj></Objs>"
        let start = Date()
        let result = try lint(text, name: "bomb.xml")
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(result.error?.message.contains("expand to more than") == true)
    }

    @Test("a folder walk does not follow links to folders, so link loops end")
    func symlinkLoop() async throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "reglint-loop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appending(path: "d/s"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir.appending(path: "d/s/a").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: dir.appending(path: "d/s/b").path, withDestinationPath: "..")
        try Data(#"{"appId": "x", "displayName": "A", "web": {"redirectUris": ["http://a.contoso.com/"]}}"#.utf8).write(to: dir.appending(path: "d/app.json"))
        let expanded = Discovery(currentDirectory: dir.path).expand(["d"], stdin: { [] }, stdinName: "stdin.json")
        #expect(expanded.files.map(\.displayPath) == ["d/app.json"])
    }

    @Test("a folder too deep for its path to be named (over PATH_MAX) is passed over in silence, its listing's word taken for its type or not")
    func folderPastPathMax() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "reglint-deep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appending(path: "d"), withIntermediateDirectories: true)
        try Data(#"{"appId": "x", "displayName": "A"}"#.utf8).write(to: dir.appending(path: "d/app.json"))
        // 25 deep: past 4,096 bytes of path, which no call naming the path can reach.
        let folders = NestedFolders(below: dir.appending(path: "d").path, levels: 25)
        let expanded = Discovery(currentDirectory: dir.path).expand(["d"], stdin: { [] }, stdinName: "stdin.json")
        #expect(expanded.files.map(\.displayPath) == ["d/app.json"])
        #expect(expanded.missing.isEmpty, "\(expanded.missing.map(\.reason))")
        folders.remove()
        try FileManager.default.removeItem(at: dir)
    }

    @Test("a file whose folder a walk can list but whose own path is past PATH_MAX is passed over in silence, taken on its listing's word")
    func filePastPathMax() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "reglint-deep-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appending(path: "d"), withIntermediateDirectories: true)
        try Data(#"{"appId": "x", "displayName": "A"}"#.utf8).write(to: dir.appending(path: "d/app.json"))
        // Folders to just under 4,000 bytes of path; in the deepest, a file whose name takes its
        // path past 4,096.
        let top = dir.appending(path: "d").path
        let folders = NestedFolders(below: top, levels: (4_000 - top.utf8.count) / (1 + NestedFolders.name.utf8.count))
        let file = String(repeating: "f", count: 240) + ".json"
        let created = openat(folders.deepest, file, O_WRONLY | O_CREAT, 0o644)
        #expect(created >= 0)
        close(created)
        let expanded = Discovery(currentDirectory: dir.path).expand(["d"], stdin: { [] }, stdinName: "stdin.json")
        #expect(expanded.missing.isEmpty, "\(expanded.missing.map(\.reason))")
        let linter = Linter(rules: RuleSet(rules: []), now: Fixtures.now, parallelism: 1)
        let results = expanded.files.map { linter.lint($0) }
        #expect(results.count == 2)
        #expect(results.filter { $0.skipped }.map(\.input.displayPath) == expanded.files.filter { $0.displayPath.hasSuffix(file) }.map(\.displayPath))
        #expect(results.allSatisfy { $0.error == nil }, "\(results.compactMap(\.error?.message))")
        #expect(unlinkat(folders.deepest, file, 0) == 0)
        folders.remove()
        try FileManager.default.removeItem(at: dir)
    }

    @Test("a folder's listing holds its names, sorted by bytes, without . and .., and finds .gitignore in any case")
    func folderListing() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "reglint-listing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = ["b.json", "a.json", ".GitIgnore", "Z", "é.xml", "..x", ".", String(repeating: "n", count: 200)].filter { $0 != "." }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in names { try Data("{}".utf8).write(to: dir.appending(path: name)) }
        let listing = try #require(FolderListing(dir.path))
        #expect((0..<listing.count).map { listing[$0] } == names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(listing.containsIgnoringCase(".gitignore"))
        #expect(!listing.containsIgnoringCase(".gitignor"))
        #expect(!listing.containsIgnoringCase("a.jso"))
        #expect(FolderListing(dir.appending(path: "missing").path) == nil)
        // Types as the listing tells them: a file, a folder, and a link (to either) left to lstat.
        try FileManager.default.createDirectory(at: dir.appending(path: "sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.appending(path: "link").path, withDestinationPath: "sub")
        let typed = try #require(FolderListing(dir.path))
        let kinds = Dictionary(uniqueKeysWithValues: (0..<typed.count).map { (typed[$0], typed.kind($0)) })
        #expect(kinds["a.json"] == .file && kinds["Z"] == .file)
        #expect(kinds["sub"] == .folder)
        #expect(kinds["link"] == .unknown, "a link is never taken for what it points at")
    }

    @Test("a folder of many entries is walked in parallel: the same files and problems, in the same order, as on one thread")
    func parallelWalk() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "reglint-wide-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manager = FileManager.default
        // 150 app folders (some with two files, some empty), loose files, links to nothing and a
        // FIFO among them: more entries than a folder needs to be shared out.
        for k in 0..<150 {
            let app = dir.appending(path: "Applications/app-\(String(format: "%03d", (k * 37) % 150))")
            try manager.createDirectory(at: app, withIntermediateDirectories: true)
            if k % 5 != 0 { try Data("{}".utf8).write(to: app.appending(path: "app.json")) }
            if k % 7 == 0 { try Data("<x/>".utf8).write(to: app.appending(path: "extra.xml")) }
            if k % 11 == 0 { try manager.createSymbolicLink(atPath: app.appending(path: "gone.json").path, withDestinationPath: "nowhere") }
            if k % 3 == 0 { try Data("{}".utf8).write(to: dir.appending(path: "Applications/loose-\(k).json")) }
        }
        #expect(mkfifo(dir.appending(path: "Applications/pipe.json").path, 0o600) == 0)
        var serial = Discovery(currentDirectory: dir.path)
        serial.parallelism = 1
        var parallel = serial
        parallel.parallelism = 4
        let one = serial.expand(["."], stdin: { [] }, stdinName: "stdin.json")
        let four = parallel.expand(["."], stdin: { [] }, stdinName: "stdin.json")
        #expect(one.files.count == 120 + 22 + 50)
        #expect(one.missing.count == 14 + 1)
        #expect(one.files.map(\.displayPath) == four.files.map(\.displayPath))
        #expect(one.missing.map { "\($0.input.displayPath): \($0.reason)" } == four.missing.map { "\($0.input.displayPath): \($0.reason)" })
    }

    @Test("a short secret is masked in its finding without mangling the rest of the report")
    func shortSecret() throws {
        let result = try lint(#"{"appId": "x", "displayName": "Short secret app", "web": {"redirectUris": ["https://a.contoso.com/"]}, "passwordCredentials": [{"keyId": "k", "displayName": "d", "secretText": "e", "endDateTime": "2027-01-01T00:00:00Z", "startDateTime": "2026-11-01T00:00:00Z"}]}"#)
        let json = JSONReporter().renderMasked(try report([result]))
        #expect(json.contains("\"schemaVersion\""))
        #expect(json.contains("'***'"))
    }

    @Test("a GUID-shaped password is a secret; a GUID in a secret setting that is a known keyId is not")
    func guidSecretSetting() async throws {
        #expect(SecretMask.isScrubbable("22221111-aaaa-2222-bbbb-3333cccc4444"))
        #expect(SecretMask.isScrubbable("FAKE-appsettings-literal-0004"))
        #expect(!SecretMask.isScrubbable("short"))
        let keyId = "22221111-aaaa-2222-bbbb-3333cccc4444"
        let app = #"{"appId": "00001111-aaaa-2222-bbbb-3333cccc4444", "displayName": "A", "passwordCredentials": [{"keyId": "\#(keyId)", "displayName": "ci", "startDateTime": "2026-10-01T00:00:00Z", "endDateTime": "2027-01-01T00:00:00Z"}]}"#
        let settings = #"{"AzureAd": {"ClientId": "00001111-aaaa-2222-bbbb-3333cccc4444", "ClientSecret": "\#(keyId)"}}"#
        let report = try await Fixtures.report([]) { options in
            options.inputs = [InputFile(displayPath: "app.json", reportPath: "app.json", source: .bytes(Array(app.utf8)), named: true),
                              InputFile(displayPath: "appsettings.json", reportPath: "appsettings.json", source: .bytes(Array(settings.utf8)), named: true)]
        }
        #expect(report.findings.contains { $0.ruleID == "REG302" })
        #expect(!report.secrets.contains(keyId), "the keyId saved in the secret's place is an identifier, not a secret")
    }

    @Test("Graph JSON credentials with a value or password member are exposed secrets, masked everywhere")
    func graphValueSecret() throws {
        let secret = "FAKE-graph-value-secret-0010"
        let result = try lint(#"{"appId": "x", "displayName": "V", "web": {"redirectUris": ["https://a.contoso.com/"]}, "passwordCredentials": [{"keyId": "k", "displayName": "\#(secret)", "value": "\#(secret)", "endDateTime": "2027-01-01T00:00:00Z", "startDateTime": "2026-11-01T00:00:00Z"}]}"#)
        #expect(result.registrations.flatMap(\.findings).contains { $0.ruleID == "REG301" })
        for format in OutputFormat.allCases {
            #expect(!format.reporter().renderMasked(try report([result])).contains(secret), "\(format)")
        }
    }

    @Test("a duplicate key: the last one wins, and a hidden duplicate secretText is still found and masked")
    func duplicateKeys() throws {
        let secret = "FAKE-duplicate-secret-0011"
        let result = try lint(#"{"appId": "x", "displayName": "Dup", "isFallbackPublicClient": false, "isFallbackPublicClient": true, "web": {"redirectUris": ["https://a.contoso.com/"]}, "passwordCredentials": [{"keyId": "k", "displayName": "d", "secretText": "\#(secret)", "secretText": null, "endDateTime": "2027-01-01T00:00:00Z", "startDateTime": "2026-11-01T00:00:00Z"}]}"#)
        let rules = Set(result.registrations.flatMap(\.findings).map(\.ruleID))
        #expect(rules.contains("REG101"))
        #expect(rules.contains("REG301"))
        #expect(!TextReporter().renderMasked(try report([result])).contains(secret))
    }

    @Test("control characters in values cannot forge text output lines or drive the terminal")
    func textInjection() throws {
        let result = try lint(#"{"appId": "x", "displayName": "X\nfake.json:1:1: error REG999 forged\u001b[2J", "web": {"redirectUris": ["http://a.contoso.com/"]}}"#)
        let text = TextReporter().render(try report([result]))
        #expect(!text.contains("\u{1B}"))
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("fake.json") })
        #expect(text.contains("\\u{A}fake.json"))
    }

    @Test("'not' of an unknown value is unknown: a Terraform app whose public-client flag is computed is not judged by REG103")
    func notUnknown() throws {
        let plan = """
            {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
              {"address": "azuread_application.a", "mode": "managed", "type": "azuread_application", "name": "a",
               "values": {"display_name": "Unk", "web": [{"redirect_uris": ["https://a.contoso.com/cb"], "implicit_grant": []}], "password": []}}]}},
             "resource_changes": [{"address": "azuread_application.a", "change": {"actions": ["create"], "after_unknown": {"fallback_public_client_enabled": true}}}]}
            """
        let result = try lint(plan, name: "plan.json")
        let registration = try #require(result.registrations.first)
        let reg103 = try #require(registration.outcomes.first { $0.ruleID == "REG103" })
        guard case .notEvaluated = reg103.status else {
            Issue.record("REG103 should be not evaluated, got \(reg103.status)")
            return
        }
    }

    @Test("Terraform credentials attach to an app inside a module instance with an index")
    func moduleInstances() throws {
        let plan = """
            {"format_version": "1.2", "planned_values": {"root_module": {"child_modules": [{"address": "module.apps[0]", "resources": [
              {"address": "module.apps[0].azuread_application.a", "mode": "managed", "type": "azuread_application", "name": "a",
               "values": {"display_name": "Mod App", "web": [{"redirect_uris": ["https://a.contoso.com/cb"]}], "fallback_public_client_enabled": false}},
              {"address": "module.apps[0].azuread_application_password.p", "mode": "managed", "type": "azuread_application_password", "name": "p",
               "values": {"display_name": "pw", "end_date": "2099-12-31T00:00:00Z", "start_date": "2026-01-01T00:00:00Z"}}]}]}},
             "configuration": {"root_module": {"module_calls": {"apps": {"module": {"resources": [
               {"address": "azuread_application_password.p", "expressions": {"application_id": {"references": ["azuread_application.a.id", "azuread_application.a"]}}}]}}}}}}
            """
        let result = try lint(plan, name: "plan.json")
        let rules = Set(result.registrations.flatMap(\.findings).map(\.ruleID))
        #expect(rules.contains("REG303"))
        #expect(!rules.contains("REG103"))
        #expect(TerraformAdapter.modulePrefix(of: #"module.a["x.y"].module.b[0].azuread_application.c"#) == (#"module.a["x.y"].module.b[0]."#, "module.a.module.b."))
    }

    @Test(".env: a line that is not KEY=value is passed over; double-quoted values may span lines")
    func dotenvLines() throws {
        let text = "PRIVATE_KEY=\"-----BEGIN KEY-----\nabc\n-----END KEY-----\"\nthis line is not a setting\nAZURE_CLIENT_SECRET=FAKE-dotenv-late-0012\n"
        let result = try lint(text, name: ".env")
        let finding = try #require(result.registrations.flatMap(\.findings).first { $0.ruleID == "REG301" })
        #expect(finding.location.start.line == 5)
        #expect(finding.location.start.column == 21)
    }

    @Test("zero-byte, whitespace-only and NUL-filled files are located errors")
    func emptyFiles() throws {
        for text in ["", "  \n ", "\u{0}\u{0}\u{0}"] {
            let result = try lint(text)
            #expect(result.error?.position != nil)
        }
    }
}

@Suite("Patterns over huge values")
struct HugeValuePatternTests {
    /// A `matches` condition does not run over a value of more than a mebibyte (an ICU match over
    /// a 50 MB line took seconds per pattern): the check is not evaluated, with the size, never a
    /// pass; the same setting under the bound is judged.
    @Test("a value over the pattern bound leaves REG703 not evaluated; under it, a finding")
    func hugeValue() throws {
        func outcome(_ padding: Int) throws -> RuleResult.Status? {
            let env = "FHIR_URL=https://contoso.azurehealthcareapis.com/?q=" + String(repeating: "y", count: padding) + "\n"
            let file = try lint(env, name: ".env")
            return file.registrations.first?.outcomes.first { $0.ruleID == "REG703" }?.status
        }
        let huge = try outcome(Context.longestMatchedText)
        guard case .notEvaluated(let reason)? = huge else { Issue.record("REG703 over the bound: \(String(describing: huge))"); return }
        #expect(reason.contains("more than the \(Context.longestMatchedText)"))
        let small = try outcome(100)
        guard case .findings(let findings)? = small else { Issue.record("REG703 under the bound: \(String(describing: small))"); return }
        #expect(findings.count == 1)
    }
}

@Suite("Rule engine features")
struct RuleEngineFeatureTests {
    static func rule(_ yaml: String) throws -> CompiledRule {
        try CompiledRule(spec: RuleFileParser(file: "rules/REG991.yml").parse(yaml))
    }

    @Test("ISO 8601 durations compare with day counts and with duration values")
    func durations() throws {
        #expect(ISODuration.days("P180D") == 180)
        #expect(ISODuration.days("P2Y") == 730)
        #expect(ISODuration.days("P4DT12H") == 4.5)
        #expect(ISODuration.days("PT") == nil)
        #expect(ISODuration.days("180D") == nil)
        let rule = try Self.rule("""
            id: REG991
            name: policy-lifetime-too-long
            title: A password lifetime policy allows too long
            severity: warning
            helpUri: https://learn.microsoft.com/graph/api/resources/applicationauthenticationmethodpolicy
            description: A probe rule for the test suite comparing durations in both directions.
            remediation: Nothing to change; this rule exists only in the test suite.
            match:
              anyOf:
                - { path: appManagementPolicies.restrictions.passwordCredentials.maxLifetime, greaterThan: P181D }
                - { path: passwordCredentials.facts.lifetimeDays, greaterThan: P2Y }
            message: "'{displayName}' allows a long lifetime."
            examples:
              flag:
                - app: { displayName: A, appManagementPolicies: [{ restrictions: { passwordCredentials: [{ maxLifetime: P365D }] } }] }
                  at: /appManagementPolicies/0/restrictions/passwordCredentials/0/maxLifetime
              pass:
                - app: { displayName: A, appManagementPolicies: [{ restrictions: { passwordCredentials: [{ maxLifetime: P90D }] } }] }
            """)
        #expect(RuleExampleRunner.run(rule).isEmpty)
    }

    @Test("a built-in function is called by name from a rule file")
    func builtinFunction() throws {
        let rule = try Self.rule("""
            id: REG991
            name: loopback-port-duplicates
            title: Loopback redirect URIs differ only by port
            severity: note
            helpUri: https://learn.microsoft.com/entra/identity-platform/reply-url
            description: A probe rule for the test suite that calls a built-in function.
            remediation: Nothing to change; this rule exists only in the test suite.
            match: { function: loopbackPortOnlyDuplicates }
            message: "'{displayName}' registers loopback URIs that differ only by port."
            examples:
              flag:
                - app: { displayName: A, publicClient: { redirectUris: ["http://localhost:8400/cb", "http://localhost:8500/cb"] } }
                  at: /publicClient/redirectUris/1
              pass:
                - app: { displayName: A, publicClient: { redirectUris: ["http://localhost:8400/cb", "http://localhost:8400/other"] } }
            """)
        #expect(RuleExampleRunner.run(rule).map(\.description) == [])
    }

    @Test("a client-secret-shaped string anywhere in a registration is REG301, built at test time")
    func shapedStringAnywhere() throws {
        let shaped = "xY" + "z" + "7" + "Q~" + String(repeating: "aB3_", count: 8) + "c"
        let text = #"{"appId": "x", "displayName": "Notes leak", "notes": "prod secret: \#(shaped)", "web": {"redirectUris": ["https://a.contoso.com/"]}}"#
        let input = InputFile(displayPath: "x.json", reportPath: "x.json", source: .bytes(Array(text.utf8)), named: true)
        let result = Linter(rules: try RuleSet.builtIn(), now: Fixtures.now, parallelism: 1).lint(input)
        let finding = try #require(result.registrations.flatMap(\.findings).first { $0.ruleID == "REG301" })
        #expect(finding.location.pointer == "/notes")
        #expect(finding.message.contains("client-secret-shaped string"))
        let report = LintReport(toolVersion: "0", rules: try RuleSet.builtIn().rules.map(\.spec), result: LintResult(files: [result]), now: Fixtures.now, failOn: .error)
        for format in OutputFormat.allCases { #expect(!format.reporter().renderMasked(report).contains(shaped), "\(format)") }
    }

    @Test("Terraform azuread_service_principal_password is judged as a credential")
    func servicePrincipalPassword() throws {
        let state = """
            {"format_version": "1.0", "values": {"root_module": {"resources": [
              {"address": "azuread_service_principal_password.sp", "mode": "managed", "type": "azuread_service_principal_password", "name": "sp",
               "values": {"display_name": "sp", "end_date": "2299-12-31T00:00:00Z", "start_date": "2026-01-01T00:00:00Z", "key_id": "k", "value": "FAKE-sp-password-0013"}}]}}}
            """
        let input = InputFile(displayPath: "state.json", reportPath: "state.json", source: .bytes(Array(state.utf8)), named: true)
        let result = Linter(rules: try RuleSet.builtIn(), now: Fixtures.now, parallelism: 1).lint(input)
        let rules = Set(result.registrations.flatMap(\.findings).map(\.ruleID))
        #expect(rules.isSuperset(of: ["REG301", "REG303", "REG304"]))
    }
}

@Suite("Second review")
struct SecondReviewTests {
    private func lint(_ text: String, name: String) throws -> FileResult {
        let input = InputFile(displayPath: name, reportPath: name, source: .bytes(Array(text.utf8)), named: true)
        return Linter(rules: try RuleSet.builtIn(), now: Fixtures.now, parallelism: 1).lint(input)
    }

    @Test("az ad sp create-for-rbac output is a credential file whose password is an exposed secret")
    func createForRBAC() throws {
        let result = try lint(#"{"appId": "00001111-aaaa-2222-bbbb-3333cccc4444", "displayName": "ci-sp", "password": "FAKE-rbac-password-0014", "tenant": "aaaabbbb-0000-cccc-1111-dddd2222eeee"}"#, name: "sp.json")
        #expect(result.format == .configJSON)
        #expect(result.registrations.flatMap(\.findings).map(\.ruleID) == ["REG301"])
    }

    @Test("names of secrets, expiry dates and references are not secret settings", arguments: [
        ("ClientSecret", true), ("AZURE_CLIENT_SECRET", true), ("ida:ClientSecret", true), ("clientSecret2", true), ("ClientSecretValue", true),
        ("ClientSecretSettingName", false), ("ClientSecretExpiresOn", false), ("ClientSecretKeyVaultSecretName", false), ("ClientId", false),
    ])
    func secretNames(_ name: String, _ expected: Bool) {
        #expect(SecretSettingName.isSecretBearing(name) == expected)
    }

    @Test("placeholders are not secrets", arguments: ["${{ secrets.X }}", "#{Secret}#", "__ClientSecret__", "***", "REDACTED", "$CLIENT_SECRET", "<secret>", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x/)", ""])
    func placeholders(_ value: String) {
        #expect(SecretValue.isPlaceholder(value))
    }

    @Test("a braced GUID in a secret setting is still a secret ID")
    func bracedGUID() throws {
        #expect(!SecretValue.isPlaceholder("{dddddddd-1111-2222-3333-444444444444}"))
        let result = try lint(#"{"AzureAd": {"ClientSecret": "{dddddddd-1111-2222-3333-444444444444}"}}"#, name: "appsettings.json")
        #expect(result.registrations.flatMap(\.findings).map(\.ruleID) == ["REG302"])
    }

    @Test("service principals are not linted as app registrations")
    func servicePrincipals() throws {
        let sp = #"{"appId": "00001111-aaaa-2222-bbbb-3333cccc4444", "displayName": "SP", "servicePrincipalType": "Application", "replyUrls": ["http://a.contoso.com/"]}"#
        #expect(try lint(sp, name: "sp.json").error?.kind == .unrecognized)
        let mixed = #"{"value": [\#(sp), {"appId": "x", "displayName": "App", "web": {"redirectUris": ["http://b.contoso.com/"]}}]}"#
        let result = try lint(mixed, name: "mixed.json")
        #expect(result.registrations.map(\.reference.displayName) == ["App"])
        #expect(result.registrations.first?.reference.pointer == "/value/1")
    }

    @Test("a web.config <add> spanning lines is located at its value attribute; comments are stepped over")
    func multilineAdd() throws {
        let text = "<configuration>\n  <appSettings>\n    <!-- <add key=\"ida:ClientSecret\" value=\"not this\"/> -->\n    <add key=\"ida:ClientId\" value=\"x\" />\n    <add\n      key=\"ida:ClientSecret\"\n      value=\"FAKE-webconfig-multiline-0015\" />\n  </appSettings>\n</configuration>\n"
        let result = try lint(text, name: "web.config")
        let finding = try #require(result.registrations.flatMap(\.findings).first)
        #expect("\(finding.location.start.line):\(finding.location.start.column)" == "7:13")
    }

    @Test("a configuration file without appSettings (NuGet.config) is not an app configuration file")
    func nugetConfig() throws {
        let result = try lint("<configuration><packageSources><add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" /></packageSources></configuration>", name: "NuGet.config")
        #expect(result.error?.kind == .unrecognized)
    }

    @Test("legacy replyUrls: native-client URIs belong to the public client platform")
    func legacyReplyURLs() throws {
        let text = #"{"appId": "x", "name": "Native", "publicClient": true, "replyUrls": ["urn:ietf:wg:oauth:2.0:oob", "https://login.microsoftonline.com/common/oauth2/nativeclient"]}"#
        let result = try lint(text, name: "legacy.json")
        #expect(!result.registrations.flatMap(\.findings).contains { $0.ruleID == "REG101" })
    }

    @Test("libxml2 error messages never quote input bytes")
    func xmlErrorText() throws {
        var bytes = Array("<configuration><appSettings><add key=\"ClientSecret\" value=\"".utf8)
        bytes += [0xE4, 0x73, 0x73, 0x77]
        bytes += Array("\"/></appSettings></configuration>".utf8)
        let input = InputFile(displayPath: "web.config", reportPath: "web.config", source: .bytes(bytes), named: true)
        let result = Linter(rules: try RuleSet.builtIn(), now: Fixtures.now, parallelism: 1).lint(input)
        let error = try #require(result.error)
        #expect(!error.message.contains("Bytes"))
        #expect(!error.message.contains("0x"))
    }
}

@Suite("Masking")
struct MaskingTests {
    @Test("many secrets are masked in one pass, longest match first; GUID-shaped passwords too; short values only field by field")
    func manySecrets() {
        let secrets = (0..<40).map { "FAKE-bulk-secret-\(1000 + $0)" } + ["FAKE-bulk-secret-1000-longer", "short", "22221111-aaaa-2222-bbbb-3333cccc4444"]
        let text = "a FAKE-bulk-secret-1000-longer b FAKE-bulk-secret-1039 c short d 22221111-aaaa-2222-bbbb-3333cccc4444 e FAKE-bulk-secret-1005"
        let masked = SecretMask.scrub(text, secrets: secrets)
        #expect(masked == "a FAK*** b FAK*** c short d 222*** e FAK***")
        #expect(SecretMask.scrub(text, secrets: Array(secrets.prefix(3))) == "a FAK***-longer b FAKE-bulk-secret-1039 c short d 22221111-aaaa-2222-bbbb-3333cccc4444 e FAKE-bulk-secret-1005")
        // Field by field (messages, names, URIs), values of four characters and more are masked.
        #expect(SecretScrubber(secrets: secrets).scrub(text) == "a FAK*** b FAK*** c *** d 222*** e FAK***")
        #expect(SecretScrubber(secrets: ["abc"]).scrub("abc abcd") == "abc abcd")
    }

    @Test("masking is linear: 40,000 secrets in a 40,000-line text")
    func linearMasking() {
        let secrets = (0..<40_000).map { "FAKE-linear-secret-\(100_000 + $0)" }
        let text = secrets.map { "line \($0) end" }.joined(separator: "\n")
        let scrubber = SecretScrubber(secrets: secrets)
        let masked = scrubber.scrub(text)
        #expect(!masked.contains("FAKE-linear-secret-1"))
        #expect(masked.components(separatedBy: "FAK***").count == 40_001)
        // One message among 40,000 is scrubbed without revisiting the secrets.
        #expect(scrubber.scrub("no secret here") == "no secret here")
    }
}

@Suite("Placeholder classifier")
struct PlaceholderClassifierTests {
    @Test("stand-ins for a secret are placeholders, each of its kind", arguments: [
        ("", PlaceholderClassifier.Kind.blank), ("   ", .blank), ("********", .masked), ("xxxxxxxx", .masked),
        ("${{ secrets.CLIENT_SECRET }}", .templateToken), ("{{clientSecret}}", .templateToken), ("$(ClientSecret)", .templateToken),
        ("<client-secret>", .templateToken), ("__ClientSecret__", .templateToken), ("#{Secret}#", .templateToken),
        ("%CLIENT_SECRET%", .templateToken), ("~ClientSecret~", .templateToken), ("[secret]", .templateToken),
        ("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x/)", .reference), ("$CLIENT_SECRET", .reference),
        ("$env:CLIENT_SECRET", .reference), ("crypto_4e3f9a0b1c2d", .encrypted),
        ("Enter_the_Client_Secret_Here", .instruction), ("YOUR_CLIENT_SECRET", .instruction), ("replace-me", .instruction),
        ("changeme", .instruction), ("TODO", .instruction), ("REDACTED", .instruction), ("your client secret here", .instruction),
    ])
    func placeholders(_ value: String, _ kind: PlaceholderClassifier.Kind) {
        #expect(PlaceholderClassifier.classify(value) == kind)
    }

    @Test("values that may be real secrets are not placeholders")
    func secrets() {
        // A generated Entra secret, built at test time so no committed file looks like one.
        let generated = "abc" + "8Q~" + String(repeating: "k3Jd", count: 8) + "xY"
        let values = [
            generated,
            "bXlMZWdhY3lCYXNlNjRTZWNyZXRWYWx1ZTEyMzQ1Njc4OTA=",  // a legacy base64 key
            "dddddddd-1111-2222-3333-444444444444",              // a GUID: a secret ID, judged by REG302
            "{dddddddd-1111-2222-3333-444444444444}",
            "Tr0ub4dor&3",                                        // a hand-made password
            "P@ssw0rd-2026",
            "crypto_",                                            // the prefix alone
            "secret123",                                          // letters and digits: not only words
        ]
        for value in values { #expect(PlaceholderClassifier.classify(value) == nil, "\(value)") }
    }
}

@Suite("Masking a stream")
struct MaskingSinkTests {
    /// Text of filler and secrets (some of them longer than the automaton's prefix, one cut short
    /// at the very end), sent in random chunks through a sink with a small batch: the result is
    /// byte for byte what masking the whole text gives, however the chunks fall.
    @Test("streamed masking equals whole-text masking at any chunking", arguments: 0..<40)
    func chunked(_ seed: Int) throws {
        var random = SeededGenerator(state: UInt64(seed) &* 7919 &+ 1)
        let alphabet = Array("abcdefgh-.XYZ0123 \"\\\n".utf8)
        func word(_ length: Int) -> String { String(decoding: (0..<length).map { _ in random.pick(alphabet) }, as: UTF8.self) }
        let secrets = (0..<6).map { k in "S\(k)" + word(k == 0 ? 300 + random.below(200) : 8 + random.below(40)) }
        var text = ""
        for _ in 0..<(20 + random.below(60)) {
            text += word(random.below(50)) + "|"
            if random.below(3) == 0 { text += random.pick(secrets) + "|" }
        }
        text += String(random.pick(secrets).dropLast(3))
        let scrubber = SecretScrubber(secrets: secrets, minimumLength: 8)
        let whole = scrubber.scrub(Array(text.utf8))
        let collector = ByteCollector()
        let sink = MaskingSink(scrubber: scrubber, downstream: collector, batch: 1 + random.below(64))
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let chunk = bytes.prefix(1 + random.below(90))
            bytes = bytes.dropFirst(chunk.count)
            try Array(chunk).withUnsafeBufferPointer { try sink.write($0) }
        }
        try sink.finish()
        #expect(collector.bytes == whole)
        let out = String(decoding: collector.bytes, as: UTF8.self)
        #expect(!secrets.contains { out.contains($0) })
    }
}

/// Folders of 200-byte names made one inside another through descriptors, below `path`: no call
/// naming a path past PATH_MAX could make (or remove) them. Removed from the deepest up, through
/// the same descriptors.
private struct NestedFolders {
    static let name = String(repeating: "n", count: 200)
    private let descriptors: [Int32]
    /// The deepest folder's descriptor.
    var deepest: Int32 { descriptors[descriptors.count - 1] }

    init(below path: String, levels: Int) {
        var descriptors = [open(path, O_RDONLY | O_DIRECTORY)]
        for _ in 0..<levels {
            let parent = descriptors[descriptors.count - 1]
            #expect(mkdirat(parent, Self.name, 0o755) == 0)
            descriptors.append(openat(parent, Self.name, O_RDONLY | O_DIRECTORY))
        }
        self.descriptors = descriptors
    }

    func remove() {
        for k in stride(from: descriptors.count - 1, through: 1, by: -1) {
            close(descriptors[k])
            #expect(unlinkat(descriptors[k - 1], Self.name, AT_REMOVEDIR) == 0)
        }
        close(descriptors[0])
    }
}
