import Testing
@testable import RegLintKit
import RuleSchema

/// The redirect URI facts and built-in functions (`BuiltinFunctions+Redirect.swift`).
@Suite("Redirect URI facts and functions")
struct RedirectFunctionTests {
    @Test("a configuration value is told to hold '://' as a search of every position would tell it")
    func schemeSearch() {
        var generator = SeededGenerator(state: 20261206)
        let letters = Array(":/ax".utf8)
        for _ in 0..<3_000 {
            let bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in letters[Int.random(in: 0..<letters.count, using: &generator)] }
            let text = String(decoding: bytes, as: UTF8.self)
            let expected = bytes.count >= 3 && (0..<(bytes.count - 2)).contains { bytes[$0] == 0x3A && bytes[$0 + 1] == 0x2F && bytes[$0 + 2] == 0x2F }
            #expect(FactBuilder.hasScheme(text) == expected, "\(text)")
        }
    }

    private static func probe(_ match: String, params: String = "", flag: [(String, String)], pass: [String]) throws -> CompiledRule {
        let flags = flag.map { "    - app: \($0.0)\n      at: \($0.1)" }.joined(separator: "\n")
        let passes = pass.map { "    - app: \($0)" }.joined(separator: "\n")
        return try CompiledRule(spec: RuleFileParser(file: "rules/REG992.yml").parse("""
            id: REG992
            name: redirect-probe
            title: A probe over redirect URIs
            severity: note
            helpUri: https://learn.microsoft.com/entra/identity-platform/reply-url
            description: A probe rule for the test suite that calls a redirect built-in.
            remediation: Nothing to change; this rule exists only in the test suite.
            \(params)
            forEach: facts.redirectUris
            match: \(match)
            message: "'{uri}' matches."
            examples:
              flag:
            \(flags)
              pass:
            \(passes)
            """))
    }

    @Test("a redirect URI's query, unsupported characters, length and position")
    func facts() {
        let a = RedirectURIParser.parse(" https://app.contoso.com/cb?x=(1);y#frag ", platform: "web", origin: .computed)
        #expect(a.query == "x=(1);y")
        #expect(a.unsupportedCharacters == "( ) ;")
        #expect(a.host == "app.contoso.com")
        let b = RedirectURIParser.parse("https://app.contoso.com/?", platform: "web", origin: .computed)
        #expect(b.query == "")
        #expect(b.unsupportedCharacters.isEmpty)
        #expect(RedirectURIParser.parse("https://app.contoso.com/cb", platform: "web", origin: .computed).query == nil)
    }

    @Test("a blank string is no redirect URI (PowerShell writes a depth-cut empty list as \"\")")
    func blankIsNoURI() throws {
        let result = try Fixtures.lintBytes(#"{"appId": "x", "displayName": "A", "publicClient": {"redirectUris": ""}, "spa": {"redirectUris": ["", " "]}, "web": {"redirectUris": ["https://a.contoso.com/"]}, "passwordCredentials": [], "keyCredentials": [], "federatedIdentityCredentials": [{"name": "f"}]}"#)
        #expect(result.error == nil)
        #expect(result.registrations.flatMap(\.findings).map(\.ruleID) == [])
    }

    @Test("URIs compare by scheme and host without case, by path with case; ports are told apart")
    func shapes() {
        #expect(RedirectURIShape.normalized(" HTTPS://App.Contoso.com/CB?A=1 ") == "https://app.contoso.com/CB?A=1")
        #expect(RedirectURIShape.withoutPort("http://LOCALHOST:5000/Cb") == "http://localhost/Cb")
        #expect(RedirectURIShape.withoutPort("http://[::1]:8400/") == "http://[::1]/")
        #expect(RedirectURIShape.differOnlyInPort("http://localhost:5000/cb", "http://localhost:5001/cb"))
        #expect(RedirectURIShape.differOnlyInPort("http://localhost/cb", "http://localhost:5001/cb"))
        #expect(!RedirectURIShape.differOnlyInPort("http://localhost:5000/cb", "http://localhost:5000/cb"))
        #expect(!RedirectURIShape.differOnlyInPort("http://localhost:5000/cb", "http://localhost:5001/CB"))
    }

    @Test("hostInDomains reads the list parameter the args name; entries may carry *. or a dot")
    func hostInDomains() throws {
        let rule = try Self.probe(
            "{ function: hostInDomains, args: { param: suffixes } }", params: "params: { suffixes: ['*.azurewebsites.net', .trafficmanager.net, github.io] }",
            flag: [
                (#"{ web: { redirectUris: ["https://app.contoso.com/", "https://Billing.AzureWebsites.net/cb"] } }"#, "/web/redirectUris/1"),
                (#"{ spa: { redirectUris: ["https://x.trafficmanager.net/"] } }"#, "/spa/redirectUris/0"),
                (#"{ publicClient: { redirectUris: ["https://github.io/"] } }"#, "/publicClient/redirectUris/0"),
            ],
            pass: [#"{ web: { redirectUris: ["https://azurewebsites.net.contoso.com/", "https://notgithub.io/", "urn:ietf:wg:oauth:2.0:oob"] } }"#])
        #expect(RuleExampleRunner.run(rule).map(\.description) == [])
        // Without `args: { param: NAME }` it never holds.
        let unnamed = try Self.probe("{ function: hostInDomains }", params: "params: { suffixes: [contoso.com] }",
            flag: [(#"{ web: { redirectUris: ["https://app.contoso.com/"] } }"#, "/web/redirectUris/0")], pass: [#"{ web: { redirectUris: [] } }"#])
        #expect(try Self.pointers(unnamed, flag: 0) == [])
    }

    @Test("loopbackPortOnlyDuplicates with a redirect URI subject holds for the later URI of each pair, across platforms")
    func portOnlyDuplicates() throws {
        let rule = try Self.probe(
            "{ function: loopbackPortOnlyDuplicates }",
            flag: [
                (#"{ web: { redirectUris: ["http://localhost:5000/cb", "https://app.contoso.com/cb", "http://localhost:5001/cb"] } }"#, "/web/redirectUris/2"),
                (#"{ spa: { redirectUris: ["http://localhost:3000/"] }, publicClient: { redirectUris: ["http://localhost/"] } }"#, "/publicClient/redirectUris/0"),
            ],
            pass: [
                #"{ web: { redirectUris: ["http://localhost:5000/web", "http://localhost:5001/api", "https://app.contoso.com:8443/cb", "https://app.contoso.com/cb"] } }"#,
                #"{ web: { redirectUris: ["http://localhost:5000/cb", "http://localhost:5000/cb"] } }"#,
            ])
        #expect(RuleExampleRunner.run(rule).map(\.description) == [])
        // Only the later URI of the pair is reported, not the first.
        #expect(try Self.pointers(rule, flag: 0) == ["/web/redirectUris/2"])
    }

    @Test("redirectUriRepeated holds for the second copy of a URI, on any platform, but not for case differences in the path")
    func repeated() throws {
        let rule = try Self.probe(
            "{ function: redirectUriRepeated }",
            flag: [
                (#"{ web: { redirectUris: ["https://app.contoso.com/cb", "https://APP.contoso.com/cb "] } }"#, "/web/redirectUris/1"),
                (#"{ web: { redirectUris: ["https://app.contoso.com/"] }, spa: { redirectUris: ["https://app.contoso.com/"] } }"#, "/spa/redirectUris/0"),
            ],
            pass: [#"{ web: { redirectUris: ["https://app.contoso.com/cb", "https://app.contoso.com/CB", "https://app.contoso.com/cb?x=1"] } }"#])
        #expect(RuleExampleRunner.run(rule).map(\.description) == [])
        #expect(try Self.pointers(rule, flag: 0) == ["/web/redirectUris/1"])
    }

    /// Every finding's pointer on one flag example.
    private static func pointers(_ rule: CompiledRule, flag index: Int) throws -> [String] {
        try RuleExampleRunner.lint(rule.spec.examples.flag[index], with: rule).get().map(\.location.pointer)
    }
}
