import Foundation
import Testing
@testable import RegLintKit
import RuleSchema

/// `rule line:col` pairs of a file's findings, sorted.
private func findings(_ result: FileResult) -> [String] {
    result.registrations.flatMap(\.findings).map { "\($0.ruleID) \($0.location.start.line):\($0.location.start.column)" }.sorted()
}

private let sameRegistrationFolder = "testdata/formats/same-registration/"

struct SameRegistrationCase: Sendable, CustomTestStringConvertible {
    let file: String
    let format: InputFormat
    /// From EXPECTED.md: rule id → line:col.
    let positions: [String: String]
    var testDescription: String { file }
}

@Suite("Format fixtures")
struct FormatFixtureTests {
    @Test("the same registration in six formats gives the same rule ids, each at the right line", arguments: [
        SameRegistrationCase(file: "graph.json", format: .graphJSON, positions: ["REG101": "15:29", "REG104": "96:36", "REG202": "93:7", "REG303": "53:22", "REG304": "53:22", "REG310": "50:5", "REG401": "74:24", "REG402": "74:24", "REG602": "19:33"]),
        SameRegistrationCase(file: "legacy-manifest.json", format: .legacyManifest, positions: ["REG101": "6:24", "REG104": "25:30", "REG202": "51:14", "REG303": "37:18", "REG304": "37:18", "REG310": "35:5", "REG401": "66:24", "REG402": "66:24", "REG701": "45:24"]),
        SameRegistrationCase(file: "powershell-utf16.json", format: .powerShellJSON, positions: ["REG101": "54:32", "REG104": "168:77", "REG202": "180:38", "REG303": "76:53", "REG304": "76:53", "REG310": "73:33", "REG401": "122:58", "REG402": "122:58", "REG602": "129:36"]),
        SameRegistrationCase(file: "clixml.xml", format: .cliXml, positions: ["REG101": "70:7", "REG104": "211:15", "REG202": "220:15", "REG303": "96:15", "REG304": "96:15", "REG310": "87:11", "REG401": "173:15", "REG402": "173:15"]),
        SameRegistrationCase(file: "entra-exporter/Applications/00aa00aa-bb11-cc22-dd33-44ee44ee44ee/00aa00aa-bb11-cc22-dd33-44ee44ee44ee.json", format: .entraExporter, positions: ["REG101": "15:29", "REG104": "96:36", "REG202": "93:7", "REG303": "53:22", "REG304": "53:22", "REG310": "50:5", "REG401": "74:24", "REG402": "74:24", "REG601": "1:1", "REG602": "19:33"]),
        SameRegistrationCase(file: "terraform-plan.json", format: .terraformPlan, positions: ["REG101": "22:51", "REG104": "72:58", "REG202": "78:23", "REG303": "34:33", "REG304": "34:33", "REG310": "32:19", "REG401": "58:40", "REG402": "58:40", "REG602": "61:49"]),
    ])
    func sameRegistration(_ c: SameRegistrationCase) throws {
        let result = try Fixtures.lint(sameRegistrationFolder + c.file)
        #expect(result.error == nil)
        #expect(result.format == c.format)
        #expect(result.registrations.count == 1)
        let registration = try #require(result.registrations.first)
        #expect(registration.reference.displayName == "Contoso Formats Demo")
        #expect(findings(result) == c.positions.map { "\($0.key) \($0.value)" }.sorted())
    }

