import CLibXML2
import Foundation
import Testing
@testable import RegLintKit
import RuleSchema

/// The audit report formats (`--format markdown`, `--format html`) over the example export.
@Suite("AuditReport")
struct AuditReportTests {
    static let secret = "FAKE-not-a-real-secret-value-0001"
    static let hrPortal = "04041111-aaaa-2222-bbbb-3333cccc4404"

    static func examples(configure: (inout LintRun.Options) -> Void = { _ in }) async throws -> LintReport {
        try await Fixtures.report(["testdata/examples"]) { options in
            options.collectInventory = true
            configure(&options)
        }
    }

    /// Parses `text` as XML with libxml2 (no network); returns the first error, or nil when well-formed.
    static func xmlError(_ text: String) -> String? {
        guard let context = xmlNewParserCtxt() else { return "libxml2 could not create a parser" }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_BIG_LINES.rawValue)
        let bytes = Array(text.utf8)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlCtxtReadMemory(context, $0.baseAddress, Int32($0.count), "audit.html", nil, options) }
        }
        defer { if let document { xmlFreeDoc(document) } }
        if let error = xmlCtxtGetLastError(context), error.pointee.level != XML_ERR_NONE {
            let message = error.pointee.message.map { String(cString: $0) } ?? "?"
            return "line \(error.pointee.line): \(message)"
        }
        guard let document, context.pointee.wellFormed != 0 else { return "not well-formed" }
        guard let root = xmlDocGetRootElement(document), String(cString: root.pointee.name) == "html" else { return "the root element is not <html>" }
        return nil
    }

    /// Every value of `attribute="…"` in the text.
    static func attributeValues(_ attribute: String, in text: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: "\\b\(attribute)\\s*=\\s*\"([^\"]*)\"")
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in Range(match.range(at: 1), in: text).map { String(text[$0]) } }
    }

    /// The `<tr>…</tr>` that contains `needle`.
    static func row(containing needle: String, in html: String) -> String? {
        html.components(separatedBy: "<tr>").first { $0.contains(needle) }?.components(separatedBy: "</tr>").first
    }

    @Test("HTML: well-formed XML, self-contained (no script, no external URL), with a title and charset")
    func htmlIsSelfContained() async throws {
        let html = HTMLReporter().renderMasked(try await Self.examples())
        #expect(Self.xmlError(html) == nil, "\(Self.xmlError(html) ?? "")")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta charset=\"utf-8\"/>"))
        #expect(html.contains("<title>reglint audit report, 2026-11-22</title>"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("url("))
        for attribute in ["src", "href", "xlink:href", "action", "srcset"] {
            for value in try Self.attributeValues(attribute, in: html) {
                #expect(value.hasPrefix("#"), "\(attribute)=\"\(value)\" leaves the file")
                #expect(!value.lowercased().contains("http://") && !value.lowercased().contains("https://"))
            }
        }
        #expect(try !Self.attributeValues("href", in: html).isEmpty)
        #expect(html.contains("@media print"))
    }

    @Test("HTML: summary, matrix and credential inventory with specific cells")
    func htmlSections() async throws {
        let html = HTMLReporter().renderMasked(try await Self.examples())
        for heading in ["<h2>Summary</h2>", "<h2>Check matrix</h2>", "<h2>Credential inventory</h2>", "<h2>Permission inventory</h2>",
                        "<h2>Findings by registration</h2>", "<h2>Suppressions</h2>", "<h2>Not evaluated</h2>", "<h2>Inputs</h2>"] {
            #expect(html.contains(heading), "\(heading)")
        }
        let postman = try #require(Self.row(containing: "<td>postman</td>", in: html))
        #expect(postman.contains("Contoso FHIR Postman Client"))
        #expect(postman.contains("<td class=\"num\">182</td>"))
        #expect(postman.contains("<td class=\"num\">9</td>"))
        #expect(postman.contains("⚠ expiring soon"))
        let hr = try #require(Self.row(containing: "Contoso HR Portal</a>", in: html))
        #expect(hr.contains("<td class=\"c s-fail\">✖ fail</td>"))
        #expect(hr.contains("<td class=\"c s-pass\">✔ pass</td>"))
        #expect(html.contains("<svg class=\"timeline\""))
        #expect(html.contains("▼ now 2026-11-22"))
        #expect(html.contains("✖ expired 2026-08-01"))
        #expect(html.contains("∞ never expires →"))
        #expect(html.contains("az ad app update --id \(Self.hrPortal) --enable-id-token-issuance false"))
    }

    @Test("Markdown: tables with header separators, the matrix, credential rows and fix commands")
    func markdownTables() async throws {
        let md = MarkdownReporter().renderMasked(try await Self.examples())
        #expect(md.hasPrefix("# reglint audit report\n"))
        #expect(md.contains("|---|"))
        #expect(md.contains("| Registration | REG101 | REG102 | REG103 | REG104 | REG105 | REG201 | REG202 |"))
        let lines = md.split(separator: "\n").map(String.init)
        let hr = try #require(lines.first { $0.hasPrefix("| Contoso HR Portal (\(Self.hrPortal)) | ✔ pass |") })
        #expect(hr.contains("✖ fail"))
        #expect(lines.contains("| Contoso FHIR Postman Client (01011111-aaaa-2222-bbbb-3333cccc4401) | client secret | postman | aaaaaaaa-0000-1111-2222-bbbbbbbbbb01 | 2026-06-02 | 2026-12-01 | 182 | 9 | ⚠ expiring soon |"))
        #expect(lines.contains { $0.hasPrefix("| Contoso Legacy Batch (") && $0.hasSuffix("| ∞ never expires |") })
        #expect(md.contains("| Azure Healthcare APIs (4f6778d8-5aef-43dc-a1ff-b073724b9495) | (no permission listed) | unknown |"))
        #expect(md.contains("az ad app credential delete --id 09091111-aaaa-2222-bbbb-3333cccc4409 --key-id aaaaaaaa-0000-1111-2222-bbbbbbbbbb09\n"))
        #expect(md.contains("Redirect URI 'http://hr.contoso.com/legacy' of 'Contoso HR Portal' uses the scheme 'http' on the host 'hr.contoso.com', which is not loopback: the authorization code travels unencrypted and can be read or changed on the way; use https."))
        // Every table row has as many cells as its header.
        var columns = 0
        for line in lines where line.hasPrefix("|") {
            let cells = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if line.hasPrefix("|---") || line.hasPrefix("|--:") { #expect(cells == columns); continue }
            if columns == 0 || cells != columns { columns = cells }
        }
    }

    @Test("no secret in either output, and the same report renders to the same bytes")
    func secretsAndDeterminism() async throws {
        let report = try await Self.examples()
        #expect(report.secrets.contains(Self.secret))
        for reporter in [MarkdownReporter() as any Reporter, HTMLReporter()] {
            let first = reporter.renderMasked(report)
            #expect(!first.contains(Self.secret))
            #expect(first.contains("REG301"))
            #expect(first == reporter.renderMasked(report))
        }
        let again = try await Self.examples { $0.jobs = 1 }
        #expect(HTMLReporter().renderMasked(again) == HTMLReporter().renderMasked(report))
        #expect(MarkdownReporter().renderMasked(again) == MarkdownReporter().renderMasked(report))
    }

    @Test("a suppression is listed with its reason, expiry, source and the findings it hid")
    func suppressionListed() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "reglint-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appending(path: ".reglint.yml")
        try """
            suppressions:
              - rule: REG202
                appId: \(Self.hrPortal)
                reason: "Legacy HR callback | kept until the migration (CHG-1234)"
                expires: 2027-03-31
              - rule: REG101
                appId: 05051111-aaaa-2222-bbbb-3333cccc4405
                reason: Intranet exception
            """.write(to: config, atomically: true, encoding: .utf8)
        let report = try await Self.examples { $0.configurationPath = config.path }
        let md = MarkdownReporter().renderMasked(report)
        let row = try #require(md.split(separator: "\n").first { $0.hasPrefix("| REG202 | appId=\(Self.hrPortal) |") })
        #expect(row.contains("| Legacy HR callback \\| kept until the migration (CHG-1234) | 2027-03-31 |"))
        #expect(row.contains(".reglint.yml:2:5 | 1 |"))
        #expect(md.contains("| Contoso HR Portal (\(Self.hrPortal)) |"))
        #expect(md.contains("⊘ supp"))
        #expect(md.contains("matches no finding"))
        #expect(md.contains("⊘ suppressed: Legacy HR callback \\| kept until the migration (CHG-1234) (until 2027-03-31)"))
        let html = HTMLReporter().renderMasked(report)
        #expect(Self.xmlError(html) == nil)
        #expect(html.contains("<td>Legacy HR callback | kept until the migration (CHG-1234)</td>"))
        #expect(html.contains("<td class=\"c s-supp\">⊘ supp</td>"))
    }

    @Test("hostile names stay inside their cell: escaped in Markdown, well-formed in HTML")
    func hostileNames() async throws {
        let name = #"Evil <script>alert(1)</script> | `tick` [x](https://evil.example) *b* \n# heading"#
        let app = #"{"value": [{"appId": "0000aaaa-1111-2222-3333-444455556666", "displayName": "\#(name)", "web": {"redirectUris": ["http://evil.example/cb"]}}]}"#
        let report = try await Fixtures.report([]) { options in
            options.collectInventory = true
            options.inputs = [InputFile(displayPath: "evil.json", reportPath: "evil.json", source: .bytes(Array(app.utf8)), named: true)]
        }
        let html = HTMLReporter().renderMasked(report)
        #expect(Self.xmlError(html) == nil, "\(Self.xmlError(html) ?? "")")
        #expect(!html.contains("<script"))
        let md = MarkdownReporter().renderMasked(report)
        #expect(!md.contains("<script"))
        #expect(!md.contains("\n# heading"))
        let row = try #require(md.split(separator: "\n").first { $0.hasPrefix("| Evil &lt;script&gt;") })
        #expect(row.contains(#"\| \`tick\` \[x\](https://evil.example) \*b\* <br># heading"#))
        let separators = row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
        #expect(separators == 2 + AuditReport(report).matrix.ruleIDs.count)
    }

    @Test("a long secret pasted as a name is masked before the timeline shortens the label")
    func shortenedSecretIsMasked() async throws {
        let value = "abc" + "8" + "Q~" + String(repeating: "x7_", count: 20) + "z"
        let app = #"{"appId": "00001111-aaaa-2222-bbbb-3333cccc4444", "displayName": "\#(value)", "passwordCredentials": [{"keyId": "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb", "displayName": "ci", "secretText": "\#(value)", "startDateTime": "2026-10-01T00:00:00Z", "endDateTime": "2027-01-01T00:00:00Z"}]}"#
        let report = try await Fixtures.report([]) { options in
            options.collectInventory = true
            options.inputs = [InputFile(displayPath: "x.json", reportPath: "x.json", source: .bytes(Array(app.utf8)), named: true)]
        }
        #expect(report.secrets.contains(value))
        for output in [HTMLReporter().renderMasked(report), MarkdownReporter().renderMasked(report)] {
            #expect(!output.contains(String(value.prefix(12))))
            #expect(output.contains("abc***") || output.contains(#"abc\*\*\*"#))
        }
    }

    @Test("above 200 registrations the matrix lists only failing ones, and says so")
    func largeMatrix() async throws {
        // Each app carries what exports leave out unless asked for (owners, federated credentials,
        // authenticationBehaviors, serviceManagementReference) and a real name, so that only the
        // http ones fail.
        let apps = (0..<210).map { k in
            let id = String(format: "%08x-aaaa-2222-bbbb-3333cccc4444", k)
            let uri = k % 30 == 0 ? "http://app\(k).contoso.com/cb" : "https://app\(k).contoso.com/cb"
            return #"{"appId": "\#(id)", "displayName": "Contoso App \#(k)", "signInAudience": "AzureADMyOrg", "serviceManagementReference": "CMDB-\#(k)", "owners": [{"id": "o1"}, {"id": "o2"}], "federatedIdentityCredentials": [], "authenticationBehaviors": {}, "web": {"redirectUris": ["\#(uri)"]}, "passwordCredentials": [], "keyCredentials": [{"keyId": "\#(id)", "displayName": "CN=app", "type": "AsymmetricX509Cert", "usage": "Verify", "startDateTime": "2026-10-01T00:00:00Z", "endDateTime": "2027-03-01T00:00:00Z"}]}"#
        }
        let text = #"{"value": ["# + apps.joined(separator: ",") + "]}"
        let report = try await Fixtures.report([]) { options in
            options.inputs = [InputFile(displayPath: "many.json", reportPath: "many.json", source: .bytes(Array(text.utf8)), named: true)]
        }
        let audit = AuditReport(report)
        #expect(audit.registrationCount == 210)
        #expect(audit.matrix.filtered)
        #expect(!audit.matrix.rows.isEmpty && audit.matrix.rows.count < 210)
        #expect(audit.matrix.rows.allSatisfy { $0.cells.contains { $0 == .failed } })
        let md = MarkdownReporter().render(report)
        #expect(md.contains("210 registrations is more than 200: only the \(audit.matrix.rows.count) with a failing check are listed (not-evaluated checks have their own section)."))
        #expect(Self.xmlError(HTMLReporter().render(report)) == nil)
        #expect(audit.matrix.rows.count == 7)
    }
}
