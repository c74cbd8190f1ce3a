import Foundation
import Testing
@testable import RegLintKit

/// The literal prefilter never changes a pattern's answer: every rule pattern, and patterns made
/// to trip the reader, give what `NSRegularExpression` alone gives on texts built to sit on the
/// edges (case, look-alike letters ICU folds, the literal cut in two).
@Suite("Regex literal prefilter")
struct RegexPatternTests {
    static let patterns: [(String, Bool)] = [
        ("\\*", false), ("(?i)^http://", false), ("/$", false),
        ("(?i)^[a-z0-9-]+\\.azurehealthcareapis\\.com$", false),
        ("(?i)(^|//)[a-z0-9-]+\\.azurehealthcareapis\\.com(?![a-z0-9.-])", false),
        ("(?i)^https://token\\.actions\\.githubusercontent\\.com(/|$)", false),
        ("(?i)^https://cognito-identity\\.amazonaws\\.com/?$", false),
        ("'[^':]*(:[^':]*)?\\*|'repo:[^':]*:\\*'", false),
        ("^(?=.*(^|:)(repo:[^/:]+/[^/:]+|repository_id:[0-9]+)(:|$))(?=.*:(environment:[^:]+|ref:refs/(heads|tags)/[^:]+)(:|$))", false),
        ("^\\W*m[i1l!|][c(]r[o0]s[o0]ft", true), ("^\\W*(office|o|m|microsoft)\\s*365\\b", true),
        ("\\b(microsoft|office\\s*365|o365|m365|azure\\s*ad)\\b.*\\b(log[\\s-]*in|sign[\\s-]*in|verif\\w*|security)\\b", true),
        ("^\\W*untitled\\b", true),
        // Quantifiers, escapes, classes and flags the reader must not misread.
        ("token+s", false), ("tokens?x", false), ("ab{2}c", false), ("abc*?d", false), ("a\\.b\\-c", false),
        ("secret", true), ("SECRET", false), ("kelvin", true), ("x(?i)kelvin", false), ("(?i:abc)def", false),
        ("[]a]bc", false), ("[^]]xyz", false), ("a\\x41b", false), ("\\Qa*b\\E", false), ("a\\\\b", false),
    ]

    static let pieces = [
        "", "https://", "HTTPS://", "http://", "token.actions.githubusercontent.com", "Token.Actions.GitHubUserContent.COM/",
        "x.azurehealthcareapis.com", "FHIR-1.AzureHealthcareAPIs.COM", "azurehealthcareapis", ".com", "//", "/", "*", "'", ":",
        "repo:contoso/app:ref:refs/heads/main", "repo:contoso/*", "cognito-identity.amazonaws.com", "microsoft", "M1crosoft",
        "office 365", "sign-in", "untitled", "tokens", "tokenx", "tokensx", "abbc", "abc", "abd", "ad", "a.b-c", "AAb", "a\\b",
        "secret", "SeCrEt", "\u{212A}elvin", "kelvin", "KELVIN", "ſecret", "é", "😀", " ", "]bc", "axyz", "a*b", "def", "ABCdef",
    ]

    @Test("on every rule pattern and edge pattern, over 6,000 built texts, the answer is NSRegularExpression's")
    func agreesWithICU() throws {
        var generator = SeededGenerator(state: 7)
        var texts: [String] = Self.pieces
        for _ in 0..<6_000 { texts.append((0..<(1 + generator.below(4))).map { _ in generator.pick(Self.pieces) }.joined()) }
        for (source, caseInsensitive) in Self.patterns {
            let pattern = RegexPattern(source, caseInsensitive: caseInsensitive)
            let icu = try NSRegularExpression(pattern: source, options: caseInsensitive ? [.caseInsensitive] : [])
            for text in texts {
                let expected = icu.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                #expect(pattern.matches(text) == expected, "\(source) on \(text)")
            }
        }
    }

    @Test("the required literal read from a pattern")
    func literals() {
        func literal(_ source: String) -> String? {
            RegexPattern.requiredLiteral(in: source, caseInsensitive: false).map { String(decoding: $0.bytes, as: UTF8.self) + ($0.whole ? " (whole)" : "") }
        }
        #expect(literal("\\*") == "* (whole)")
        #expect(literal("(?i)(^|//)[a-z0-9-]+\\.azurehealthcareapis\\.com(?![a-z0-9.-])") == ".azurehealthcareapis.com")
        #expect(literal("(?i)^https://token\\.actions\\.githubusercontent\\.com(/|$)") == "https://token.actions.githubusercontent.com")
        #expect(literal("tokens?x") == "token")
        #expect(literal("abc*?d") == "ab")
        #expect(literal("a|b") == nil)
        #expect(literal("x(?i)kelvin") == nil)
        #expect(literal("a\\x41b") == nil)
        #expect(literal("^(?=.*(^|:)repo:)") == nil)
    }
}
