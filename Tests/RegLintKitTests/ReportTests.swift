import Foundation
import Testing
@testable import RegLintKit
import RuleSchema

@Suite("Reports")
struct ReportTests {
    static let secret = "FAKE-not-a-real-secret-value-0001"

    @Test("a secretText value never appears in any output format", arguments: OutputFormat.allCases)
    func secretNeverLeaks(_ format: OutputFormat) async throws {
        let report = try await Fixtures.report(["testdata/examples"])
        #expect(report.secrets.contains(Self.secret))
        let output = format.reporter().renderMasked(report)
        #expect(!output.contains(Self.secret))
        #expect(!output.isEmpty)
    }

    @Test("a client-secret-shaped secretText built at test time is masked even where a message would show it")
    func shapedSecretIsMasked() async throws {
        let value = "abc" + "8" + "Q~" + String(repeating: "x7_", count: 11) + "z"
        let app = """
            {"appId": "00001111-aaaa-2222-bbbb-3333cccc4444", "displayName": "\(value)",
             "web": {"redirectUris": ["https://app.contoso.com/\(value)"]},
             "passwordCredentials": [{"keyId": "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb", "secretText": "\(value)", "endDateTime": null}]}
            """
        let input = InputFile(displayPath: "x.json", reportPath: "x.json", source: .bytes(Array(app.utf8)), named: true)
        let rules = try RuleSet.builtIn()
        let result = await Linter(rules: rules, now: Fixtures.now).lint([input])
        let report = LintReport(toolVersion: "0", rules: rules.rules.map(\.spec), result: result, now: Fixtures.now, failOn: .error)
        #expect(!report.findings.isEmpty)
        for format in OutputFormat.allCases {
            let output = format.reporter().renderMasked(report)
            #expect(!output.contains(value), "\(format)")
            // Masked field by field before rendering, so Markdown shows the mask escaped.
            #expect(output.contains("abc***") || output.contains(#"abc\*\*\*"#), "\(format)")
        }
    }

    @Test("the bytes the command line writes are the text, masked the same way, in every format")
    func maskedBytesAreMaskedText() async throws {
        let value = "abc" + "8" + "Q~" + String(repeating: "x7_", count: 11) + "z"
        let app = """
            {"appId": "00001111-aaaa-2222-bbbb-3333cccc4444", "displayName": "\(value)",
             "passwordCredentials": [{"keyId": "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb", "secretText": "\(value)", "endDateTime": null}]}
            """
        let input = InputFile(displayPath: "x.json", reportPath: "x.json", source: .bytes(Array(app.utf8)), named: true)
        let rules = try RuleSet.builtIn()
        let result = await Linter(rules: rules, now: Fixtures.now).lint([input])
        let report = LintReport(toolVersion: "0", rules: rules.rules.map(\.spec), result: result, now: Fixtures.now, failOn: .error)
        for format in OutputFormat.allCases {
            let reporter = format.reporter()
            #expect(reporter.renderBytes(report) == Array(reporter.render(report).utf8), "\(format)")
            // The display name is masked field by field before any rendering.
            #expect(!reporter.render(report).contains(value), "\(format): the name is masked before rendering")
            let masked = reporter.renderMaskedBytes(report)
            #expect(masked == Array(reporter.renderMasked(report).utf8), "\(format)")
            #expect(try ByteCollector.streamed(reporter, report) == masked, "\(format): streamed as the command line writes it")
            #expect(!String(decoding: masked, as: UTF8.self).contains(value), "\(format)")
        }
    }

    @Test("the whole testdata tree gives byte-identical outputs in every format on 1 and 4 workers and with its inputs named in reverse order")
    func deterministic() async throws {
        let top = try FileManager.default.contentsOfDirectory(atPath: Fixtures.url("testdata").path).sorted().map { "testdata/" + $0 }
        let one = try await Fixtures.report(["testdata"], parallelism: 1) { $0.collectInventory = true }
        let many = try await Fixtures.report(["testdata"], parallelism: 4) { $0.collectInventory = true }
        let reversed = try await Fixtures.report(top.reversed(), parallelism: 4) { $0.collectInventory = true }
        #expect(one.result.files.count > 100)
        for format in OutputFormat.allCases {
            let reference = format.reporter().renderMaskedBytes(one)
            // Compared as a Bool with the first differing line: a diff of megabytes would take minutes.
            for (label, other) in [("1 vs 4 workers", many), ("inputs in reverse order", reversed)] {
                let bytes = format.reporter().renderMaskedBytes(other)
                let same = bytes == reference
                #expect(same, "\(format): \(label): first difference \(Self.firstDifference(reference, bytes))")
            }
        }
    }

