import Foundation
import Testing
@testable import RegLintKit
import RuleSchema

/// Lints inline bytes (any encoding) with the built-in rules.
private func lint(_ bytes: [UInt8], name: String = "inline") throws -> FileResult {
    let input = InputFile(displayPath: name, reportPath: name, source: .bytes(bytes), named: true)
    return Linter(rules: try RuleSet.builtIn(), now: Fixtures.now, parallelism: 1).lint(input)
}

private func positions(_ result: FileResult, _ rule: String) -> [String] {
    result.registrations.flatMap(\.findings).filter { $0.ruleID == rule }.map { "\($0.location.start.line):\($0.location.start.column)" }
}

@Suite("Input formats")
struct FormatTests {
    static let legacy = """
        {
          "appId": "00001111-aaaa-2222-bbbb-3333cccc4444",
          "name": "Legacy Demo",
          "allowPublicClient": true,
          "oauth2AllowImplicitFlow": true,
          "replyUrlsWithType": [ { "url": "http://demo.contoso.com/legacy", "type": "Web" }, { "url": "https://*.contoso.com/spa", "type": "Spa" } ],
          "passwordCredentials": [ { "endDate": "2299-12-31T00:00:00Z", "keyId": "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb", "startDate": "2026-01-01T00:00:00Z", "value": null } ]
        }
        """

    @Test("a collection adapted on several threads: the same format, registrations, truncations and report as on one")
    func parallelAdapt() throws {
        let shallow = #"{"AppId": "00001111-aaaa-2222-bbbb-3333cccc0000", "DisplayName": "Shallow", "Web": {"ImplicitGrantSettings": "Microsoft.Graph.PowerShell.Models.MicrosoftGraphImplicitGrantSettings", "RedirectUris": ["https://a.contoso.com/"]}, "PasswordCredentials": ["Microsoft.Graph.PowerShell.Models.MicrosoftGraphPasswordCredential"]}"#
        let graph = #"{"appId": "00001111-aaaa-2222-bbbb-3333cccc4444", "displayName": "Graph", "isFallbackPublicClient": true, "web": {"redirectUris": ["http://g.contoso.com/"]}}"#
        let count = InputAdapter.parallelCollectionSize + 77
        let objects = (0..<count).map { k in [shallow, graph, FormatTests.legacy][k % 3] }
        let bytes = Array(("[\n" + objects.joined(separator: ",\n") + "\n]").utf8)
        let one = InputAdapter(parallelism: 1).adapt(bytes, name: "c.json", path: nil, walked: false)
        let four = InputAdapter(parallelism: 4).adapt(bytes, name: "c.json", path: nil, walked: false)
        guard case .success(let a) = one, case .success(let b) = four else { Issue.record("not adapted"); return }
        #expect(a.adapted.format == .powerShellJSON && b.adapted.format == .powerShellJSON)
        #expect(a.adapted.registrations.count == count && b.adapted.registrations.count == count)
        #expect(a.adapted.truncations.count == 2 * ((count + 2) / 3))
        #expect(a.adapted.truncations == b.adapted.truncations)
        let input = InputFile(displayPath: "c.json", reportPath: "c.json", source: .bytes(bytes), named: true)
        let rules = try RuleSet.builtIn()
        let reports = [1, 4].map { jobs in
            let result = Linter(rules: rules, now: Fixtures.now, parallelism: jobs).lint(input)
            return JSONReporter().render(LintReport(toolVersion: "0", rules: rules.rules.map(\.spec), result: LintResult(files: [result]), now: Fixtures.now, failOn: .error))
        }
        #expect(reports[0] == reports[1])
        #expect(reports[0].contains("REG101"))
    }

    @Test("legacy AAD Graph manifests map onto the canonical model")
    func legacyManifest() throws {
        let result = try lint(Array(Self.legacy.utf8))
        #expect(result.format == .legacyManifest)
        let registration = try #require(result.registrations.first)
        #expect(registration.reference.displayName == "Legacy Demo")
        // REG310: the secret has no end date; REG701: the file is in the legacy format itself.
        #expect(Set(registration.findings.map(\.ruleID)) == ["REG101", "REG104", "REG201", "REG202", "REG303", "REG304", "REG310", "REG701"])
        #expect(positions(result, "REG101") == ["4:24"])
        #expect(positions(result, "REG104") == ["5:30"])
        #expect(positions(result, "REG202") == ["6:35"])
        let reg202 = try #require(registration.findings.first { $0.ruleID == "REG202" })
        #expect(reg202.location.pointer == "/replyUrlsWithType/0/url")
        #expect(positions(result, "REG303") == ["7:41"])
        // No description in legacy credentials: REG309 is not evaluated, not failed.
        #expect(registration.outcomes.contains { $0.ruleID == "REG309" && { if case .notEvaluated = $0.status { true } else { false } }($0) })
    }

