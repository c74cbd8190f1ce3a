import Foundation
import RuleSchema
import Testing
@testable import RegLintKit

/// REG604's first-party name comparison and the two tables the FIC and impersonation rules read:
/// both sides of the comparison, and that every shipped row has what the rules rely on.
@Suite("Look-alike names and the first-party and issuer tables")
struct LookalikeNameTests {
    static let names = ["Microsoft Teams", "Azure Portal", "Office 365 Exchange Online", "OneNote", "Microsoft Azure CLI"]

    @Test("the same name however written, and one or two letters off once long enough", arguments: [
        ("Microsoft Teams", "Microsoft Teams"),
        ("microsoft-teams", "Microsoft Teams"),
        ("MICROSOFT  TEAMS!", "Microsoft Teams"),
        ("Micr0soft Teams", "Microsoft Teams"),
        ("Microsft Teams", "Microsoft Teams"),
        ("azure_portal", "Azure Portal"),
        ("Azure Portals", "Azure Portal"),
        ("0ffice 365 Exchange 0nline", "Office 365 Exchange Online"),
        ("Office 365 Exchang Onlin", "Office 365 Exchange Online"),
        ("One-Note", "OneNote"),
    ])
    func matches(_ name: String, _ expected: String) {
        #expect(LookalikeName.match(name, in: Self.names) == expected)
    }

    @Test("other names do not match", arguments: [
        "Contoso Teams Bot", "Microsoft Teams Sync Helper", "OneNotes", "Azure Portal Export Tool", "Contoso", "", "---",
        "Office 365 Exchange", String(repeating: "Microsoft Teams ", count: 2_000),
    ])
    func differs(_ name: String) {
        #expect(LookalikeName.match(name, in: Self.names) == nil)
    }

    @Test("edit distance stops early past its limit")
    func distance() {
        #expect(LookalikeName.editDistance(LookalikeName.folded("kitten"), LookalikeName.folded("sitting"), limit: 5) == 3)
        #expect(LookalikeName.editDistance(LookalikeName.folded("abcdef"), LookalikeName.folded("uvwxyz"), limit: 1) > 1)
        #expect(LookalikeName.editDistance([], LookalikeName.folded("abc"), limit: 1) == 3)
    }

    @Test("the banded edit distance agrees with the whole table: exact within the limit, above it otherwise")
    func bandedDistance() {
        func full(_ a: [LookalikeName.Letter], _ b: [LookalikeName.Letter]) -> Int {
            var previous = Array(0...b.count)
            for i in 1...max(1, a.count) where !a.isEmpty {
                var current = [i] + Array(repeating: 0, count: b.count)
                for j in stride(from: 1, through: b.count, by: 1) {
                    current[j] = min(previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), previous[j] + 1, current[j - 1] + 1)
                }
                previous = current
            }
            return previous[b.count]
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let a = (0..<Int.random(in: 0...12, using: &generator)).map { _ in LookalikeName.Letter(Int.random(in: 97...99, using: &generator)) }
            let b = (0..<Int.random(in: 0...12, using: &generator)).map { _ in LookalikeName.Letter(Int.random(in: 97...99, using: &generator)) }
            let exact = full(a, b)
            for limit in 0...3 {
                let banded = LookalikeName.editDistance(a, b, limit: limit)
                if exact <= limit { #expect(banded == exact, "\(a) \(b) \(limit)") } else { #expect(banded > limit, "\(a) \(b) \(limit)") }
            }
        }
    }

    @Test("ASCII names fold byte by byte to what the Character path gives", arguments: [
        "Microsoft Teams", "MICR0S0FT-T3AMS!", "Ofﬁce 365", "Müller Ärzte", "e\u{301}clair", "Ωmega 12|5$@",
    ])
    func foldingPaths(_ name: String) {
        // A non-ASCII tail sends the whole name down the Character path; the ASCII prefix must
        // fold the same either way.
        let ascii = String(name.unicodeScalars.filter(\.isASCII))
        let withTail = LookalikeName.folded(ascii + "é")
        #expect(Array(withTail.dropLast()) == LookalikeName.folded(ascii))
        #expect(LookalikeName.folded(name).count <= name.count)
    }

    static func table(_ name: String) throws -> DataTable {
        let file = try #require(embeddedDataFiles.first { $0.path.hasSuffix("/\(name).json") })
        return try DataTable.parse(file.text, file: file.path)
    }

    @Test("first-party apps: a name, a GUID app id and a source on every row, names and ids unique")
    func firstPartyApps() throws {
        let table = try Self.table("first-party-apps")
        #expect(table.entries.count >= 30)
        var names = Set<String>(), ids = Set<String>()
        for entry in table.entries {
            let name = try #require(entry["value"]?.string)
            let appId = try #require(entry["appId"]?.string)
            #expect(SecretValue.isGUID(appId), "\(name): \(appId)")
            let source = entry["source"]?.string ?? ""
            #expect(source.count > 10, "\(name) has no source")
            #expect(names.insert(LookalikeName.folded(name).map(String.init).joined(separator: ",")).inserted, "\(name) twice")
            #expect(ids.insert(appId.lowercased()).inserted, "\(appId) twice")
        }
        #expect(ids.contains("00000003-0000-0000-c000-000000000000"))
        #expect(RuleSet.dataLists["first-party-apps"]?.contains("Azure Portal") == true)
    }

    @Test("federated issuers: REG312's default knownIssuers is the table, and each row has a platform, subject form and source")
    func federatedIssuers() throws {
        let table = try Self.table("federated-issuers")
        for entry in table.entries {
            let issuer = try #require(entry["value"]?.string)
            #expect(issuer.hasPrefix("https://"), "\(issuer)")
            for column in ["platform", "subject", "source"] {
                let text = entry[column]?.string ?? ""
                #expect(text.count > 5, "\(issuer) has no \(column)")
            }
        }
        let rule = try #require(try RuleSet.builtIn().rules.first { $0.id == "REG312" })
        guard case .list(let known)? = rule.spec.params["knownIssuers"] else { Issue.record("knownIssuers is not a list"); return }
        #expect(known.count == table.entries.count)
        for (issuer, expected) in [
            ("https://accounts.google.com", true), ("https://cognito-identity.amazonaws.com", true),
            ("https://vstoken.dev.azure.com/aaaabbbb-0000-cccc-1111-dddd2222eeee", true),
            ("https://eastus.oic.prod-aks.azure.com/aaaabbbb-0000-cccc-1111-dddd2222eeee/11112222-bbbb-3333-cccc-4444dddd5555/", true),
            ("https://idp.example.net", false), ("https://accounts.google.com.evil.example", false),
        ] {
            let matched = known.contains { if case .string(let pattern) = $0 { IssuerPattern.matches(pattern, issuer) } else { false } }
            #expect(matched == expected, "\(issuer)")
        }
    }
}