    @Test("a registration large enough to have its rules run and its credentials' facts built in parallel gives the same outcomes and outputs as on one worker")
    func largeRegistrationDeterministic() throws {
        // More credentials than `FactBuilder.parallelListLength`; every seventh repeats a secret.
        let credentials = (0..<3_000).map { k in
            #"{"keyId": "\#(String(format: "%08x", k))-0000-1111-2222-bbbbbbbbbbbb", "displayName": "c\#(k)", "secretText": "FAKE-large-\#(String(format: "%06d", k % 7 == 6 ? k - 3 : k))-xxxxxxxxxx", "startDateTime": "2026-10-01T00:00:00Z", "endDateTime": "\#(k % 2 == 0 ? "2027-01-01" : "2030-01-01")T00:00:00Z"}"#
        }
        let text = #"{"appId": "00001111-aaaa-2222-bbbb-3333cccc4444", "displayName": "Bulk", "web": {"redirectUris": ["http://x.example/*"]}, "passwordCredentials": ["# + credentials.joined(separator: ", ") + "]}"
        #expect(text.utf8.count > Linter.largeRegistration)
        let input = InputFile(displayPath: "large.json", reportPath: "large.json", source: .bytes(Array(text.utf8)), named: true)
        let rules = try RuleSet.builtIn()
        let serial = Linter(rules: rules, now: Fixtures.now, parallelism: 1).lint(input)
        let parallel = Linter(rules: rules, now: Fixtures.now, parallelism: 4).lint(input)
        let reports = [serial, parallel].map { LintReport(toolVersion: "test", rules: rules.rules.map(\.spec), result: LintResult(files: [$0]), now: Fixtures.now, failOn: .error) }
        #expect(credentials.count > FactBuilder.parallelListLength)
        #expect(reports[0].findings.count > 6_000)
        #expect(serial.secrets == parallel.secrets && serial.secrets.count == 3_000 - 3_000 / 7)
        #expect(serial.registrations.first?.outcomes.map(\.ruleID) == parallel.registrations.first?.outcomes.map(\.ruleID))
        for format in [OutputFormat.sarif, .text, .json, .junit] {
            let a = format.reporter().renderMaskedBytes(reports[0])
            let b = format.reporter().renderMaskedBytes(reports[1])
            #expect(a == b, "\(format): first difference \(Self.firstDifference(a, b))")
        }
        // Text lines in blocks on several threads, and on one, group by group.
        let groups = TextReporter.credentialGroups(Array(reports[0].findings.indices), in: reports[0].findings[...])
        #expect(groups.count > TextReporter.groupsPerBlock)
        for verbose in [false, true] {
            var serial: [UInt8] = [], blocks: [UInt8] = []
            TextReporter(color: false, verbose: verbose).write(reports[0].findings[...], into: &serial, workers: 1)
            TextReporter(color: false, verbose: verbose).write(reports[0].findings[...], into: &blocks, workers: 3)
            #expect(serial == blocks, "first difference \(Self.firstDifference(serial, blocks))")
        }
    }

    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String {
        guard let k = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset ?? (a.count == b.count ? nil : min(a.count, b.count)) else { return "none" }
        func line(_ bytes: [UInt8]) -> String {
            let start = bytes[..<min(k, bytes.count)].lastIndex(of: 10).map { $0 + 1 } ?? 0
            let end = bytes[min(k, bytes.count)...].firstIndex(of: 10) ?? bytes.count
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        return "at byte \(k): \(line(a).debugDescription) vs \(line(b).debugDescription)"
    }

    @Test("SARIF locations made from reused parts give the bytes JSONWriter writes member by member, over files, apps and awkward names interleaved")
    func sarifLocationBytes() async throws {
        var findings = try await Fixtures.report(["testdata"]).findings
        #expect(findings.count > 100)
        // Names and paths that need escaping, an app without an id, and places that change
        // between consecutive findings.
        let at = SourceLocation(path: "dir/a b[1].json", start: SourcePosition(line: 3, column: 7, offset: 40), end: SourcePosition(line: 5, column: 2, offset: 90), pointer: "/x")
        for (k, name) in ["quote \" back \\ tab \t é 漢", "", "plain"].enumerated() {
            let app = RegistrationReference(displayName: k == 1 ? nil : name, appId: k == 2 ? nil : "app-\(k)\"x", objectId: nil, pointer: "", location: at)
            findings.insert(Finding(ruleID: "REG101", ruleName: "n", severity: .warning, message: "m", location: at, registration: app,
                                    subject: FindingSubject(file: at.path), fingerprint: "f"), at: k * 7 % findings.count)
        }
        var places = SARIFReporter.LocationBytes()
        for (k, finding) in findings.enumerated() {
            let uri = k % 5 == 0 ? "other/ü%.json" : finding.location.path
            var reference = JSONWriter()
            reference.beginObject(oneLine: true)
            reference.key("locations")
            SARIFReporter.writeLocations(of: finding, uri: uri, into: &reference)
            reference.endObject()
            var reused = JSONWriter()
            reused.beginObject(oneLine: true)
            reused.key("locations")
            reused.rawValue { places.appendLocations(of: finding, uri: uri, to: &$0) }
            reused.endObject()
            let expected = reference.finishedText()
            #expect(reused.finishedText() == expected, "finding \(k)")
        }
    }

    @Test("a finding is a value: a changed copy leaves the original as it was; equal fields make equal findings with equal hashes")
    func findingIsAValue() {
        let at = SourceLocation(path: "a.json", start: SourcePosition(line: 1, column: 2, offset: 1), end: SourcePosition(line: 1, column: 9, offset: 8), pointer: "/web")
        let app = RegistrationReference(displayName: "A", appId: nil, objectId: nil, pointer: "", location: at)
        let original = Finding(ruleID: "REG202", ruleName: "redirect-uri-insecure-http", severity: .error, message: "m",
                               location: at, registration: app, subject: FindingSubject(file: "a.json"), fingerprint: "f")
        var copy = original
        copy.disposition = .baselined
        copy.message += " changed"
        copy.related.append(RelatedLocation(location: at, message: "r"))
        #expect(original.disposition == .open && original.message == "m" && original.related.isEmpty)
        #expect(copy.disposition == .baselined && copy.message == "m changed" && copy.related.count == 1)
        #expect(copy != original)
        var again = copy
        again.message = "m"
        again.related = []
        again.disposition = .open
        #expect(again == original && again.hashValue == original.hashValue)
        #expect(Set([original, again, copy]).count == 2)
    }

    @Test("exit codes: 1 for findings at the threshold, 0 below it, 2 for a failed input whatever the threshold")
    func exitCodes() async throws {
        #expect(try await Fixtures.report(["testdata/examples"]).exitCode == 1)
        #expect(try await Fixtures.report(["testdata/examples/clean-manifest.json"]).exitCode == 0)
        #expect(try await Fixtures.report(["testdata/rules/REG309/flag.json"], failOn: .error).exitCode == 0)
        #expect(try await Fixtures.report(["testdata/rules/REG309/flag.json"], failOn: .note).exitCode == 1)
        #expect(try await Fixtures.report(["testdata/examples", "testdata/malformed/truncated.json"], failOn: nil).exitCode == 2)
        #expect(try await Fixtures.report(["testdata/no-such-file.json"]).exitCode == 2)
    }

    @Test("text output: path:line:col: severity REGnnn name: message, then a summary")
    func textFormat() async throws {
        let text = TextReporter().render(try await Fixtures.report(["testdata/examples/contoso-tenant-export.json", "testdata/malformed/missing-comma.json"]))
        #expect(text.contains("testdata/examples/contoso-tenant-export.json:219:11: error REG202 redirect-uri-insecure-http: Redirect URI 'http://hr.contoso.com/legacy' of 'Contoso HR Portal' uses the scheme 'http' on the host 'hr.contoso.com', which is not loopback: the authorization code travels unencrypted and can be read or changed on the way; use https.\n"))
        #expect(text.contains("testdata/malformed/missing-comma.json:5:3: error: not valid JSON: unexpected '\"', expected ',' or '}'\n"))
        #expect(text.hasSuffix("29 findings (7 errors, 14 warnings, 8 notes) in 12 registrations from 1 file; 1 input could not be read; 78 checks not evaluated (fields absent from or unknown in the export; --verbose lists them).\n"))
        #expect(!text.contains("\u{1B}["))
    }

    @Test("SARIF carries rule metadata, levels, security-severity, relative URIs, regions and fingerprints")
    func sarifShape() async throws {
        let report = try await Fixtures.report(["testdata/examples", "testdata/malformed/truncated.json"])
        let data = Data(SARIFReporter().render(report).utf8)
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count == report.rules.count)
        let reg202 = try #require(rules.first { $0["id"] as? String == "REG202" })
        #expect(reg202["name"] as? String == "redirect-uri-insecure-http")
        #expect((reg202["properties"] as? [String: Any])?["security-severity"] as? String == "8.0")
        #expect((reg202["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 29)
        let result = try #require(results.first { $0["ruleId"] as? String == "REG202" })
        #expect(result["level"] as? String == "error")
        let physical = try #require(((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        let artifact = try #require(physical["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "testdata/examples/contoso-tenant-export.json")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
        let region = try #require(physical["region"] as? [String: Int])
        #expect(region == ["startLine": 219, "startColumn": 11, "endLine": 219, "endColumn": 41])
        #expect(((result["partialFingerprints"] as? [String: String])?["reglintFingerprint/v1"])?.count == 16)
        #expect(run["columnKind"] as? String == "utf16CodeUnits")
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notes = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notes.contains { (($0["message"] as? [String: Any])?["text"] as? String)?.contains("(line 34, column 47)") == true })
    }

    @Test("fingerprints survive reformatting and reordering of the file")
    func fingerprintsAreStable() throws {
        let a = #"{"appId": "00001111-aaaa-2222-bbbb-3333cccc4444", "displayName": "A", "web": {"redirectUris": ["https://a.contoso.com/x", "http://a.contoso.com/y"]}, "keyCredentials": [{"keyId": "bbbbbbbb-1111-2222-3333-cccccccccccc", "displayName": "c", "startDateTime": "2026-10-01T00:00:00Z", "endDateTime": "2027-01-01T00:00:00Z"}]}"#
        let b = "{\n  \"web\": {\"redirectUris\": [\"http://a.contoso.com/y\", \"https://a.contoso.com/x\"]},\n  \"displayName\": \"A\",\n  \"keyCredentials\": [{\"keyId\": \"bbbbbbbb-1111-2222-3333-cccccccccccc\", \"displayName\": \"c\", \"startDateTime\": \"2026-10-01T00:00:00Z\", \"endDateTime\": \"2027-01-01T00:00:00Z\"}],\n  \"appId\": \"00001111-aaaa-2222-bbbb-3333cccc4444\"\n}"
        let fa = try Fixtures.lintBytes(a).registrations.flatMap(\.findings).filter { $0.ruleID == "REG202" }
        let fb = try Fixtures.lintBytes(b).registrations.flatMap(\.findings).filter { $0.ruleID == "REG202" }
        #expect(fa.count == 1 && fb.count == 1)
        #expect(fa.map(\.fingerprint) == fb.map(\.fingerprint))
        #expect(fa.first?.location.start != fb.first?.location.start)
    }

    @Test("JUnit: one suite per file, one case per (registration, rule), one failure element per failing case")
    func junitShape() async throws {
        let xml = JUnitReporter().render(try await Fixtures.report(["testdata/examples/contoso-tenant-export.json", "testdata/malformed/truncated.json"]))
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"reglint\""))
        #expect(xml.contains("<testsuite name=\"testdata/examples/contoso-tenant-export.json\" file=\"testdata/examples/contoso-tenant-export.json\""))
        #expect(xml.contains("<error type=\"ParseError\""))
        #expect(xml.contains("name=\"REG202 redirect-uri-insecure-http: Contoso HR Portal (04041111-aaaa-2222-bbbb-3333cccc4404)\""))
        #expect(!xml.contains("<![CDATA["))
    }

    @Test("JUnit: the same app twice in one file gives its second cases names of their own ([pointer]), whole and streamed")
    func junitRepeatedNames() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let app = #"{"appId": "00001111-aaaa-2222-bbbb-3333cccc4444", "displayName": "Twice", "isFallbackPublicClient": true, "web": {"redirectUris": ["http://twice.contoso.com/cb"]}}"#
        try scratch.write(#"{"value": [\#(app), \#(app)]}"#, to: "applications.json")
        let report = try await Fixtures.report(["applications.json"]) { $0.currentDirectory = scratch.url.path }
        let xml = JUnitReporter().render(report)
        let names = xml.split(separator: "\n").compactMap { line -> Substring? in
            guard line.contains("<testcase "), let start = line.range(of: " name=\"") else { return nil }
            return line[start.upperBound...].prefix { $0 != "\"" }
        }
        #expect(names.count > 2)
        #expect(Set(names).count == names.count)
        #expect(names.filter { $0.hasSuffix(" [/value/1]") }.count == names.count / 2)
        #expect(!names.contains { $0.hasSuffix(" [/value/0]") })
        // The streamed document (its suite spilled to disk as it goes) is the same.
        var options = StreamedRunTests.options(["applications.json"], in: scratch.url.path)
        options.discoverConfiguration = false
        try await StreamedRunTests.check(options, held: 0)
    }

    @Test("XML escaping drops characters XML 1.0 forbids and escapes markup")
    func xmlEscaping() {
        #expect(XMLText.escape("a<b>&\"'\u{01}\u{FFFE}]]>") == "a&lt;b&gt;&amp;&quot;&apos;\u{FFFD}\u{FFFD}]]&gt;")
        #expect(XMLText.attribute("line1\nline2") == "line1 line2")
    }

    @Test("XML escaping on bytes equals escaping scalar by scalar, over 5,000 random texts near U+FFFE and the markup characters")
    func xmlEscapingOnBytes() {
        // The definition, scalar by scalar (what the byte version replaced).
        func reference(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&apos;"
                case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
                default:
                    let v = scalar.value
                    if v < 0x20 || v == 0xFFFE || v == 0xFFFF { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
                }
            }
            return out
        }
        let alphabet: [Unicode.Scalar] = ["a", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{00}", "\u{1F}", " ", "é", "\u{EFFF}", "\u{F000}",
                                          "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{FEFF}", "\u{1F600}", "\u{10FFFF}", "]"]
        var generator = SeededGenerator(state: 2026_12_06)
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) { text.unicodeScalars.append(alphabet.randomElement(using: &generator) ?? "a") }
            #expect(XMLText.escape(text) == reference(text), "\(Array(text.unicodeScalars))")
        }
    }
}