    static let powerShell = """
        {
            "AppId":  "00001111-aaaa-2222-bbbb-3333cccc4444",
            "DisplayName":  "PS Demo",
            "IsFallbackPublicClient":  true,
            "Web":  {
                        "ImplicitGrantSetting":  { "EnableAccessTokenIssuance":  true },
                        "RedirectUri":  "http://demo.contoso.com/legacy"
                    },
            "KeyCredentials":  null,
            "PasswordCredentials":  {
                                        "DisplayName":  "ci",
                                        "EndDateTime":  "\\/Date(10413705600000)\\/",
                                        "StartDateTime":  { "value": "\\/Date(1767225600000)\\/", "DisplayHint": 2 },
                                        "KeyId":  "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb"
                                    }
        }
        """

    @Test("PowerShell JSON: PascalCase, Az singular names, /Date(ms)/, unwrapped arrays, nulls")
    func powerShellJSON() throws {
        let result = try lint(Array(Self.powerShell.utf8))
        #expect(result.format == .powerShellJSON)
        #expect(result.truncations.isEmpty)
        let registration = try #require(result.registrations.first)
        #expect(Set(registration.findings.map(\.ruleID)) == ["REG101", "REG104", "REG202", "REG303", "REG304", "REG310"])
        #expect(positions(result, "REG202") == ["7:33"])
        #expect(positions(result, "REG303") == ["12:49"])
    }

    @Test("UTF-16LE and UTF-16BE files with a BOM lint with the same positions as UTF-8", arguments: ["utf-16-le", "utf-16-be"])
    func utf16(_ encoding: String) throws {
        let text = Self.powerShell.replacingOccurrences(of: "\n", with: "\r\n")
        let bom: [UInt8] = encoding == "utf-16-le" ? [0xFF, 0xFE] : [0xFE, 0xFF]
        var units: [UInt8] = []
        for unit in text.utf16 {
            let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            units += encoding == "utf-16-le" ? pair : pair.reversed()
        }
        let result = try lint(bom + units)
        #expect(result.error == nil)
        #expect(positions(result, "REG202") == ["7:33"])
        #expect(positions(result, "REG303") == ["12:49"])
    }

    @Test("a depth-cut PowerShell export is 'export too shallow', never clean, and exits 2")
    func depthCutJSON() async throws {
        let text = """
            {
              "AppId": "00001111-aaaa-2222-bbbb-3333cccc4444",
              "DisplayName": "Shallow",
              "Web": { "ImplicitGrantSettings": "Microsoft.Graph.PowerShell.Models.MicrosoftGraphImplicitGrantSettings", "RedirectUris": ["https://a.contoso.com/"] },
              "PasswordCredentials": [ "Microsoft.Graph.PowerShell.Models.MicrosoftGraphPasswordCredential" ]
            }
            """
        let result = try lint(Array(text.utf8))
        #expect(result.truncations.map(\.property) == ["web.implicitGrantSettings", "passwordCredentials[0]"])
        #expect(result.truncations.first?.position.line == 4)
        let registration = try #require(result.registrations.first)
        let skipped = registration.outcomes.filter { if case .notEvaluated = $0.status { true } else { false } }.map(\.ruleID)
        #expect(skipped.contains("REG104"))
        #expect(skipped.contains("REG303"))
        let report = LintReport(toolVersion: "0", rules: try RuleSet.builtIn().rules.map(\.spec), result: LintResult(files: [result]), now: Fixtures.now, failOn: .error)
        #expect(report.exitCode == 2)
        #expect(TextReporter().render(report).contains("inline:4:37: error: export too shallow: 'web.implicitGrantSettings'"))
    }

    static let cliXml = """
        <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
          <Obj RefId="0">
            <TN RefId="0">
              <T>Microsoft.Graph.PowerShell.Models.MicrosoftGraphApplication</T>
              <T>System.Object</T>
            </TN>
            <Props>
              <S N="AppId">00001111-aaaa-2222-bbbb-3333cccc4444</S>
              <S N="DisplayName">CliXml_x0020_Demo</S>
              <B N="IsFallbackPublicClient">true</B>
              <Obj N="Web" RefId="1">
                <Props>
                  <Obj N="RedirectUris" RefId="2"><LST><S>https://demo.contoso.com/x</S><S>http://demo.contoso.com/legacy</S></LST></Obj>
                </Props>
              </Obj>
              <Obj N="PasswordCredentials" RefId="3">
                <LST>
                  <Obj RefId="4">
                    <Props>
                      <S N="DisplayName">ci</S>
                      <DT N="EndDateTime">2299-12-31T00:00:00.0000000-08:00</DT>
                      <G N="KeyId">aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb</G>
                      <Nil N="SecretText" />
                      <DT N="StartDateTime">2026-01-01T00:00:00Z</DT>
                    </Props>
                  </Obj>
                </LST>
              </Obj>
            </Props>
          </Obj>
        </Objs>
        """

