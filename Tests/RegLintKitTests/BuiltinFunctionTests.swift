import Foundation
import Testing
@testable import RegLintKit
import RuleSchema

/// The credential and registration built-ins, called directly with a subject, a registration and
/// the rule's parameters.
@Suite("Built-in functions")
struct BuiltinFunctionTests {
    private func node(_ json: String) throws -> ModelNode {
        .json(try JSONParser().parse(Array(json.utf8)).root)
    }

    private func holds(_ name: String, subject: ModelNode, root: ModelNode? = nil, args: [String: ParamValue] = [:], params: [String: ParamValue] = [:]) throws -> Bool {
        let function = try #require(BuiltinFunctions.standard.function(named: name))
        return function.evaluate(FunctionInput(subject: subject, root: root ?? subject, args: args, params: params, now: Fixtures.now)).holds
    }

    private static let issuers: ParamValue = .list([
        .string("https://token.actions.githubusercontent.com"), .string("https://login.microsoftonline.com/*/v2.0"),
        .string("https://*.oic.prod-aks.azure.com/*/*"), .string("https://vstoken.dev.azure.com/*"),
    ])

    @Test("issuer patterns: exact URLs, `*` for one segment's characters, one trailing slash ignored, case-insensitive")
    func issuerPatterns() {
        #expect(IssuerPattern.matches("https://token.actions.githubusercontent.com", "https://token.actions.githubusercontent.com/"))
        #expect(IssuerPattern.matches("https://login.microsoftonline.com/*/v2.0", "https://login.microsoftonline.com/aaaabbbb-0000-cccc-1111-dddd2222eeee/v2.0"))
        #expect(IssuerPattern.matches("https://*.oic.prod-aks.azure.com/*/*", "https://WestEurope.oic.prod-aks.azure.com/t1/c2/"))
        // A wildcard never spans a '/', ':', '@', '?' or '#': another host cannot hide in it.
        #expect(!IssuerPattern.matches("https://*.oic.prod-aks.azure.com/*/*", "https://evil.example/x.oic.prod-aks.azure.com/t1/c2/"))
        #expect(!IssuerPattern.matches("https://*.oic.prod-aks.azure.com/*/*", "https://evil.example#.oic.prod-aks.azure.com/t1/c2"))
        #expect(!IssuerPattern.matches("https://login.microsoftonline.com/*/v2.0", "https://login.microsoftonline.com//v2.0"))
        #expect(!IssuerPattern.matches("https://token.actions.githubusercontent.com", "https://token.actions.githubusercontent.com.evil.example"))
    }

    @Test("knownFederatedIssuer reads the subject's issuer and the knownIssuers parameter")
    func knownIssuer() throws {
        let params = ["knownIssuers": Self.issuers]
        #expect(try holds("knownFederatedIssuer", subject: node(#"{"issuer": "https://vstoken.dev.azure.com/6804a3a0-e94c-41ae-9343-c5676fd58375"}"#), params: params))
        #expect(try !holds("knownFederatedIssuer", subject: node(#"{"issuer": "https://idp.example.net"}"#), params: params))
        #expect(try !holds("knownFederatedIssuer", subject: node(#"{"subject": "x"}"#), params: params))
        #expect(try !holds("knownFederatedIssuer", subject: node(#"{"issuer": "https://vstoken.dev.azure.com/x"}"#)))
    }

