import Foundation
import RuleSchema

extension BuiltinFunctions {
    /// Built-ins over redirect URIs.
    static let redirectFunctions: [BuiltinFunction] = [
        BuiltinFunction(
            name: "hostInOwnedDomains",
            summary: "The subject's host is one of the rule's `ownedDomains` parameter (set by ownedDomains in .reglint.yml) or a subdomain of one.",
            evaluate: { input in
                hostIsIn(input, list: input.params["ownedDomains"]) ? (true, input.subject) : (false, nil)
            }),
        BuiltinFunction(
            name: "hostInDomains",
            summary: "The subject's host is one of the domains in the rule parameter named by `args: { param: NAME }`, or a subdomain of one (an entry may be written `*.domain` or `.domain`).",
            evaluate: { input in
                guard case .string(let name)? = input.args["param"] else { return (false, nil) }
                return hostIsIn(input, list: input.params[name]) ? (true, input.subject) : (false, nil)
            }),
        BuiltinFunction(
            name: "loopbackPortOnlyDuplicates",
            summary: "Two loopback redirect URIs of the registration differ only in their port. With a redirect URI as the subject (forEach facts.redirectUris): the subject is a loopback URI that differs only in its port from an earlier one.",
            evaluate: { input in
                let uris = redirectURIs(input)
                if let subject = position(input.subject) {
                    guard input.subject.member("isloopback")?.scalar == .bool(true), let text = input.subject.member("uri")?.string else { return (false, nil) }
                    for uri in uris {
                        guard let p = position(uri), p < subject else { break }
                        guard uri.member("isloopback")?.scalar == .bool(true), let other = uri.member("uri")?.string else { continue }
                        if RedirectURIShape.differOnlyInPort(other, text) { return (true, input.subject) }
                    }
                    return (false, nil)
                }
                var seen: [String] = []
                for uri in uris {
                    guard uri.member("isloopback")?.scalar == .bool(true), let text = uri.member("uri")?.string else { continue }
                    if seen.contains(where: { RedirectURIShape.differOnlyInPort($0, text) }) { return (true, uri) }
                    seen.append(text)
                }
                return (false, nil)
            }),
        BuiltinFunction(
            name: "redirectUriRepeated",
            summary: "The subject (a redirect URI, forEach facts.redirectUris) is the same URI as an earlier redirect URI of the registration, on any platform: scheme and host compared without regard to case, the rest exactly, surrounding blanks ignored.",
            evaluate: { input in
                guard let subject = position(input.subject), let text = input.subject.member("uri")?.string else { return (false, nil) }
                let mine = RedirectURIShape.normalized(text)
                for uri in redirectURIs(input) {
                    guard let p = position(uri), p < subject else { break }
                    if let other = uri.member("uri")?.string, RedirectURIShape.normalized(other) == mine { return (true, input.subject) }
                }
                return (false, nil)
            }),
    ]

    /// The registration's redirect URI facts, in order (web, spa, publicClient).
    private static func redirectURIs(_ input: FunctionInput) -> [ModelNode] {
        input.root.member("facts")?.member("redirecturis")?.elements ?? []
    }

    /// A redirect URI fact's 1-based position among the registration's redirect URIs.
    private static func position(_ node: ModelNode) -> Double? {
        if case .number(let n)? = node.member("position")?.scalar { return n }
        return nil
    }

    /// Whether the subject's host is one of the listed domains or a subdomain of one.
    private static func hostIsIn(_ input: FunctionInput, list: ParamValue?) -> Bool {
        guard let host = input.subject.member("host")?.string?.lowercased(), !host.isEmpty else { return false }
        guard case .list(let domains)? = list else { return false }
        for case .string(let domain) in domains {
            var entry = Substring(domain.lowercased())
            if entry.hasPrefix("*.") { entry = entry.dropFirst(2) }
            let listed = entry.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            if !listed.isEmpty, host == listed || host.hasSuffix("." + listed) { return true }
        }
        return false
    }
}
