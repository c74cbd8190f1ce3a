import Foundation
import RuleSchema

extension BuiltinFunctions {
    /// Built-ins over redirect URIs.
    static let redirectFunctions: [BuiltinFunction] = [
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
    ]
}
