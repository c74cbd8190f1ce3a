import Foundation

/// Splits a redirect URI into the parts the rules judge, without Foundation's URL (which rejects
/// the wildcard and malformed URIs that are exactly what a linter must see).
enum RedirectURIParser {
    static func parse(_ uri: String, platform: String, origin: NodeOrigin) -> RedirectURI {
        let trimmed = uri.trimmingCharacters(in: .whitespaces)
        var scheme = ""
        var rest = Substring(trimmed)
        if let colon = rest.firstIndex(of: ":"),
           rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." || $0 == "*" }),
           !rest[..<colon].isEmpty {
            scheme = rest[..<colon].lowercased()
            rest = rest[rest.index(after: colon)...]
        }
        var host = ""
        if rest.hasPrefix("//") {
            let authority = rest.dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            var hostPart = authority
            if let at = hostPart.lastIndex(of: "@") { hostPart = hostPart[hostPart.index(after: at)...] }
            if hostPart.hasPrefix("[") {
                if let close = hostPart.firstIndex(of: "]") { hostPart = hostPart[...close] }
            } else if let colon = hostPart.lastIndex(of: ":") {
                hostPart = hostPart[..<colon]
            }
            host = hostPart.lowercased()
        }
        return RedirectURI(
            uri: uri, platform: platform, scheme: scheme, host: host,
            isLoopback: isLoopback(host), hasWildcard: uri.contains("*"), origin: origin)
    }

    /// `localhost`, `127.0.0.0/8` and `[::1]` (DESIGN §13).
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "[::1]" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in Int(part).map { (0...255).contains($0) } ?? false }
    }
}