@Suite("GitHub annotations")
struct GitHubReporterTests {
    @Test("findings and input errors become workflow commands, escaped, at repo-relative paths")
    func commands() async throws {
        let report = try await Fixtures.report(["testdata/examples/contoso-tenant-export.json", "testdata/malformed/missing-comma.json"])
        let text = GitHubReporter().renderMasked(report)
        #expect(text.contains("::error file=testdata/examples/contoso-tenant-export.json,line=219,col=11,endLine=219,endColumn=41,title=REG202 redirect-uri-insecure-http::Redirect URI 'http://hr.contoso.com/legacy' of 'Contoso HR Portal' uses the scheme 'http' on the host 'hr.contoso.com', which is not loopback: the authorization code travels unencrypted and can be read or changed on the way; use https.\n"))
        #expect(text.contains("::notice file=testdata/examples/contoso-tenant-export.json,"))
        #expect(text.contains("::error file=testdata/malformed/missing-comma.json,title=reglint REGN001 InputUnreadable,line=5,col=3::not valid JSON"))
        #expect(text.split(separator: "\n").count == report.findings.count + 1)
        #expect(GitHubReporter.escapeData("a%b\nc") == "a%25b%0Ac")
        #expect(!text.contains("FAKE-not-a-real-secret-value-0001"))
    }
}

