import Foundation
import Testing
@testable import RegLintKit
import RuleSchema

/// The rules with a fixture folder `testdata/rules/REGnnn/` (every folder there is tested).
private let ruleIDs: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: Fixtures.url("testdata/rules").path)) ?? [])
    .filter { $0.hasPrefix("REG") }.sorted()
/// The rules the shipped multi-app example is built to fire.
private let exampleRuleIDs = ["REG101", "REG103", "REG104", "REG201", "REG202", "REG205", "REG303", "REG304", "REG306", "REG307", "REG309", "REG401"]

@Suite("Fixtures in testdata/")
struct FixtureTests {
    @Test("every rule folder is found")
    func folders() {
        #expect(ruleIDs.count >= 12)
    }

    @Test("each rule's flag.json fires it at the expected line:column", arguments: ruleIDs)
    func flagFixture(_ id: String) throws {
        let result = try Fixtures.lint("testdata/rules/\(id)/flag.json")
        #expect(result.error == nil)
        let positions = result.registrations.flatMap(\.findings).filter { $0.ruleID == id }
            .map { "\($0.location.start.line):\($0.location.start.column)" }.sorted()
        let expected = try Fixtures.text("testdata/rules/\(id)/expected.txt").split(separator: "\n").map(String.init).filter { !$0.isEmpty }.sorted()
        #expect(positions == expected)
    }

    @Test("each rule's pass.json is clean", arguments: ruleIDs)
    func passFixture(_ id: String) throws {
        let result = try Fixtures.lint("testdata/rules/\(id)/pass.json")
        #expect(result.error == nil)
        #expect(result.registrations.count == 1)
        let findings = result.registrations.flatMap(\.findings)
        #expect(findings.isEmpty, "\(findings.map { "\($0.ruleID) \($0.message)" })")
    }

    @Test("the multi-app example fires all twelve rules at the documented places")
    func multiAppExport() throws {
        let result = try Fixtures.lint("testdata/examples/contoso-tenant-export.json")
        #expect(result.error == nil)
        #expect(result.registrations.count == 12)
        let findings = result.registrations.flatMap(\.findings)
        #expect(Set(findings.map(\.ruleID)).isSuperset(of: Set(exampleRuleIDs + ["REG301"])))
        // Every finding is listed in EXPECTED.md as `line:col` RULE severity `pointer`.
        let expected = try Fixtures.text("testdata/examples/EXPECTED.md")
        for finding in findings {
            let row = "`\(finding.location.start.line):\(finding.location.start.column)` \(finding.ruleID) \(finding.severity.rawValue) `\(finding.location.pointer)`"
            #expect(expected.contains(row), "not in EXPECTED.md: \(row)")
        }
        #expect(findings.count == 29)
        let clean = result.registrations.filter { $0.findings.isEmpty }.compactMap(\.reference.displayName)
        #expect(clean == ["Contoso Billing Web", "Fabrikam Patient Mobile", "Contoso Analytics API"])
    }

    @Test("a clean manifest gives no finding")
    func cleanManifest() throws {
        let result = try Fixtures.lint("testdata/examples/clean-manifest.json")
        #expect(result.error == nil)
        #expect(result.registrations.flatMap(\.findings).isEmpty)
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        let file: String
        let line: Int
        let column: Int
        var testDescription: String { file }
    }

    @Test("malformed inputs give a located error, never a crash", arguments: [
        Malformed(file: "truncated.json", line: 34, column: 47),
        Malformed(file: "missing-comma.json", line: 5, column: 3),
        Malformed(file: "binary.bin.json", line: 1, column: 1),
        Malformed(file: "deep-nesting.json", line: 1, column: 513),
        Malformed(file: "bad-string.json", line: 4, column: 33),
    ])
    func malformed(_ bad: Malformed) throws {
        let result = try Fixtures.lint("testdata/malformed/\(bad.file)")
        let error = try #require(result.error)
        #expect(error.kind == .malformed)
        #expect(error.position?.line == bad.line)
        #expect(error.position?.column == bad.column)
    }

    @Test("an appsettings-style file (BOM, CRLF, comments, trailing commas) lints with correct positions")
    func lenientFile() throws {
        let result = try Fixtures.lint("testdata/lenient/appsettings-style.json")
        #expect(result.error == nil)
        let registration = try #require(result.registrations.first)
        #expect(registration.reference.displayName == "Contoso Claims Web // not a comment")
        #expect(registration.findings.isEmpty)
        let doc = try JSONParser().parse(try Fixtures.bytes("testdata/lenient/appsettings-style.json"))
        let uri = try #require(doc.root.member(Array("web".utf8))?.value.member(Array("redirecturis".utf8))?.value.elements.first)
        #expect(uri.string == "https://claims.contoso.com//signin-oidc")
        let p = LineTable(bytes: doc.bytes).position(of: uri.span.start)
        #expect("\(p.line):\(p.column)" == "23:22")
    }

    @Test("a walked folder skips JSON that is not an export, and a named one is an error")
    func unrecognised() async throws {
        let named = try Fixtures.lintBytes(#"{"name": "package", "version": "1.0.0"}"#, name: "package.json")
        #expect(named.error?.kind == .unrecognized)
        #expect(named.error?.message.contains("docs/formats.md lists the formats") == true)
    }
}

@Suite("Graph JSON shapes")
struct GraphShapeTests {
    static let app = #"{"appId": "00001111-aaaa-2222-bbbb-3333cccc4444", "displayName": "A", "web": {"redirectUris": ["http://a.contoso.com/x"]}}"#

    @Test("single object, bare array, value envelope and the legacy odata.metadata envelope", arguments: [
        (Self.app, ""),
        ("[\(Self.app), \(Self.app)]", "/1"),
        (#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#applications", "value": [\#(Self.app)]}"#, "/value/0"),
        (#"{"odata.metadata": "https://graph.windows.net/t/$metadata#directoryObjects", "value": [\#(Self.app)]}"#, "/value/0"),
        (#"{"value": [\#(Self.app)]}"#, "/value/0"),
    ])
    func shapes(_ text: String, _ lastPointer: String) throws {
        let result = try Fixtures.lintBytes(text)
        #expect(result.error == nil)
        let finding = try #require(result.registrations.last?.findings.first { $0.ruleID == "REG202" })
        #expect(finding.location.pointer == lastPointer + "/web/redirectUris/0")
        #expect(result.registrations.last?.reference.pointer == lastPointer)
    }

    @Test("a paged export says so in a notice")
    func pagedExport() throws {
        let result = try Fixtures.lintBytes(#"{"value": [\#(Self.app)], "@odata.nextLink": "https://graph.microsoft.com/v1.0/applications?$skiptoken=x"}"#)
        #expect(result.notices.count == 1)
        #expect(result.notices.first?.message.contains("@odata.nextLink") == true)
    }

    @Test("null where a collection belongs is empty; a string where a list belongs counts as one element")
    func nullsAndScalars() throws {
        let text = #"{"appId": "x", "displayName": "A", "passwordCredentials": null, "keyCredentials": null, "web": {"redirectUris": ["https://a.contoso.com/"]}, "identifierUris": "api://x"}"#
        let result = try Fixtures.lintBytes(text)
        #expect(result.error == nil)
        // REG505: "api://x", the one identifier URI, names nothing unique to the tenant.
        #expect(result.registrations.first?.findings.map(\.ruleID) == ["REG103", "REG505"])
    }
}
