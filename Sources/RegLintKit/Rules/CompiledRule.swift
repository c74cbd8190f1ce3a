import Foundation
import RuleSchema

/// A rule ready to run: its spec, its message template paths compiled, and its regular
/// expressions compiled on first use (rule files are validated when read, so none can fail here).
public struct CompiledRule: Sendable {
    public var spec: RuleSpec
    let patterns: PatternCache
    /// The message templates of its branches, split into parts once.
    let templates: [String: MessageTemplate]
    /// `appliesTo` read once: the app kinds named, and whether `application` (every registration
    /// that is not a configuration file) or nothing (every registration) is.
    let appliesToKinds: Set<AppKind>
    let appliesToApplications: Bool

    public init(spec: RuleSpec) {
        self.spec = spec
        patterns = PatternCache()
        var templates: [String: MessageTemplate] = [:]
        for template in spec.branches.flatMap({ [$0.message, $0.related?.message].compactMap { $0 } }) where templates[template] == nil {
            templates[template] = MessageTemplate(template)
        }
        self.templates = templates
        appliesToKinds = Set(spec.appliesTo.compactMap(AppKind.init(rawValue:)))
        appliesToApplications = spec.appliesTo.contains("application")
    }

    /// Whether the rule runs on a registration of these kinds: a configuration file only when
    /// the rule names `config`; an application when the rule names nothing, `application`, or
    /// one of its kinds.
    func applies(to kinds: Set<AppKind>) -> Bool {
        if kinds.contains(.config) { return appliesToKinds.contains(.config) }
        if spec.appliesTo.isEmpty || appliesToApplications { return true }
        return !appliesToKinds.isDisjoint(with: kinds)
    }

    public var id: String { spec.id }

}

/// The rule's regular expressions, each compiled the first time a registration reaches it: most
/// runs never evaluate most patterns, and compiling them all slowed every start.
/// `NSRegularExpression` is immutable and safe to share; the lock guards only the cache.
final class PatternCache: @unchecked Sendable {
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression?] = [:]

    func matches(_ source: String, _ text: String) -> Bool {
        guard let regex = regex(source) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// nil only for a pattern the rule file parser would have refused.
    private func regex(_ source: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let known = compiled[source] { return known }
        let regex = try? NSRegularExpression(pattern: source)
        compiled[source] = regex
        return regex
    }
}
