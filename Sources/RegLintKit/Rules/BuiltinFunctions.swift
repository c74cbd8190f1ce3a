import Foundation
import RuleSchema

/// What a built-in function sees: the subject, the registration, its arguments and the clock.
public struct FunctionInput: Sendable {
    public var subject: ModelNode
    public var root: ModelNode
    public var args: [String: ParamValue]
    public var params: [String: ParamValue]
    public var now: Instant
}

/// A named check written in Swift for what a condition cannot say; rule files call it by name.
public struct BuiltinFunction: Sendable {
    public var name: String
    public var summary: String
    public var evaluate: @Sendable (FunctionInput) -> (holds: Bool, witness: ModelNode?)
}

/// The registry of built-in functions rule files may call with `function: NAME`.
public struct BuiltinFunctions: Sendable {
    public var all: [BuiltinFunction]

    public func function(named name: String) -> BuiltinFunction? { all.first { $0.name == name } }

    public static let standard = BuiltinFunctions(all: [
        BuiltinFunction(
            name: "hostInOwnedDomains",
            summary: "The subject's host is one of the rule's `ownedDomains` parameter (set by ownedDomains in .reglint.yml) or a subdomain of one.",
            evaluate: { input in
                guard let host = input.subject.member("host")?.string?.lowercased(), !host.isEmpty else { return (false, nil) }
                guard case .list(let domains)? = input.params["ownedDomains"] else { return (false, nil) }
                for case .string(let domain) in domains {
                    let owned = domain.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ". "))
                    if !owned.isEmpty, host == owned || host.hasSuffix("." + owned) { return (true, input.subject) }
                }
                return (false, nil)
            }),
        BuiltinFunction(
            name: "loopbackPortOnlyDuplicates",
            summary: "The registration has two or more loopback redirect URIs that differ only in their port.",
            evaluate: { input in
                var seen: [String: ModelNode] = [:]
                for uri in input.root.member("facts")?.member("redirecturis")?.elements ?? [] {
                    guard uri.member("isloopback")?.scalar == .bool(true), let text = uri.member("uri")?.string else { continue }
                    let key = RedirectURIShape.withoutPort(text)
                    if seen[key] != nil { return (true, uri) }
                    seen[key] = uri
                }
                return (false, nil)
            }),
    ])
}

/// Redirect URI comparisons for built-in functions.
enum RedirectURIShape {
    /// The URI with any `:port` after the host removed, lower-cased.
    static func withoutPort(_ uri: String) -> String {
        guard let range = uri.range(of: "://") else { return uri.lowercased() }
        let afterScheme = uri[range.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        var authority = afterScheme[..<authorityEnd]
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") { authority = authority[..<colon] }
        return (uri[..<range.upperBound] + authority + afterScheme[authorityEnd...]).lowercased()
    }
}
