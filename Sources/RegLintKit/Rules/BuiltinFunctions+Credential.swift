import Foundation
import RuleSchema

extension BuiltinFunctions {
    /// Built-ins over credentials (password, key and federated).
    static let credentialFunctions: [BuiltinFunction] = [
        BuiltinFunction(
            name: "knownFederatedIssuer",
            summary: "The subject's `issuer` is one of the rule's `knownIssuers` parameter: exact URLs, or patterns where `*` stands for one run of letters, digits, `.`, `-`, `_` or `~` (a tenant id, a region); case-insensitive, one trailing `/` ignored.",
            evaluate: { input in
                guard let issuer = input.subject.member("issuer")?.string else { return (false, nil) }
                guard case .list(let patterns)? = input.params["knownIssuers"] else { return (false, nil) }
                for case .string(let pattern) in patterns where IssuerPattern.matches(pattern, issuer) {
                    return (true, input.subject.member("issuer"))
                }
                return (false, nil)
            }),
        BuiltinFunction(
            name: "activeCredentialsOverLimit",
            summary: "More of the registration's `collection` credentials (`args: {collection: passwordCredentials, limit: PARAM}`) are unexpired at `--now` (no end date, or one not yet past) than the rule parameter named by `limit`; points at the collection.",
            evaluate: { input in
                guard case .string(let collection)? = input.args["collection"], case .string(let limitName)? = input.args["limit"],
                      let limit = input.params[limitName]?.number,
                      let list = input.root.member(collection.lowercased()) else { return (false, nil) }
                var active = 0
                for credential in list.asList {
                    guard let end = credential.member("enddatetime"), !end.isNull else { active += 1; continue }
                    // An end date a plan knows only after apply: cannot be counted either way.
                    if let instant = end.instant, instant >= input.now { active += 1 }
                }
                return (Double(active) > limit, list)
            }),
    ]
}

/// Issuer URL patterns for `knownFederatedIssuer`.
enum IssuerPattern {
    /// Whether `issuer` is `pattern`, where `*` matches one or more URL-safe characters other
    /// than `/`, `:`, `?`, `#` and `@` (so a wildcard never spans a host boundary or a path segment).
    static func matches(_ pattern: String, _ issuer: String) -> Bool {
        let p = Array(trimmed(pattern).lowercased().utf8)
        let s = Array(trimmed(issuer).lowercased().utf8)
        return match(p[...], s[...])
    }

    private static func trimmed(_ text: String) -> String {
        let t = TextTrim.spaces(text)
        return t.hasSuffix("/") ? String(t.dropLast()) : t
    }

    private static func isSegmentCharacter(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x2E || c == 0x2D || c == 0x5F || c == 0x7E
    }

    private static func match(_ p: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>) -> Bool {
        guard let first = p.first else { return s.isEmpty }
        if first == UInt8(ascii: "*") {
            var rest = s
            // One or more segment characters, then the rest of the pattern.
            while let c = rest.first, isSegmentCharacter(c) {
                rest = rest.dropFirst()
                if match(p.dropFirst(), rest) { return true }
            }
            return false
        }
        guard let c = s.first, c == first else { return false }
        return match(p.dropFirst(), s.dropFirst())
    }
}