@Suite("Audit data")
struct AuditDataTests {
    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func sha256() {
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("inventories list each credential with its lifetime and status, and each permission with its type")
    func inventories() async throws {
        let report = try await Fixtures.report(["testdata/examples/contoso-tenant-export.json"]) { $0.collectInventory = true }
        let file = try #require(report.result.files.first)
        #expect(file.sha256?.count == 64)
        let postman = try #require(file.registrations.first { $0.reference.displayName == "Contoso FHIR Postman Client" })
        let secret = try #require(postman.inventory.credentials.first)
        #expect(secret.kind == .secret)
        #expect(secret.lifetimeDays == 182)
        #expect(secret.daysLeft == 9)
        #expect(secret.status == .expiringSoon)
        let fhir = try #require(postman.inventory.permissions.first { $0.resourceAppId == "4f6778d8-5aef-43dc-a1ff-b073724b9495" })
        #expect(fhir.resourceName == "Azure Healthcare APIs")
        let batch = try #require(file.registrations.first { $0.reference.displayName == "Contoso Legacy Batch" })
        #expect(batch.inventory.credentials.first?.status == .neverExpires)
    }
}

@Suite("GitLab Code Quality")
struct CodeQualityReporterTests {
    @Test("one issue per finding and per unreadable input, unique fingerprints, GitLab's severities and fields")
    func issues() async throws {
        let report = try await Fixtures.report(["testdata/examples/contoso-tenant-export.json", "testdata/malformed/missing-comma.json"])
        let text = CodeQualityReporter().renderMasked(report)
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(issues.count == report.findings.count + 1)
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == issues.count)
        #expect(issues.allSatisfy { ["info", "minor", "major", "critical", "blocker"].contains($0["severity"] as? String ?? "") })
        let reg202 = try #require(issues.first { $0["check_name"] as? String == "reglint/REG202" })
        let location = try #require(reg202["location"] as? [String: Any])
        #expect(location["path"] as? String == "testdata/examples/contoso-tenant-export.json")
        #expect((location["lines"] as? [String: Int])?["begin"] == 219)
        #expect(reg202["severity"] as? String == "critical")
        #expect(issues.contains { $0["check_name"] as? String == "reglint/REGN001" })
        #expect(!text.contains("FAKE-not-a-real-secret-value-0001"))
    }
}