    @Test("CliXml through libxml2: typed elements, lists, positions from element lines")
    func cliXmlApplication() throws {
        let result = try lint(Array(Self.cliXml.utf8), name: "app.xml")
        #expect(result.error == nil)
        #expect(result.format == .cliXml)
        let registration = try #require(result.registrations.first)
        #expect(registration.reference.displayName == "CliXml Demo")
        #expect(Set(registration.findings.map(\.ruleID)) == ["REG101", "REG202", "REG303", "REG304", "REG310"])
        #expect(positions(result, "REG101") == ["10:7"])
        #expect(positions(result, "REG202") == ["13:81"])
        #expect(positions(result, "REG303") == ["21:15"])
        let reg202 = try #require(registration.findings.first { $0.ruleID == "REG202" })
        #expect(reg202.location.pointer == "/0/Web/RedirectUris/1")
        #expect(reg202.location.end.column == 81 + "<S>http://demo.contoso.com/legacy</S>".count)
    }

    @Test("a depth-cut CliXml export is 'export too shallow'")
    func depthCutCliXml() throws {
        let text = Self.cliXml.replacingOccurrences(of: "<Obj N=\"Web\" RefId=\"1\">", with: "<S N=\"Web\">Microsoft.Graph.PowerShell.Models.MicrosoftGraphWebApplication</S><Obj N=\"Unused\" RefId=\"1\">")
        let result = try lint(Array(text.utf8), name: "app.xml")
        #expect(result.truncations.map(\.property) == ["web"])
        #expect(result.truncations.first?.position.line == 11)
    }

    struct Hostile: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        var testDescription: String { name }
    }

    @Test("XML with a DTD, an external entity or entity expansion is rejected quickly, with no network", arguments: [
        Hostile(name: "external entity", text: "<?xml version=\"1.0\"?>\n<!DOCTYPE Objs [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Objs><Obj><Props><S N=\"AppId\">&x;</S></Props></Obj></Objs>"),
        Hostile(name: "external DTD over http", text: "<?xml version=\"1.0\"?>\n<!DOCTYPE Objs SYSTEM \"http://127.0.0.1:9/x.dtd\">\n<Objs/>"),
        Hostile(name: "billion laughs", text: "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n" + (1...9).map { i in " <!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">" }.joined(separator: "\n") + "\n]>\n<Objs><S>&lol9;</S></Objs>"),
    ])
    func hostileXML(_ hostile: Hostile) throws {
        let start = Date()
        let result = try lint(Array(hostile.text.utf8), name: "hostile.xml")
        #expect(Date().timeIntervalSince(start) < 1)
        let error = try #require(result.error)
        #expect(error.kind == .malformed)
        #expect(error.message.contains("DTD"))
        #expect(error.position?.line == 2)
    }

    @Test("malformed XML names line and column")
    func malformedXML() throws {
        let result = try lint(Array("<Objs>\n  <Obj>\n</Objs>\n".utf8), name: "bad.xml")
        let error = try #require(result.error)
        #expect(error.message.hasPrefix("not well-formed XML"))
        #expect(error.position?.line == 4)
    }
}

@Suite("Redirect URI parts")
struct RedirectURIParserTests {
    @Test("scheme, host, loopback and wildcard", arguments: [
        ("https://App.Contoso.com/signin-oidc", "https", "app.contoso.com", false, false),
        ("http://localhost:5000/cb", "http", "localhost", true, false),
        ("http://127.0.0.42/cb", "http", "127.0.0.42", true, false),
        ("http://[::1]:8400/", "http", "[::1]", true, false),
        ("https://user@host.contoso.com:443/p?q=1#f", "https", "host.contoso.com", false, false),
        ("https://*.contoso.com/cb", "https", "*.contoso.com", false, true),
        ("  https://x.contoso.com  ", "https", "x.contoso.com", false, false),
        ("urn:ietf:wg:oauth:2.0:oob", "urn", "", false, false),
        ("msal00001111-aaaa-2222-bbbb-3333cccc4444://auth", "msal00001111-aaaa-2222-bbbb-3333cccc4444", "auth", false, false),
        ("not a uri", "", "", false, false),
        ("http://127.0.0.1.evil.com/", "http", "127.0.0.1.evil.com", false, false),
    ])
    func parts(_ uri: String, _ scheme: String, _ host: String, _ loopback: Bool, _ wildcard: Bool) {
        let parsed = RedirectURIParser.parse(uri, platform: "web", origin: .computed)
        #expect(parsed.scheme == scheme)
        #expect(parsed.host == host)
        #expect(parsed.isLoopback == loopback)
        #expect(parsed.hasWildcard == wildcard)
    }

