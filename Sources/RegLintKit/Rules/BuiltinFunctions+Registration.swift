import Foundation
import RuleSchema

extension BuiltinFunctions {
    /// Built-ins over the registration as a whole (audience, identifiers, owners, names).
    static let registrationFunctions: [BuiltinFunction] = [
        BuiltinFunction(
            name: "nowAtLeast",
            summary: "The run's `--now` is on or after a date: `args: {date: YYYY-MM-DD}` or `args: {param: NAME}` naming a date parameter (a retirement that turns a warning into an error on a given day).",
            evaluate: { input in
                var text: String?
                if case .string(let date)? = input.args["date"] { text = date }
                if case .string(let name)? = input.args["param"], case .string(let date)? = input.params[name] { text = date }
                guard let text, let date = Instant(parsing: text) else { return (false, nil) }
                return (input.now >= date, nil)
            }),
        BuiltinFunction(
            name: "matchesAnyPattern",
            summary: "The string at `path` (relative to the subject, `args: {path: displayName, patterns: PARAM}`) matches one of the regular expressions (ICU, case-insensitive, unanchored) in the rule parameter named by `patterns`; points at that string.",
            evaluate: { input in
                guard case .string(let path)? = input.args["path"], case .string(let name)? = input.args["patterns"],
                      case .list(let patterns)? = input.params[name] else { return (false, nil) }
                guard let node = input.node(atPath: path), let text = node.string else { return (false, nil) }
                return ParamPatterns.shared.matchesAny(patterns, text) ? (true, node) : (false, nil)
            }),
        BuiltinFunction(
            name: "nameNearlyEqualsAny",
            summary: "The string at `path` (relative to the subject, `args: {path: displayName, names: PARAM}`) is, or nearly is, one of the names in the list parameter named by `names`: compared without case, spaces and punctuation, with look-alike digits and symbols read as letters (`0` as `o`, `1` as `l`), and one letter's difference allowed from 8 letters on, two from 16; points at that string.",
            evaluate: { input in
                guard case .string(let path)? = input.args["path"], case .string(let name)? = input.args["names"],
                      case .list(let values)? = input.params[name] else { return (false, nil) }
                guard let node = input.node(atPath: path), let text = node.string else { return (false, nil) }
                return LookalikeName.match(text, inParameter: values) == nil ? (false, nil) : (true, node)
            }),
        BuiltinFunction(
            name: "isDefaultIdentifierUri",
            summary: "The subject (an identifier URI) is one of the default ones, `api://{appId}` or `api://{tenantId}/{appId}`, for the registration's `appId`.",
            evaluate: { input in
                guard let uri = input.subject.string, let appId = input.root.member("appid")?.string?.lowercased(),
                      let parts = IdentifierURI(uri), parts.scheme == "api" else { return (false, nil) }
                if parts.segments == [appId] { return (true, input.subject) }
                if parts.segments.count == 2, SecretValue.isGUID(parts.segments[0]), parts.segments[1] == appId { return (true, input.subject) }
                return (false, nil)
            }),
        BuiltinFunction(
            name: "identifierUriForeignGuid",
            summary: "The subject (an identifier URI) is `api://{GUID}…` where the GUID is neither the registration's `appId` nor one of the rule's `tenantIds` parameter; never holds while `tenantIds` is empty (the export does not say the tenant).",
            evaluate: { input in
                guard case .list(let tenants)? = input.params["tenantIds"], !tenants.isEmpty else { return (false, nil) }
                guard let uri = input.subject.string, let parts = IdentifierURI(uri), parts.scheme == "api",
                      let first = parts.segments.first, SecretValue.isGUID(first) else { return (false, nil) }
                let own = Set(tenants.compactMap { value -> String? in
                    if case .string(let text) = value { return text.lowercased() }
                    return nil
                } + [input.root.member("appid")?.string?.lowercased()].compactMap { $0 })
                return own.contains(first) ? (false, nil) : (true, input.subject)
            }),
        BuiltinFunction(
            name: "identifierUriWithoutTenantIdentifier",
            summary: "The subject (an identifier URI) has no part unique to the tenant: no GUID (app or tenant id) as its host or a path segment, and no domain as its host (a host with a dot), or, when the rule's `ownedDomains` parameter lists domains, a host outside them.",
            evaluate: { input in
                guard let uri = input.subject.string, !uri.contains("*") else { return (false, nil) }
                guard let parts = IdentifierURI(uri) else { return (true, input.subject) }
                if parts.segments.contains(where: SecretValue.isGUID) { return (false, nil) }
                let host = parts.segments.first ?? ""
                guard host.contains(".") else { return (true, input.subject) }
                guard case .list(let domains)? = input.params["ownedDomains"], !domains.isEmpty else { return (false, nil) }
                for case .string(let domain) in domains {
                    let owned = domain.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ". "))
                    if !owned.isEmpty, host == owned || host.hasSuffix("." + owned) { return (false, nil) }
                }
                return (true, input.subject)
            }),
    ]
}

/// An identifier URI split into its scheme and lower-cased host and path segments
/// (`api://contoso.com/orders` → `api`, `["contoso.com", "orders"]`); nil for text with no `scheme://`.
struct IdentifierURI {
    var scheme: String
    var segments: [String]

    init?(_ text: String) {
        // "://" found by characters (Foundation's `range(of:)` was a substring search through
        // NSString for every URI of every registration).
        var cursor = text.startIndex
        var separator: Range<String.Index>?
        while let colon = text[cursor...].firstIndex(of: ":") {
            let after = text[text.index(after: colon)...]
            if after.hasPrefix("//") {
                separator = colon..<text.index(colon, offsetBy: 3)
                break
            }
            cursor = text.index(after: colon)
        }
        guard let range = separator else { return nil }
        scheme = text[..<range.lowerBound].lowercased()
        var rest = text[range.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        segments = rest.split(separator: "/").map { $0.lowercased() }
        if let host = segments.first, let colon = host.lastIndex(of: ":") { segments[0] = String(host[..<colon]) }
    }
}