@Suite("Not evaluated in every output")
struct NotEvaluatedOutputTests {
    @Test("an export without owners reports REG601 as not evaluated, with the reason, in text, SARIF and JUnit; never a pass")
    func ownersAbsent() async throws {
        let report = try await Fixtures.report(["testdata/rules/REG202/flag.json"])
        let outcome = try #require(report.result.files.first?.registrations.first?.outcomes.first { $0.ruleID == "REG601" })
        guard case .notEvaluated(let reason) = outcome.status else { Issue.record("REG601 is \(outcome.status)"); return }
        #expect(reason == "'owners' is absent from this export")
        #expect(TextReporter(verbose: true).render(report).contains("note: REG601 was not evaluated for 'Contoso Billing Web (00001111-aaaa-2222-bbbb-3333cccc4444)': 'owners' is absent from this export"))
        #expect(TextReporter().render(report).contains("not evaluated"))
        let sarif = SARIFReporter().render(report)
        #expect(sarif.contains("REG601 was not evaluated for 'Contoso Billing Web (00001111-aaaa-2222-bbbb-3333cccc4444)': 'owners' is absent from this export."))
        #expect(sarif.contains("\"id\": \"REGN002\""))
        let junit = JUnitReporter().render(report)
        #expect(junit.contains("name=\"REG601 owner-count: Contoso Billing Web (00001111-aaaa-2222-bbbb-3333cccc4444)\" time=\"0\">\n      <skipped message=\"Not evaluated: &apos;owners&apos; is absent from this export.\">"))
    }
}