    @Test("the six formats agree with each other rule for rule, severity for severity")
    func formatsAgree() throws {
        let files = ["graph.json", "legacy-manifest.json", "powershell-utf16.json", "clixml.xml", "terraform-plan.json",
                     "entra-exporter/Applications/00aa00aa-bb11-cc22-dd33-44ee44ee44ee/00aa00aa-bb11-cc22-dd33-44ee44ee44ee.json"]
        let summaries = try files.map { file in
            // Rules whose data only some formats carry are left out: REG601 (owners: EntraExporter's
            // Owners folder), REG602 (serviceManagementReference: not in the legacy manifest, nor in
            // this CliXml file), REG701 (the legacy format itself). EXPECTED.md lists them per file.
            try Fixtures.lint(sameRegistrationFolder + file).registrations.flatMap(\.findings)
                .filter { !["REG601", "REG602", "REG701"].contains($0.ruleID) }.map { "\($0.ruleID) \($0.severity)" }.sorted()
        }
        for summary in summaries { #expect(summary == summaries[0]) }
    }

    @Test("EntraExporter: the owners beside the application are attached to it")
    func entraExporterOwners() throws {
        let result = try Fixtures.lint(sameRegistrationFolder + "entra-exporter/Applications/00aa00aa-bb11-cc22-dd33-44ee44ee44ee/00aa00aa-bb11-cc22-dd33-44ee44ee44ee.json", rules: RuleSet(rules: [try Self.ownersRule()]))
        #expect(result.registrations.first?.findings.map(\.message) == ["Owner 'Alex Wilber' is listed."])
    }

    @Test("EntraExporter: an application with a field of the wrong type (laid over with an unknown) still gets its owners")
    func entraExporterOwnersUnderOverlay() throws {
        let temporary = try Self.copiedExporterTree()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let tree = temporary.appending(path: "Applications")
        let app = tree.appending(path: "00aa00aa-bb11-cc22-dd33-44ee44ee44ee/00aa00aa-bb11-cc22-dd33-44ee44ee44ee.json")
        let text = try String(contentsOf: app, encoding: .utf8)
        #expect(text.contains("\"identifierUris\": [],"))
        try text.replacingOccurrences(of: "\"identifierUris\": [],", with: "\"identifierUris\": 7,").write(to: app, atomically: true, encoding: .utf8)
        let input = InputFile(displayPath: "app.json", reportPath: "app.json", source: .file(app.path), named: true)
        let result = Linter(rules: RuleSet(rules: [try Self.ownersRule()]), now: Fixtures.now, parallelism: 1).lint(input)
        #expect(result.format == .entraExporter)
        #expect(result.registrations.first?.findings.map(\.message) == ["Owner 'Alex Wilber' is listed."])
    }

    @Test("EntraExporter walked: an application folder's listing says whether it has owners to read, in any case of 'Owners'")
    func entraExporterOwnersFromListing() throws {
        let temporary = try Self.copiedExporterTree()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let tree = temporary.appending(path: "Applications")
        let id = "00aa00aa-bb11-cc22-dd33-44ee44ee44ee"
        let app = try Data(contentsOf: tree.appending(path: "\(id)/\(id).json"))
        // The same application twice more: without an Owners folder, and with one named in lower case.
        for (other, owners) in [("00aa00aa-bb11-cc22-dd33-000000000002", false), ("00aa00aa-bb11-cc22-dd33-000000000003", true)] {
            try FileManager.default.createDirectory(at: tree.appending(path: other), withIntermediateDirectories: true)
            try app.write(to: tree.appending(path: "\(other)/\(other).json"))
            if owners { try FileManager.default.copyItem(at: tree.appending(path: "\(id)/Owners"), to: tree.appending(path: "\(other)/owners")) }
        }
        let files = Discovery(currentDirectory: temporary.path).expand(["."], stdin: { [] }, stdinName: "stdin.json").files
        let byFolder = Dictionary(uniqueKeysWithValues: files.map { (String(PathText.lastComponent(($0.displayPath as NSString).deletingLastPathComponent)), $0) })
        let listed = try #require(byFolder[id]), without = try #require(byFolder["00aa00aa-bb11-cc22-dd33-000000000002"])
        let lowerCase = try #require(byFolder["00aa00aa-bb11-cc22-dd33-000000000003"])
        #expect(!listed.listedWithoutOwners && without.listedWithoutOwners && !lowerCase.listedWithoutOwners)
        let linter = Linter(rules: RuleSet(rules: [try Self.ownersRule()]), now: Fixtures.now, parallelism: 1)
        // (The lower-case folder is looked for, as before, under its exporter's name: found where
        // names ignore case, not here.)
        // An Owners folder made after the walk: the file the walk found without one is linted on
        // its listing's word (no look); the same file named on the command line is looked at.
        try FileManager.default.copyItem(at: tree.appending(path: "\(id)/Owners"), to: tree.appending(path: "00aa00aa-bb11-cc22-dd33-000000000002/Owners"))
        var named = without
        named.named = true
        named.listedWithoutOwners = false
        let messages = [listed, without, named].map { linter.lint($0).registrations.first?.findings.map(\.message) ?? ["no registration"] }
        #expect(messages == [["Owner 'Alex Wilber' is listed."], [], ["Owner 'Alex Wilber' is listed."]])
    }

    /// A temporary folder holding a copy of the EntraExporter fixture's `Applications` folder.
    private static func copiedExporterTree() throws -> URL {
        let temporary = FileManager.default.temporaryDirectory.appending(path: "reglint-exporter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.url(sameRegistrationFolder + "entra-exporter/Applications"), to: temporary.appending(path: "Applications"))
        return temporary
    }

    /// A probe rule that reports each owner it can see.
    private static func ownersRule() throws -> CompiledRule {
        try CompiledRule(spec: RuleFileParser(file: "rules/REG990.yml").parse("""
            id: REG990
            name: owners-listed
            title: Owners are listed
            severity: note
            helpUri: https://learn.microsoft.com/entra/identity/enterprise-apps/overview-assign-app-owners
            description: A probe rule for the test suite; it reports each owner it can see.
            remediation: Nothing to change; this rule exists only in the test suite.
            forEach: owners
            match: { path: userPrincipalName, equals: "alex@contoso.com" }
            message: "Owner '{displayName}' is listed."
            examples:
              flag:
                - app: { owners: [ { userPrincipalName: "alex@contoso.com", displayName: Alex } ] }
                  at: /owners/0/userPrincipalName
              pass:
                - app: { owners: [] }
            """))
    }

    @Test("a walk of an EntraExporter tree lints the application and does not count owner files as skipped")
    func entraExporterWalk() async throws {
        let report = try await Fixtures.report([sameRegistrationFolder + "entra-exporter"])
        #expect(report.reportedFiles.count == 1)
        #expect(report.skippedCount == 0)
    }

    @Test("depth-cut PowerShell JSON and CliXml exports are 'export too shallow', exit 2", arguments: [
        ("testdata/formats/powershell-json/depth-cut.json", ["web.implicitGrantSettings", "passwordCredentials[0]", "requiredResourceAccess[0]"]),
        ("testdata/formats/cli-xml/depth-cut.xml", ["web", "passwordCredentials"]),
    ])
    func depthCut(_ file: String, _ properties: [String]) async throws {
        let result = try Fixtures.lint(file)
        for property in properties { #expect(result.truncations.contains { $0.property == property }, "\(property)") }
        let report = try await Fixtures.report([file])
        #expect(report.exitCode == 2)
        #expect(TextReporter().render(report).contains("error: export too shallow: '\(properties[0])'"))
    }

    @Test("the PowerShell quirks fixtures: Az singular names, unwrapped arrays, UTF-16BE", arguments: [
        ("testdata/formats/powershell-json/az-resources.json", ["REG202 64:7", "REG307 29:20", "REG310 26:26"]),
        ("testdata/formats/powershell-json/utf16be.json", ["REG201 53:7"]),
        ("testdata/formats/cli-xml/utf16le.xml", ["REG202 144:15", "REG310 36:11"]),
    ])
    func quirks(_ file: String, _ expected: [String]) throws {
        let result = try Fixtures.lint(file)
        #expect(result.error == nil)
        #expect(findings(result) == expected)
    }

    @Test("Terraform: credentials in separate resources attach to their app; unknown values stay unknown")
    func terraformPlan() throws {
        let result = try Fixtures.lint("testdata/formats/terraform/plan-with-password-resource.json")
        #expect(result.error == nil)
        let registration = try #require(result.registrations.first)
        // None of the rules the README names fires; of the later ones, REG505 (api://contoso-orders
        // names nothing unique to the tenant) and REG602 (service_management_reference is null) do.
        #expect(registration.findings.map { "\($0.ruleID) \($0.severity.rawValue)" }.sorted() == ["REG505 warning", "REG602 note"], "\(registration.findings.map(\.message))")
        let skipped = registration.outcomes.compactMap { outcome -> String? in
            if case .notEvaluated = outcome.status { return outcome.ruleID }
            return nil
        }
        #expect(skipped.contains("REG303"))
        #expect(skipped.contains("REG309"))
        #expect(registration.outcomes.contains { $0.ruleID == "REG103" && { if case .passed = $0.status { true } else { false } }($0) })
    }

    @Test("Terraform state: a plain-text password value is REG301, masked")
    func terraformState() throws {
        let result = try Fixtures.lint("testdata/formats/terraform/state.json")
        let finding = try #require(result.registrations.flatMap(\.findings).first { $0.ruleID == "REG301" })
        #expect("\(finding.location.start.line):\(finding.location.start.column)" == "57:26")
        #expect(!finding.message.contains("FAKE-terraform-state-secret-0002"))
        #expect(finding.message.contains("FAK***"))
    }

    @Test("hostile XML fixtures are rejected at the DTD, quickly", arguments: ["xxe-file.xml", "xxe-http.xml", "billion-laughs.xml", "web-config-dtd.xml"])
    func hostileFixtures(_ file: String) throws {
        let start = Date()
        let result = try Fixtures.lint("testdata/formats/xml-hostile/\(file)")
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(result.error?.message.contains("DTD") == true)
        #expect(result.error?.position?.line == 2)
        #expect(result.error?.position?.column == 1)
    }

    @Test("config files: REG302 with a related location when a secret setting holds a manifest keyId; placeholders are not secrets")
    func configFolder() async throws {
        let report = try await Fixtures.report(["testdata/formats/config"])
        let found = report.findings.map { "\($0.ruleID) \($0.severity.rawValue) \(($0.location.path as NSString).lastPathComponent) \($0.location.start.line):\($0.location.start.column)" }
        #expect(found.sorted() == [
            "REG301 error .env 5:21",
            "REG301 error appsettings.Development.json 6:21",
            "REG301 error fhir.postman_environment.json 25:13",
            "REG301 error web.config 5:39",
            "REG302 error appsettings.json 8:21",
            "REG302 warning local.settings.json 12:18",
            "REG310 note demo-manifest.json 11:5",
            // contoso-fhir.azurehealthcareapis.com is an Azure API for FHIR endpoint, retired since 2026-09-30.
            "REG703 error fhir.postman_environment.json 31:13",
            "REG703 error fhir.postman_environment.json 37:13",
            "REG703 error local.settings.json 13:20",
            "REG703 error local.settings.json 9:15",
        ])
        let certain = try #require(report.findings.first { $0.ruleID == "REG302" && $0.severity == .error })
        let related = try #require(certain.related.first)
        #expect(related.location.path.hasSuffix("demo-manifest.json"))
        #expect("\(related.location.start.line):\(related.location.start.column)" == "16:16")
        #expect(related.location.pointer == "/passwordCredentials/0/keyId")
        let sarif = SARIFReporter().renderMasked(report)
        #expect(sarif.contains("\"relatedLocations\""))
    }

    @Test("no fake secret of any format fixture appears in any output format", arguments: OutputFormat.allCases)
    func noSecretInAnyOutput(_ format: OutputFormat) async throws {
        let report = try await Fixtures.report(["testdata/formats", "testdata/examples"])
        let output = format.reporter().renderMasked(report)
        let fixtures = try FileManager.default.subpathsOfDirectory(atPath: Fixtures.url("testdata").path)
        var secrets = Set<String>()
        for path in fixtures {
            guard let data = FileManager.default.contents(atPath: Fixtures.url("testdata/" + path).path) else { continue }
            let bytes = [UInt8](data)
            let text = String(decoding: TextDecoding.utf8(bytes, encoding: TextDecoding.detect(bytes)), as: UTF8.self)
            for match in text.matches(of: /FAKE-[A-Za-z-]+-[0-9]{4}/) { secrets.insert(String(match.0)) }
        }
        #expect(secrets.count >= 7)
        for secret in secrets { #expect(!output.contains(secret), "\(secret) in \(format)") }
    }
}

@Suite("More format fixtures")
struct MoreFormatFixtureTests {
    private func rules(_ result: FileResult) -> [String: [String]] {
        Dictionary(grouping: result.registrations.flatMap(\.findings), by: { $0.registration.displayName ?? "" }).mapValues { $0.map(\.ruleID).sorted() }
    }

    @Test("Terraform modular resources attach to their registration")
    func modularResources() throws {
        let result = try Fixtures.lint("testdata/formats/terraform/state-modular-resources.json")
        let byApp = rules(result)
        #expect(byApp["tf-reg"] == ["REG101", "REG104", "REG201", "REG202"])
        #expect(byApp["tf-api"] == ["REG101", "REG104", "REG202", "REG301", "REG304", "REG310"])
    }

    @Test("an AzureAD module object in CliXml is read through the legacy mapping")
    func azureADCliXml() throws {
        let result = try Fixtures.lint("testdata/formats/cli-xml/azuread-application.xml")
        // REG604: a name that starts with "AzureAD" reads like a Microsoft app.
        #expect(rules(result)["AzureAD CliXml App"] == ["REG101", "REG104", "REG202", "REG301", "REG303", "REG304", "REG310", "REG604"])
    }

    @Test("a walk skips XML that is neither CliXml nor a .config file, even with a DTD; a named one is still refused")
    func walkedXML() async throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "reglint-xml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("<?xml version=\"1.0\"?>\n<!DOCTYPE project [<!ENTITY x \"y\">]>\n<project>&x;</project>\n".utf8).write(to: dir.appending(path: "build.xml"))
        let walked = try await Fixtures.report([dir.path]) { $0.overrides.allowEmpty = true }
        #expect(walked.exitCode == 0)
        #expect(walked.skippedCount == 1)
        // Without --allow-empty, a walk that finds nothing to lint is an error (a mistyped CI path must not pass).
        let empty = try await Fixtures.report([dir.path])
        #expect(empty.exitCode == 2)
        #expect(empty.diagnostics.contains { $0.kind == .noInput })
        let named = try await Fixtures.report([dir.appending(path: "build.xml").path])
        #expect(named.exitCode == 2)
    }

