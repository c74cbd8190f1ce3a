import Foundation
import RuleSchema

/// A rule ready to run: its spec, its message template paths compiled, and its regular
/// expressions compiled on first use (rule files are validated when read, so none can fail here).
///
/// A value whose parts live in one shared object: the evaluator takes each rule once per
/// registration, and a struct of a spec's twenty strings and lists was retained field by field
/// every time. Setting `spec` (a configured severity) makes a new object.
public struct CompiledRule: Sendable {
    private var storage: Storage

    public var spec: RuleSpec {
        get { storage.spec }
        set { storage = Storage(spec: newValue) }
    }

    var patterns: PatternCache { storage.patterns }
    /// The message templates of its branches, split into parts once.
    var templates: [String: MessageTemplate] { storage.templates }
    /// What the evaluator reads on every registration, kept apart so it is read in place.
    var program: Storage { storage }

    public init(spec: RuleSpec) {
        storage = Storage(spec: spec)
    }

    /// Whether the rule runs on a registration of these kinds: a configuration file only when
    /// the rule names `config`; an application when the rule names nothing, `application`, or
    /// one of its kinds.
    func applies(to kinds: Set<AppKind>) -> Bool { storage.applies(to: AppKind.bits(of: kinds)) }

    /// The same with the kinds as bits (`RegistrationFacts.kindBits`).
    func applies(toKindBits kinds: UInt16) -> Bool { storage.applies(to: kinds) }

    public var id: String { storage.id }

    /// The compiled parts of one rule.
    final class Storage: Sendable {
        let spec: RuleSpec
        let id: String
        let name: String
        let severity: Severity
        let params: [String: ParamValue]
        /// Each parameter as the literals an `in: {param: …}` condition compares with.
        let paramLiterals: [String: [Literal]]
        let requires: [RulePath]
        /// Why the rule is not evaluated when each of `requires` is absent, worded once.
        let absentReasons: [String]
        let forEach: [RulePath]
        let branches: [RuleBranch]
        let patterns: PatternCache
        let templates: [String: MessageTemplate]
        /// Each branch's message and related-location message, by branch (no lookup per finding).
        let branchMessages: [MessageTemplate]
        let relatedMessages: [MessageTemplate?]
        /// `appliesTo` read once: the app kinds named, and whether `application` (every
        /// registration that is not a configuration file) or nothing (every registration) is.
        let appliesToKinds: UInt16
        let appliesToApplications: Bool
        let appliesToAll: Bool

        init(spec: RuleSpec) {
            self.spec = spec
            id = spec.id
            name = spec.name
            severity = spec.severity
            params = spec.params
            paramLiterals = spec.params.mapValues(\.literals)
            requires = spec.requires
            absentReasons = spec.requires.map { "'\($0.text)' is absent from this export" }
            forEach = spec.forEach
            branches = spec.branches
            patterns = PatternCache()
            var templates: [String: MessageTemplate] = [:]
            for template in spec.branches.flatMap({ [$0.message, $0.related?.message].compactMap { $0 } }) where templates[template] == nil {
                templates[template] = MessageTemplate(template)
            }
            self.templates = templates
            branchMessages = spec.branches.map { templates[$0.message] ?? MessageTemplate($0.message) }
            relatedMessages = spec.branches.map { branch in branch.related.map { templates[$0.message] ?? MessageTemplate($0.message) } }
            appliesToKinds = AppKind.bits(of: Set(spec.appliesTo.compactMap(AppKind.init(rawValue:))))
            appliesToApplications = spec.appliesTo.contains("application")
            appliesToAll = spec.appliesTo.isEmpty
        }

        func applies(to kinds: UInt16) -> Bool {
            if kinds & AppKind.config.bit != 0 { return appliesToKinds & AppKind.config.bit != 0 }
            if appliesToAll || appliesToApplications { return true }
            return appliesToKinds & kinds != 0
        }
    }
}

/// The rule's regular expressions, each compiled the first time a registration reaches it: most
/// runs never evaluate most patterns, and compiling them all slowed every start.
/// `NSRegularExpression` is immutable and safe to share; the lock guards only the cache.
final class PatternCache: @unchecked Sendable {
    private let lock = NSLock()
    private var compiled: [String: RegexPattern] = [:]

    func matches(_ source: String, _ text: String) -> Bool {
        pattern(source).matches(text)
    }

    /// Compiled on first use; a pattern the rule file parser would have refused never matches.
    private func pattern(_ source: String) -> RegexPattern {
        lock.lock()
        defer { lock.unlock() }
        if let known = compiled[source] { return known }
        let pattern = RegexPattern(source, caseInsensitive: false)
        compiled[source] = pattern
        return pattern
    }
}