@Suite("SARIF notifications at scale")
struct SARIFGroupingTests {
    @Test("many registrations of one file not evaluated by one rule for one reason are one notification with the count")
    func grouped() async throws {
        let apps = (0..<25).map { k in
            #"{"appId": "\#(String(format: "%08x", k))-aaaa-2222-bbbb-3333cccc4444", "displayName": "App \#(k)", "web": {"redirectUris": ["https://app\#(k).contoso.com/cb"]}}"#
        }
        let text = #"{"value": ["# + apps.joined(separator: ",") + "]}"
        let report = try await Fixtures.report([]) { options in
            options.inputs = [InputFile(displayPath: "many.json", reportPath: "many.json", source: .bytes(Array(text.utf8)), named: true)]
        }
        #expect(report.diagnostics.filter { $0.kind == .ruleNotEvaluated && $0.ruleID == "REG601" }.count == 25)
        let sarif = SARIFReporter().render(report)
        #expect(sarif.components(separatedBy: "REG601 was not evaluated for").count == 2)
        #expect(sarif.contains("REG601 was not evaluated for 25 registrations of this file (the first: 'App 0 (00000000-aaaa-2222-bbbb-3333cccc4444)'): 'owners' is absent from this export."))
    }
}

@Suite("Text grouping")
struct TextGroupingTests {
    @Test("two findings on one credential stay two findings, grouped under the credential in the text output")
    func credentialGroup() async throws {
        let report = try await Fixtures.report(["testdata/rules/REG303/flag.json"])
        let text = TextReporter().render(report)
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.contains(": credential ") && $0.hasSuffix("findings") })
        #expect(lines[header + 1].hasPrefix("  testdata/rules/REG303/flag.json:"))
        #expect(lines[header + 2].hasPrefix("  testdata/rules/REG303/flag.json:"))
        #expect(report.findings.filter { $0.ruleID == "REG303" || $0.ruleID == "REG304" }.count >= 2)
    }
}

