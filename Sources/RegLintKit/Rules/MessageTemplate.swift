import RuleSchema

/// A message template (`'{displayName|keyId}' expires on {endDateTime}`) split once, when the rule
/// is compiled, into text and placeholders with their paths: rendering a finding's message is then
/// a walk over parts, not a parse of the template per finding.
struct MessageTemplate: Sendable {
    /// What fills a placeholder.
    enum Slot: Sendable {
        case now
        case param(String)
        /// A path, with whether its last segment holds a secret (masked) or a date (printed as one).
        case path(RulePath, isSecret: Bool, isDate: Bool)
        /// A name that is no path: renders as `(none)`.
        case none
    }

    /// Literal text, or a placeholder with its alternatives (`{a|b}`: the first that has a value).
    enum Part: Sendable {
        case text(String)
        case slot([Slot])
    }

    let parts: [Part]

    init(_ template: String) {
        var parts: [Part] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            let name = rest[rest.index(after: open)..<close]
            parts.append(.slot(name.split(separator: "|", omittingEmptySubsequences: false).map { MessageTemplate.slot(String($0)) }))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    private static func slot(_ name: String) -> Slot {
        if name == "now" { return .now }
        if name.hasPrefix("param.") { return .param(String(name.dropFirst(6))) }
        guard let path = RulePath(name) else { return .none }
        let last = path.segments.last ?? ""
        return .path(path, isSecret: SecretFields.isSecretBearing(last), isDate: last.hasSuffix("date") || last.hasSuffix("datetime"))
    }

    /// Every path the template reads.
    var paths: [RulePath] {
        parts.flatMap { part -> [RulePath] in
            guard case .slot(let slots) = part else { return [] }
            return slots.compactMap { if case .path(let path, _, _) = $0 { path } else { nil } }
        }
    }
}