    @Test("a loopback host: localhost, ::1, or 127.a.b.c with each part 0 to 255", arguments: [
        ("127.0.0.1", true), ("127.255.255.255", true), ("127.000.0.001", true), ("localhost", true), ("[::1]", true),
        ("127.0.0.256", false), ("127.0.0", false), ("127.0.0.1.1", false), ("127..0.1", false), ("127.0.0.", false),
        ("0127.0.0.1", false), ("128.0.0.1", false), ("127.+1.0.1", false), ("127.-0.0.1", false),
        ("127.0.0.99999999999999999999999", false), ("", false), (".", false), ("127", false), ("127.0.0.1a", false),
    ])
    func loopback(_ host: String, _ expected: Bool) {
        #expect(RedirectURIParser.isLoopback(host) == expected)
    }
}

@Suite("Path text")
struct PathTextTests {
    @Test("the last component is what NSString gives for the paths a walk and its patterns see", arguments: [
        "a/b.json", "b.json", ".env", "x/.env.local", "a/b/", "/abs/app.json", "dir//file", "appsettings.Production.json", "",
    ])
    func lastComponent(_ path: String) {
        #expect(String(PathText.lastComponent(path)) == (path as NSString).lastPathComponent)
    }

    @Test("a double slash is found where Foundation's contains finds one", arguments: [
        "a//b", "a/b", "//", "/", "", "./a", "a/", "a///", "é//é", "/abs//", "x/y/z",
    ])
    func doubleSlash(_ path: String) {
        #expect(PathText.containsDoubleSlash(path) == path.contains("//"))
    }
}

@Suite("EntraExporter tree paths")
struct EntraExporterTreePathTests {
    @Test("an application file is <Applications>/<id>/<id>.json, the folder names compared without case, the id exactly")
    func applicationFolder() {
        #expect(EntraExporterTree.applicationFolder(of: "export/Applications/1a2b/1a2b.json") == "export/Applications/1a2b")
        #expect(EntraExporterTree.applicationFolder(of: "/abs/applications/X/X.JSON") == "/abs/applications/X")
        #expect(EntraExporterTree.applicationFolder(of: "Applications/1a2b/1a2b.json") == "Applications/1a2b")
        #expect(EntraExporterTree.applicationFolder(of: "export/Applications/1a2b/other.json") == nil)
        #expect(EntraExporterTree.applicationFolder(of: "export/Applications/1a2b/1A2B.json") == nil)
        #expect(EntraExporterTree.applicationFolder(of: "export/Apps/1a2b/1a2b.json") == nil)
        #expect(EntraExporterTree.applicationFolder(of: "1a2b/1a2b.json") == nil)
        #expect(EntraExporterTree.applicationFolder(of: "export/Applications/1a2b/1a2b.yml") == nil)
        #expect(EntraExporterTree.applicationFolder(of: "export/Applications/.json/.json") == nil)
    }

    @Test("the owners and policy folders of an application are not walked as inputs")
    func subObjectFolders() {
        #expect(EntraExporterTree.isSubObjectFolder("export/Applications/1a2b/Owners"))
        #expect(EntraExporterTree.isSubObjectFolder("/x/applications/1a2b/tokenLifetimePolicies/"))
        #expect(!EntraExporterTree.isSubObjectFolder("export/Applications/1a2b"))
        #expect(!EntraExporterTree.isSubObjectFolder("export/Groups/1a2b/Owners"))
        #expect(!EntraExporterTree.isSubObjectFolder("Owners"))
    }
}

@Suite("Trimming")
struct TextTrimTests {
    static let samples = [
        "", " ", "\t", "  a b  ", "\u{00A0}x\u{2003}", "\u{3000}全角\u{3000}", "\n value \r\n", "\u{2028}s\u{2029}", "\u{0085}n\u{000B}",
        "e\u{301} ", " \u{301}", "no-trim", "\t\ttabs\t", "\u{200B}zero-width\u{200B}", "\u{FEFF}bom",
    ]

    @Test("the same as Foundation's whitespace sets, looking only at the ends", arguments: samples)
    func sameAsFoundation(_ text: String) {
        #expect(TextTrim.spaces(text) == text.trimmingCharacters(in: .whitespaces))
        #expect(TextTrim.spacesAndNewlines(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("every scalar up to U+FFFF around a letter is trimmed as Foundation trims it")
    func everyScalar() {
        var differing: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar) + "x" + String(scalar)
            if TextTrim.spaces(text) != text.trimmingCharacters(in: .whitespaces)
                || TextTrim.spacesAndNewlines(text) != text.trimmingCharacters(in: .whitespacesAndNewlines) {
                differing.append(String(value, radix: 16))
            }
        }
        #expect(differing.isEmpty, "U+\(differing.prefix(20).joined(separator: ", U+"))")
    }
}