/// The small text helpers every report runs per message and path, against what they stand for.
@Suite("Report text helpers")
struct ReportTextHelperTests {
    /// `LintReport.sentence` as it read before its byte test: capitalised first character, one full stop.
    static func referenceSentence(_ text: String) -> String {
        var t = text
        if let first = t.first, first.isLowercase { t = first.uppercased() + t.dropFirst() }
        return t.hasSuffix(".") ? t : t + "."
    }

    @Test("a sentence is capitalised and ends with one full stop, whatever its first and last characters", arguments: [
        "Done.", "done.", "done", "'x' is absent.", "'x' is absent", "", ".", "a", "A", "é is here.", "Éa.", "1 owner.", "ß.",
        "ends with e\u{301}.", "ends with .\u{301}", "ends \u{0600}.", "x\r.", "Q~ found", "already.\u{200D}.", "'\u{345}x.", "'\u{345}",
    ])
    func sentence(_ text: String) {
        #expect(LintReport.sentence(text) == Self.referenceSentence(text))
    }

    @Test("the URI byte test leaves exactly RFC 3986's unreserved bytes and / as they are, for every byte")
    func unreservedBytes() {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
        for byte in 0...255 {
            #expect(URIEncoding.isUnreserved(UInt8(byte)) == unreserved.contains(UInt8(byte)), "\(byte)")
        }
        #expect(URIEncoding.relative("a b/é.json") == "a%20b/%C3%A9.json")
        #expect(URIEncoding.relative("tenant/Applications/x_y-z~1.json") == "tenant/Applications/x_y-z~1.json")
    }

    @Test("a SARIF notification's message written in pieces is its text escaped whole, for checks not evaluated and set messages")
    func notificationText() {
        let positions: [SourcePosition?] = [nil, SourcePosition(line: 12, column: 7, offset: 99)]
        let paths = ["tenant/a.json", "we\"ird\\path\n/é.json"]
        var diagnostics: [Diagnostic] = []
        for rule in ["REG311", "", "a", "abc", "É", "R", "1x", "'q"] {
            for registration in ["App (id)", "say \"hi\"\t\u{1}", "é\u{301}"] {
                for reason in ["'x' is absent from this export.", "", ".", "no stop", ".\u{301}", "\u{301}", "quote \" and \\"] {
                    for position in positions {
                        diagnostics.append(Diagnostic(notEvaluated: rule, registration: registration, reason: reason, path: paths[1], reportPath: paths[diagnostics.count % 2],
                                                      isOutsideRoot: false, position: position))
                    }
                }
            }
        }
        for message in ["lower case start", "Done.", "ends .\u{301}", "", "é first", "\u{1} control"] {
            for position in positions {
                diagnostics.append(Diagnostic(kind: .inputNotice, path: paths[0], reportPath: paths[diagnostics.count % 2], position: position, message: message))
            }
        }
        var folded = diagnostics[0]
        folded.message = "REG311 was not evaluated for 3 registrations of this file"
        diagnostics.append(folded)
        for diagnostic in diagnostics {
            var pieces: [UInt8] = []
            SARIFReporter.appendText(of: diagnostic, to: &pieces)
            var whole: [UInt8] = []
            JSONText.append(SARIFReporter.text(of: diagnostic), to: &whole)
            #expect(pieces == whole, "\(SARIFReporter.text(of: diagnostic))")
        }
    }
}