    @Test("a string where an object belongs is unknown, not empty")
    func strayString() throws {
        let text = #"{"AppId": "x", "DisplayName": "Stray", "Web": "see portal", "PasswordCredentials": []}"#
        let input = InputFile(displayPath: "x.json", reportPath: "x.json", source: .bytes(Array(text.utf8)), named: true)
        let result = Linter(rules: try RuleSet.builtIn(), now: Fixtures.now, parallelism: 1).lint(input)
        let registration = try #require(result.registrations.first)
        let reg104 = try #require(registration.outcomes.first { $0.ruleID == "REG104" })
        if case .notEvaluated = reg104.status {} else { Issue.record("REG104 should be not evaluated, got \(reg104.status)") }
    }

    @Test("in Graph JSON the type guard reads a duplicated key's last value, and an escaped key as decoded", arguments: [
        (#"{"appId": "x", "displayName": "D", "web": {"redirectUris": []}, "web": "see portal"}"#, true),
        (#"{"appId": "x", "displayName": "D", "web": "see portal", "web": {"redirectUris": []}}"#, false),
        (#"{"appId": "x", "displayName": "D", "we\u0062": "see portal"}"#, true),
        (#"{"appId": "x", "displayName": "D", "WEB": 42}"#, true),
    ])
    func guardedGraphJSON(_ text: String, _ unknown: Bool) throws {
        let input = InputFile(displayPath: "x.json", reportPath: "x.json", source: .bytes(Array(text.utf8)), named: true)
        let result = Linter(rules: try RuleSet.builtIn(), now: Fixtures.now, parallelism: 1).lint(input)
        let registration = try #require(result.registrations.first)
        let reg104 = try #require(registration.outcomes.first { $0.ruleID == "REG104" })
        if case .notEvaluated = reg104.status { #expect(unknown, "\(text)") } else { #expect(!unknown, "\(text): \(reg104.status)") }
    }
}

@Suite("Partial registrations")
struct PartialRegistrationTests {
    @Test("a Graph POST body without id or appId is linted with an unknown identity, and the output says so")
    func postBody() throws {
        let result = try Fixtures.lint("testdata/formats/partial/graph-post-body.json")
        #expect(result.error == nil)
        #expect(result.registrations.count == 1)
        #expect(result.registrations.first?.reference.appId == nil)
        #expect(result.registrations.first?.reference.label == "Contoso Onboarding API")
        let found = result.registrations.flatMap(\.findings).map { "\($0.ruleID) \($0.location.start.line):\($0.location.start.column)" }.sorted()
        #expect(found == ["REG101 4:29", "REG202 8:7"])
        #expect(result.notices.contains { $0.message.contains("has neither id nor appId") })
    }

    @Test("JSON that is plainly not a registration is a short error when named")
    func notARegistration() throws {
        let result = try Fixtures.lintBytes("{\"name\": \"web\", \"version\": \"1.0.0\"}", name: "package.json")
        #expect(result.error?.kind == .unrecognized)
        #expect((result.error?.message.count ?? 0) < 200)
    }
}

@Suite("Unreadable dates")
struct UnreadableDateTests {
    @Test("a date that cannot be read makes the lifetime and expiry rules not evaluated, never a pass or a rolled-over date")
    func notEvaluated() throws {
        for bad in ["garbage", "2026-02-30T00:00:00Z"] {
            let json = """
                {"appId": "00001111-aaaa-2222-bbbb-3333cccc4444", "displayName": "Bad Dates", "web": {"redirectUris": ["https://a.contoso.com/cb"]},
                 "passwordCredentials": [{"keyId": "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb", "displayName": "x", "startDateTime": "2026-01-01T00:00:00Z", "endDateTime": "\(bad)"}]}
                """
            let result = try Fixtures.lintBytes(json)
            let registration = try #require(result.registrations.first)
            #expect(registration.findings.isEmpty, "\(bad): \(registration.findings.map(\.message))")
            for rule in ["REG303", "REG304", "REG306", "REG307"] {
                let outcome = try #require(registration.outcomes.first { $0.ruleID == rule })
                guard case .notEvaluated(let reason) = outcome.status else { Issue.record("\(bad): \(rule) is \(outcome.status)"); continue }
                #expect(reason.contains("not a date"))
            }
        }
        #expect(Instant(parsing: "2026-02-30") == nil)
        #expect(Instant(parsing: "2028-02-29") != nil)
        #expect(Instant(parsing: "2026-04-31") == nil)
    }
}

@Suite("Agent identity blueprints")
struct AgentBlueprintTests {
    @Test("a blueprint in an /applications export is its own kind, the credential rules apply, its principal is skipped")
    func blueprint() throws {
        let result = try Fixtures.lint("testdata/formats/agent/agent-blueprint.json")
        #expect(result.error == nil)
        #expect(result.registrations.count == 1)
        let registration = try #require(result.registrations.first)
        #expect(registration.reference.isAgentBlueprint)
        #expect(registration.reference.label == "Contoso Support Agent Blueprint (0b0b0b0b-1111-2222-3333-444444444444) [agent identity blueprint]")
        #expect(registration.findings.map { "\($0.ruleID) \($0.location.start.line):\($0.location.start.column)" }.sorted() == ["REG303 20:26", "REG310 14:9"])
    }
}

@Suite("Fragments")
struct FragmentTests {
    @Test("a legacy manifest fragment and a bare requiredResourceAccess list are linted, not refused", arguments: [
        ("testdata/formats/partial/legacy-fragment.json", ["REG104 2:30", "REG202 5:14", "REG701 3:24"]),
        ("testdata/formats/partial/required-resource-access.json", ["REG403 5:15", "REG405 10:22"]),
    ])
    func fragments(_ path: String, _ expected: [String]) throws {
        let result = try Fixtures.lint(path)
        #expect(result.error == nil)
        #expect(result.registrations.count == 1)
        let found = result.registrations.flatMap(\.findings).map { "\($0.ruleID) \($0.location.start.line):\($0.location.start.column)" }.sorted()
        #expect(found == expected)
        #expect(!result.notices.isEmpty)
    }
}