    @Test("activeCredentialsOverLimit counts unexpired credentials (no end date counts, an expired one does not)")
    func activeCredentials() throws {
        let app = try node(#"""
            {"passwordCredentials": [
              {"keyId": "1", "endDateTime": "2027-01-01T00:00:00Z"},
              {"keyId": "2", "endDateTime": null},
              {"keyId": "3", "endDateTime": "2026-01-01T00:00:00Z"}
            ], "keyCredentials": null}
            """#)
        let args: [String: ParamValue] = ["collection": .string("passwordCredentials"), "limit": .string("max")]
        #expect(try holds("activeCredentialsOverLimit", subject: app, args: args, params: ["max": .number(1)]))
        #expect(try !holds("activeCredentialsOverLimit", subject: app, args: args, params: ["max": .number(2)]))
        #expect(try !holds("activeCredentialsOverLimit", subject: app, args: ["collection": .string("keyCredentials"), "limit": .string("max")], params: ["max": .number(0)]))
        #expect(try !holds("activeCredentialsOverLimit", subject: app, args: args))
    }

    @Test("matchesAnyPattern: the string at a path against a list parameter of case-insensitive regular expressions")
    func patterns() throws {
        let params: [String: ParamValue] = ["names": .list([.string("^\\W*test\\b"), .string("^\\W*m[i1]cr[o0]s[o0]ft")])]
        let args: [String: ParamValue] = ["path": .string("displayName"), "patterns": .string("names")]
        #expect(try holds("matchesAnyPattern", subject: node(#"{"displayName": "Test-App"}"#), args: args, params: params))
        #expect(try holds("matchesAnyPattern", subject: node(#"{"displayName": "MICR0SOFT Login"}"#), args: args, params: params))
        #expect(try !holds("matchesAnyPattern", subject: node(#"{"displayName": "Contoso Test Runner"}"#), args: args, params: params))
        #expect(try !holds("matchesAnyPattern", subject: node(#"{"displayName": null}"#), args: args, params: params))
        // A pattern that is not a regular expression matches nothing.
        #expect(try !holds("matchesAnyPattern", subject: node(#"{"displayName": "x("}"#), args: args, params: ["names": .list([.string("x(")])]))
        #expect(try holds("matchesAnyPattern", subject: node(#"{"info": {"name": "Test"}}"#), args: ["path": .string("info.name"), "patterns": .string("names")], params: params))
    }

    @Test("a pattern list searched as one (joined where that reads the same) matches exactly where one of its patterns does")
    func joinedPatterns() throws {
        let rules = try RuleSet.builtIn().rules
        var lists: [[String]] = []
        for (id, name) in [("REG603", "placeholderNamePatterns"), ("REG604", "impersonationPatterns")] {
            guard case .list(let values)? = rules.first(where: { $0.id == id })?.spec.params[name] else { Issue.record("\(id) has no \(name)"); return }
            lists.append(values.compactMap { if case .string(let s) = $0 { s } else { nil } })
        }
        // Patterns that must not be joined (their meaning would change) or that ICU refuses.
        lists.append(["(a)\\1", "^b"])
        lists.append(["a)|(b", "^c"])
        lists.append(["(?i)x", "y(?x) # )", "z"])
        lists.append(["[]a]", "q"])
        lists.append(["x{2,1}", "^w", "(?<n>v)"])
        lists.append(["\\Q(\\E", "^r", "s$"])
        lists.append(["(?:abc|de)f?", "[(]g", "h\\)"])
        lists.append(["^a|zz", "^c", "^[|]d", "ee$"])
        // Patterns with no literal to search for: joined, those anchored at the start apart.
        lists.append(["^\\W*[0-9]+\\b", "^[a-c]x?$", "\\b[xyz]{3}\\b"])
        #expect(!ParamPatterns.joinsSafely("(a)\\1") && !ParamPatterns.joinsSafely("a)|(b") && !ParamPatterns.joinsSafely("(?i)x"))
        #expect(ParamPatterns.joinsSafely("(?:abc|de)f?") && ParamPatterns.joinsSafely("[(]g") && ParamPatterns.joinsSafely("^\\W*(test|temp)\\b"))
        // Every name pattern of REG603 and REG604 has literals (words of an alternation) that a
        // byte search rules most names out by, so none is left to ICU alone.
        #expect(ParamPatterns.patternSet(lists[0]).prefiltered.count == 3 && ParamPatterns.patternSet(lists[1]).prefiltered.count == 7)
        #expect(ParamPatterns.isStartAnchored("^\\W*(a|b)\\b") && !ParamPatterns.isStartAnchored("^a|zz") && !ParamPatterns.isStartAnchored("a^"))
        #expect(ParamPatterns.isStartAnchored("^[|]x\\|") && !ParamPatterns.isStartAnchored("\\b^x"))
        #expect(ParamPatterns.patternSet(lists[lists.count - 1]).joined.count == 2)
        let texts = ["test-graph-app", "  Temp app", "Untitled", "My Application 2", "Contoso Billing API", "Micr0s0ft Teams", "Office 365 Login",
                     "azure ad sync", "MS Graph reader", "OneDrive backup", "Azure Portal Verification", "Microsoft account update", "aa", "b",
                     "a)|(b", "(b", "c", "X", "y", "z", "]", "a", "q", "xx", "w", "v", "(", "r", "ends s", "abcf", "def", "(g", "h)", "", "é test",
                     "Ｍicrosoft", "ſcratch", "DO NOT USE", "sandbox-1", "xzz", "xc", "cx", "|d", "xd", "ee", "eex",
                     "123 go", "-42", "bx", "bxx", "xyz", "a xyz b", "xyzz"]
        for list in lists {
            let set = ParamPatterns.patternSet(list)
            let alone = list.map { RegexPattern($0, caseInsensitive: true) }
            for text in texts {
                #expect(set.matches(text) == alone.contains { $0.matches(text) }, "\(list) on '\(text)'")
            }
        }
    }

    @Test("identifier URIs: the default ones, foreign GUIDs, and URIs with nothing unique to the tenant")
    func identifierURIs() throws {
        let app = try node(#"{"appId": "00001111-aaaa-2222-bbbb-3333cccc4444"}"#)
        func uri(_ text: String) throws -> ModelNode { try node("\"\(text)\"") }
        #expect(try holds("isDefaultIdentifierUri", subject: uri("api://00001111-aaaa-2222-bbbb-3333cccc4444"), root: app))
        #expect(try holds("isDefaultIdentifierUri", subject: uri("API://aaaabbbb-0000-cccc-1111-dddd2222eeee/00001111-AAAA-2222-bbbb-3333cccc4444"), root: app))
        #expect(try !holds("isDefaultIdentifierUri", subject: uri("api://aaaabbbb-0000-cccc-1111-dddd2222eeee/orders"), root: app))
        #expect(try !holds("isDefaultIdentifierUri", subject: uri("https://orders.contoso.com"), root: app))

        let tenants: [String: ParamValue] = ["tenantIds": .list([.string("aaaabbbb-0000-cccc-1111-dddd2222eeee")])]
        #expect(try holds("identifierUriForeignGuid", subject: uri("api://99998888-ffff-7777-eeee-666655554444/orders"), root: app, params: tenants))
        #expect(try !holds("identifierUriForeignGuid", subject: uri("api://aaaabbbb-0000-cccc-1111-dddd2222eeee/orders"), root: app, params: tenants))
        #expect(try !holds("identifierUriForeignGuid", subject: uri("api://00001111-aaaa-2222-bbbb-3333cccc4444"), root: app, params: tenants))
        // Without the tenant's id the export cannot say whose GUID it is.
        #expect(try !holds("identifierUriForeignGuid", subject: uri("api://99998888-ffff-7777-eeee-666655554444"), root: app, params: ["tenantIds": .list([])]))

        #expect(try holds("identifierUriWithoutTenantIdentifier", subject: uri("api://orders"), root: app))
        #expect(try holds("identifierUriWithoutTenantIdentifier", subject: uri("urn:contoso:orders"), root: app))
        #expect(try !holds("identifierUriWithoutTenantIdentifier", subject: uri("api://orders/00001111-aaaa-2222-bbbb-3333cccc4444"), root: app))
        #expect(try !holds("identifierUriWithoutTenantIdentifier", subject: uri("https://orders.contoso.com:443/api"), root: app))
        let owned: [String: ParamValue] = ["ownedDomains": .list([.string("contoso.com")])]
        #expect(try !holds("identifierUriWithoutTenantIdentifier", subject: uri("https://orders.contoso.com/api"), root: app, params: owned))
        #expect(try holds("identifierUriWithoutTenantIdentifier", subject: uri("https://orders.fabrikam.com"), root: app, params: owned))
    }

    @Test("every built-in function is listed in docs/rule-schema.md")
    func documented() throws {
        let doc = try Fixtures.text("docs/rule-schema.md")
        for function in BuiltinFunctions.standard.all {
            #expect(doc.contains("| `\(function.name)` |"), "\(function.name)")
        }
    }
}
