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
        // REG603's and REG604's name patterns, read as alternations of literals.
        ("^\\W*(test|testing|temp|tmp|demo|poc|sandbox|dummy|scratch|delete ?me|do ?not ?use)\\b", true),
        ("^\\W*(new|my|sample|example)?\\W*(app|application|registration|client)\\W*[0-9]*\\W*$", true),
        ("^\\W*(azure|entra)\\s*(ad|active\\s*directory|id)\\b", true), ("^\\W*(ms|microsoft)?\\s*graph\\b", true),
        ("^\\W*(outlook|onedrive|sharepoint|exchange\\s*online|microsoft\\s*teams|teams)\\b", true),
        ("\\b(microsoft|office\\s*365|o365|m365|azure\\s*ad)\\b.*\\b(log[\\s-]*in|sign[\\s-]*in|verif\\w*|security|authenticat\\w*|account|update|password|mfa)\\b", true),
        ("^(?:(?:\\W*(test|temp)\\b)|(?:\\W*(app|client)\\W*$))", true),
        // Groups that must not be read as required: optional, repeated from zero, lookarounds,
        // named, with an empty branch, or alternations with a branch that has no literal.
        ("(abc)?def", false), ("x(abc)*y", false), ("(abc){0,2}z", false), ("(?=abc)", false), ("(?!abc)x", false),
        ("(?<n>abc)", false), ("(abc|)d", false), ("(abc|\\d)", false), ("abc|.", false), ("(ab)+cd", false),
        ("(?:ab|cd)(ef|gh)", false), ("a(b(c|d)e|f)g", false), ("(?i:ab)|cd", false),
        // Quoting, comments and flags inside a group the reader does not enter move where ICU
        // ends it: a `|` hidden there must not be missed.
        ("(?>\\Q[\\E)x|(y\\Q]\\E)def", false), ("(?#[)x|(]abc)def", false), ("(?>(?x)#[\n)x|(]abc)def", false),
        ("(?=\\Q)\\E)abc|x", false), ("(?<n>a)|def", false),
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
        "secret", "SeCrEt", "test", "Testing", "temp-app", "my app 2", "New Client", "Azure AD Login", "entra id",
        "MS Graph", "outlook", "OneDrive", "exchange online", "Microsoft Teams", "o365", "M365 account", "mfa", "verify",
        "cd", "ef", "gh", "[x", "[", "y]def", "]abcdef", "abg", "acdeg", "abdeg", "afg", "x", "y", "z", "\u{212A}elvin", "kelvin", "KELVIN", "ſecret", "é", "😀", " ", "]bc", "axyz", "a*b", "def", "ABCdef",
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

    @Test("the required literals read from a pattern")
    func literals() {
        func literal(_ source: String) -> String? {
            RegexPattern.requiredLiterals(in: source, caseInsensitive: false).map { found in
                found.alternatives.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " | ") + (found.whole ? " (whole)" : "")
            }
        }
        #expect(literal("\\*") == "* (whole)")
        #expect(literal("(?i)(^|//)[a-z0-9-]+\\.azurehealthcareapis\\.com(?![a-z0-9.-])") == ".azurehealthcareapis.com")
        #expect(literal("(?i)^https://token\\.actions\\.githubusercontent\\.com(/|$)") == "https://token.actions.githubusercontent.com")
        #expect(literal("tokens?x") == "token")
        #expect(literal("abc*?d") == "ab")
        #expect(literal("a|b") == "a | b")
        #expect(literal("a|.") == nil)
        #expect(literal("^\\W*(test|temp|delete ?me)\\b") == "test | temp | delete")
        #expect(literal("^\\W*(new|my)?\\W*(app|client)\\W*$") == "app | client")
        #expect(literal("\\b(microsoft|office\\s*365|o365)\\b.*\\b(log[\\s-]*in|mfa)\\b") == "microsoft | office | o365")
        #expect(literal("(?:ab|cd)(efg|hij)") == "efg | hij")
        #expect(literal("(abc)?d") == "d")
        #expect(literal("(?=abc)d") == "d")
        #expect(literal("(abc|)") == nil)
        #expect(literal("(?#[)x|(]abc)def") == nil)
        #expect(literal("(?>\\Q[\\E)x|(y\\Q]\\E)def") == nil)
        #expect(literal("(?=ab)(?x)c d") == nil)
        #expect(literal("x(?i)kelvin") == nil)
        #expect(literal("a\\x41b") == nil)
        #expect(literal("^(?=.*(^|:)repo:)") == nil)
    }
}
