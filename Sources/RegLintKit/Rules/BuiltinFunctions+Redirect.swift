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
                // FactBuilder finds the pairs in one pass (`isPortOnlyDuplicate`), so a rule that asks
                // once per URI stays linear in the number of URIs.
                if input.subject.member("position") != nil {
                    return flag(input.subject, "isportonlyduplicate") ? (true, input.subject) : (false, nil)
                }
                if let later = redirectURIs(input).first(where: { flag($0, "isportonlyduplicate") }) { return (true, later) }
                return (false, nil)
            }),
        BuiltinFunction(
            name: "redirectUriRepeated",
            summary: "The subject (a redirect URI, forEach facts.redirectUris) is the same URI as an earlier redirect URI of the registration, on any platform: scheme and host compared without regard to case, the rest exactly, surrounding blanks ignored.",
            evaluate: { input in
                flag(input.subject, "isrepeat") ? (true, input.subject) : (false, nil)
            }),
    ]

    /// The registration's redirect URI facts, in order (web, spa, publicClient).
    private static func redirectURIs(_ input: FunctionInput) -> [ModelNode] {
        input.root.member("facts")?.member("redirecturis")?.elements ?? []
    }

    /// A boolean fact of a redirect URI.
    private static func flag(_ node: ModelNode, _ member: String) -> Bool {
        node.member(member)?.scalar == .bool(true)
    }

    /// Whether the subject's host is one of the listed domains or a subdomain of one.
    private static func hostIsIn(_ input: FunctionInput, list: ParamValue?) -> Bool {
        guard let host = input.subject.member("host")?.string?.lowercased(), !host.isEmpty else { return false }
        guard case .list(let domains)? = list else { return false }
        let hostBytes = Array(host.utf8)
        for case .string(let domain) in domains where domainCovers(domain, hostBytes) { return true }
        return false
    }

    /// True when `host` (lower-case bytes) is the listed domain or a subdomain of it. The entry
    /// may be written `domain`, `.domain` or `*.domain`, in any case; compared on bytes, without
    /// building strings (it runs for every redirect URI against every listed domain).
    static func domainCovers(_ entry: String, _ host: [UInt8]) -> Bool {
        var entry = entry
        return entry.withUTF8 { listed in
            var start = 0, end = listed.count
            if end >= 2, listed[0] == 42, listed[1] == 46 { start = 2 }          // "*."
            while start < end, listed[start] == 46 || listed[start] == 32 { start += 1 }
            while end > start, listed[end - 1] == 46 || listed[end - 1] == 32 { end -= 1 }
            let length = end - start
            guard length > 0, host.count >= length else { return false }
            let offset = host.count - length
            // From the end: most listed domains differ from a host in its last letters.
            var k = length - 1
            while k >= 0 {
                var c = listed[start + k]
                if c >= 65 && c <= 90 { c += 32 }
                if host[offset + k] != c { return false }
                k -= 1
            }
            return offset == 0 || host[offset - 1] == 46
        }
    }
}
