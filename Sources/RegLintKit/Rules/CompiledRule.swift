import Foundation
import RuleSchema

/// A rule ready to run: its spec plus every regular expression compiled once at load time.
public struct CompiledRule: Sendable {
    public var spec: RuleSpec
    let patterns: PatternCache
    /// The message templates of its branches, split into parts once.
    let templates: [String: MessageTemplate]
    /// `appliesTo` read once: the app kinds named, and whether `application` (every registration
    /// that is not a configuration file) or nothing (every registration) is.
    let appliesToKinds: Set<AppKind>
    let appliesToApplications: Bool

    public init(spec: RuleSpec) throws(RuleFileError) {
        self.spec = spec
        var sources: [String] = []
        for branch in spec.branches { Self.collectPatterns(branch.match, into: &sources) }
        var compiled: [String: NSRegularExpression] = [:]
        for source in sources where compiled[source] == nil {
            do {
                compiled[source] = try NSRegularExpression(pattern: source)
            } catch {
                throw RuleFileError(file: spec.sourceFile, line: 1, column: 1, field: "matches", message: "not a valid regular expression: \(source)")
            }
        }
        patterns = PatternCache(compiled: compiled)
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

    private static func collectPatterns(_ condition: Condition, into out: inout [String]) {
        switch condition {
        case .matches(_, let pattern): out.append(pattern.source)
        case .allOf(let items), .anyOf(let items): items.forEach { collectPatterns($0, into: &out) }
        case .not(let inner), .forEach(_, _, let inner): collectPatterns(inner, into: &out)
        default: break
        }
    }
}

/// Compiled regular expressions; `NSRegularExpression` is immutable and safe to share.
struct PatternCache: @unchecked Sendable {
    let compiled: [String: NSRegularExpression]

    func matches(_ source: String, _ text: String) -> Bool {
        guard let regex = compiled[source] else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
