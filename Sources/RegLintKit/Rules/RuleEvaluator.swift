import RuleSchema

/// What one rule concluded about one registration.
public enum RuleOutcome: Sendable {
    /// The rule does not apply to this kind of app: no test case.
    case notApplicable
    /// The export lacks or cannot tell a field the rule needs: not a pass. `reason` is a phrase
    /// ("'owners' is absent from this export").
    case notEvaluated(reason: String)
    /// Evaluated; empty means passed.
    case evaluated([RawFinding])
}

/// A finding before positions are resolved: the node it points at and its rendered message.
public struct RawFinding: Sendable {
    public var severity: Severity
    public var message: String
    public var origin: NodeOrigin
    /// Stable logical path for fingerprints (`passwordCredentials[keyId=…].endDateTime`).
    public var logicalPath: String
    /// Related places with what they are.
    public var related: [(origin: NodeOrigin, message: String)] = []
    /// The credential, redirect URI or permission the rule judged (for suppressions and baselines).
    public var keyId: String?
    public var uri: String?
    public var permission: String?
}

/// Evaluates compiled rules against one registration's canonical model.
public struct RuleEvaluator: Sendable {
    public let now: Instant
    public let functions: BuiltinFunctions

    public init(now: Instant, functions: BuiltinFunctions = .standard) {
        self.now = now
        self.functions = functions
    }

    public func evaluate(_ rule: CompiledRule, on registration: Registration, params overrides: [String: ParamValue] = [:]) -> RuleOutcome {
        evaluate(rule, on: registration, params: overrides, trace: nil)
    }

    /// The same, recording unknown values in `trace` (emptied first) when one is given: the rules
    /// of a registration evaluated one after another share one, where each made its own (45
    /// allocations per registration).
    func evaluate(_ rule: CompiledRule, on registration: Registration, params overrides: [String: ParamValue], trace reused: UnknownTrace?) -> RuleOutcome {
        guard rule.applies(toKindBits: registration.facts.kindBits) else { return .notApplicable }
        let spec = rule.program
        let trace = reused ?? UnknownTrace()
        trace.reset()
        let context = Context(root: registration.root, rule: spec, overrides: overrides.isEmpty ? nil : Context.Overrides(spec.params.merging(overrides) { _, new in new }),
                              now: now, functions: functions, trace: trace)
        for k in spec.requires.indices where context.resolve(spec.requires[k], from: registration.root).isEmpty {
            return .notEvaluated(reason: spec.absentReasons[k])
        }
        var findings: [RawFinding] = []
        var undecided = false
        var anySubject = false
        // Each subject with what its logical path is made of (the path itself is built only for
        // a finding), visited where it is found: no list of subjects per rule and registration.
        func visit(_ subject: ModelNode, base: String?, index: Int) {
            anySubject = true
            // By index: a branch is copied (its fields retained and released) only for a finding.
            for b in spec.branches.indices {
                let result = context.holds(spec.branches[b].match, subject)
                if result.unknown { undecided = true }
                guard result.holds else { continue }
                findings.append(finding(spec.branches[b], message: spec.branchMessages[b], related: spec.relatedMessages[b], severity: spec.severity,
                                        result: result, subject: subject, base: base, index: index, root: registration.root, context: context))
                break
            }
        }
        if spec.forEach.isEmpty {
            visit(registration.root, base: nil, index: 0)
        } else {
            for path in spec.forEach {
                for node in context.resolve(path, from: registration.root) {
                    node.forEachListItem { item, index in visit(item, base: path.text, index: index) }
                }
            }
        }
        if findings.isEmpty, undecided || trace.first != nil && !anySubject {
            return .notEvaluated(reason: trace.first ?? "a value the rule reads is unknown in this export")
        }
        return .evaluated(findings)
    }

    /// The finding a branch makes on a subject: where it points, its logical path and message.
    private func finding(_ branch: RuleBranch, message: MessageTemplate, related relatedMessage: MessageTemplate?, severity: Severity,
                         result: Context.Result, subject: ModelNode, base: String?, index: Int, root: ModelNode, context: Context) -> RawFinding {
        var target = subject
        var reported: [String] = []
        if let report = branch.report, let node = context.resolve(report, from: subject).first, node.origin.span != nil {
            target = node
            // `report: '@'` (the subject itself) adds nothing to the path.
            reported = report.segments
        } else if let witness = result.witness, witness.origin.span != nil {
            target = witness
        }
        if target.origin.span == nil { target = subject.origin.span == nil ? root : subject }
        var finding = RawFinding(
            severity: branch.severity ?? severity,
            message: context.render(message, subject: subject),
            origin: target.origin,
            logicalPath: Self.logicalPath(base: base, subject: subject, index: index, reported: reported))
        if base != nil {
            finding.keyId = subject.member("keyid")?.string
            finding.uri = subject.member("uri")?.string
            finding.permission = subject.member("resourceappid")?.string
        }
        if let related = branch.related, let relatedMessage {
            for node in context.resolve(related.path, from: subject) where node.origin.span != nil || node.origin.resolved != nil {
                finding.related.append((node.origin, context.render(relatedMessage, subject: subject)))
            }
        }
        return finding
    }

    /// A finding's stable logical path (`passwordcredentials[keyid=…].enddatetime`): the list
    /// element it is about, named by a key of it (`base[identity]`), then the segments the branch
    /// reports, joined with dots (`RulePath` segments are never empty). Written as bytes and made
    /// a string once: its parts lower-cased, joined and interpolated one by one were six
    /// allocations a finding.
    static func logicalPath(base: String?, subject: ModelNode, index: Int, reported segments: [String]) -> String {
        var out: [UInt8] = []
        if let base {
            // Room for most paths (a list's name and a GUID identity are about 60 bytes).
            out.reserveCapacity(96)
            CaseInsensitive.appendLowercased(base, to: &out)
            out.append(UInt8(ascii: "["))
            appendIdentity(of: subject, index: index, to: &out)
            out.append(UInt8(ascii: "]"))
        }
        for segment in segments {
            if !out.isEmpty { out.append(UInt8(ascii: ".")) }
            out.append(contentsOf: segment.utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The key that names a list element stably across re-exports and reordering, appended as
    /// UTF-8: `keyid=…`, `uri=…`, `resourceappid=…`, `id=…` or `name=…` lower-cased, `value=…`
    /// for a string element, else its index.
    private static func appendIdentity(of node: ModelNode, index: Int, to out: inout [UInt8]) {
        for key: StaticString in ["keyid", "uri", "resourceappid", "id", "name"] {
            guard let member = key.withUTF8Buffer({ node.member(named: $0) }), member.stringByteCount != nil else { continue }
            key.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(UInt8(ascii: "="))
            // A JSON string without escapes is lower-cased on its bytes where they are ASCII;
            // any other is decoded first.
            if case .json(let value) = member, !value.entry.hasEscapes,
               value.withRawStringBytes({ CaseInsensitive.appendLowercased($0, to: &out) }) == true {
                return
            }
            CaseInsensitive.appendLowercased(member.string ?? "", to: &out)
            return
        }
        if let value = node.string {
            out.append(contentsOf: "value=".utf8)
            out.append(contentsOf: value.utf8)
            return
        }
        DecimalText.append(index, to: &out)
    }
}

/// Records the first unknown value a rule met, so "no finding" can become "not evaluated".
/// Used by one evaluation at a time: one per rule evaluation, or one per registration whose
/// rules are evaluated in turn on one thread (hence `@unchecked`).
final class UnknownTrace: @unchecked Sendable {
    private(set) var first: String?
    func record(_ reason: String) { if first == nil { first = reason } }
    func reset() { first = nil }
}

/// The evaluation of one rule on one registration: parameters, the root and the clock.
///
/// The rule's parts are read through its compiled object (`rule`), not copied into fields of
/// their own: a context is made for every rule and registration, and each field was retained
/// and released with it.
struct Context {
    let root: ModelNode
    let rule: CompiledRule.Storage
    /// The parameters when the configuration sets some (else the rule's own).
    let overrides: Overrides?
    let now: Instant
    let functions: BuiltinFunctions
    let trace: UnknownTrace

    /// A rule's parameters merged with the configuration's, and as literal lists.
    final class Overrides: Sendable {
        let params: [String: ParamValue]
        let paramLiterals: [String: [Literal]]

        init(_ params: [String: ParamValue]) {
            self.params = params
            paramLiterals = params.mapValues(\.literals)
        }
    }

    var params: [String: ParamValue] { overrides?.params ?? rule.params }

    /// The parameter named `name`, looked up where it is: `params[name]` copied (retained) the
    /// rule's table, which the registrations linted on other cores retain too.
    func param(_ name: String) -> ParamValue? {
        if let overrides { return overrides.params[name] }
        return rule.params[name]
    }

    /// The parameter as a literal list, made once per rule (not per `in:` test).
    func paramLiterals(_ name: String) -> [Literal]? {
        if let overrides { return overrides.paramLiterals[name] }
        return rule.paramLiterals[name]
    }
    var patterns: PatternCache { rule.patterns }
    var templates: [String: MessageTemplate] { rule.templates }

    /// The longest value, in UTF-8 bytes, a `matches` condition runs its pattern over.
    static let longestMatchedText = 1 << 20

    struct Result {
        var holds: Bool
        /// The first value that made a leaf condition hold, for the finding's location.
        var witness: ModelNode?
        /// The condition reads a value the export does not give, so it can be neither true nor false.
        var unknown = false
    }

    func resolve(_ path: RulePath, from subject: ModelNode) -> NodeList {
        // Objects all the way down (most paths) are followed node to node, without a list per step.
        guard let (node, step) = followObjects(path, subject) else { return .none }
        if step == path.segmentBuffers.count || node.isUnknown {
            if let reason = node.unknownReason { trace.record("'\(path.text)' is unknown in this export (\(reason))") }
            return .one(node)
        }
        var current = NodeList.one(node)
        for bytes in path.segmentBuffers[step...] {
            var next = NodeList.none
            for node in current {
                if node.isUnknown {
                    next.append(node)
                } else if node.forEachElement({ item in if let m = item.member(named: bytes) { next.append(m) } }) {
                    continue
                } else if let m = node.member(named: bytes) {
                    next.append(m)
                }
            }
            current = next
            if current.isEmpty { break }
        }
        if let reason = current.first(where: \.isUnknown)?.unknownReason {
            trace.record("'\(path.text)' is unknown in this export (\(reason))")
        }
        return current
    }

    /// The value at `path` when following it meets only objects and ends at one value that is
    /// neither an array nor unknown, `.some(nil)` when a member on the way is missing, and nil
    /// when the path meets an array or an unknown value. The leaf conditions answer the first two
    /// cases (most of them) without a node list, type check and leaf closure; what they answer
    /// is what `resolve`, `values`, `typed` and `leaf` give for one such value, and a value those
    /// would turn unknown (recording why) takes their path.
    private func plainValue(_ path: RulePath, _ subject: ModelNode) -> ModelNode?? {
        guard let (node, step) = followObjects(path, subject) else { return .some(nil) }
        if step < path.segmentBuffers.count || node.isUnknown || node.isArray { return nil }
        return .some(node)
    }

    /// Follows `path` from its start through objects only: the node where it stopped (at its end,
    /// at an array or at an unknown value) and the number of segments taken, or nil when a member
    /// on the way is missing. `resolve` and `plainValue` both begin with this walk.
    ///
    /// Once the walk is inside a JSON value, the rest of it is followed on that document's tape
    /// (`JSONValue.follow`): one view made where it stops, not one per segment.
    private func followObjects(_ path: RulePath, _ subject: ModelNode) -> (node: ModelNode, step: Int)? {
        var node = path.fromRegistration ? root : subject
        let segments = path.segmentBuffers
        var step = 0
        while step < segments.count {
            if case .json(let value) = node {
                guard let (stop, taken) = value.follow(segments, from: step) else { return nil }
                return (.json(stop), step + taken)
            }
            if node.isUnknown || node.isArray { break }
            guard let found = node.member(named: segments[step]) else { return nil }
            node = found
            step += 1
        }
        return (node, step)
    }

    /// Resolved values with arrays opened up, for comparisons.
    func values(_ path: RulePath, _ subject: ModelNode) -> NodeList {
        let resolved = resolve(path, from: subject)
        // Most paths end at scalars: the list as it is, without a list per value.
        guard resolved.contains(where: \.isArray) else { return resolved }
        var opened = NodeList.none
        for node in resolved where !node.forEachElement({ opened.append($0) }) {
            opened.append(node)
        }
        return opened
    }

    /// Evaluates a condition in three values: it holds, it fails, or it cannot be told because a
    /// value it reads is unknown (`Result.unknown`); `not`, `allOf`, `anyOf` and `forEach` keep the
    /// third value, so "not unknown" is unknown, never true.
    func holds(_ condition: Condition, _ subject: ModelNode) -> Result {
        switch condition {
        case .exists(let path, let expected):
            if let plain = plainValue(path, subject) {
                let present = plain.flatMap { $0.isNull ? nil : $0 }
                return expected ? Result(holds: present != nil, witness: present) : Result(holds: present == nil, witness: plain)
            }
            let nodes = resolve(path, from: subject)
            let present = nodes.first { !$0.isNull && !$0.isUnknown }
            let unknown = present == nil && nodes.contains(where: \.isUnknown)
            if expected { return Result(holds: present != nil, witness: present, unknown: unknown) }
            return Result(holds: present == nil && !unknown, witness: nodes.first, unknown: unknown)
        case .isEmpty(let path, let expected):
            if let plain = plainValue(path, subject) {
                if expected { return Result(holds: plain?.isEmptyValue ?? true, witness: plain) }
                let nonEmpty = plain.flatMap { $0.isEmptyValue ? nil : $0 }
                return Result(holds: nonEmpty != nil, witness: nonEmpty)
            }
            let nodes = resolve(path, from: subject)
            let unknown = nodes.contains(where: \.isUnknown)
            if expected {
                return Result(holds: !unknown && nodes.allSatisfy(\.isEmptyValue), witness: nodes.first, unknown: unknown && nodes.allSatisfy { $0.isEmptyValue || $0.isUnknown })
            }
            let nonEmpty = nodes.first { !$0.isEmptyValue && !$0.isUnknown }
            return Result(holds: nonEmpty != nil, witness: nonEmpty, unknown: nonEmpty == nil && unknown)
        case .equals(let path, let literal):
            if let plain = plainValue(path, subject) {
                guard let node = plain else { return Result(holds: false, witness: nil) }
                if literal == .null || node.isNull || ValueKinds(literal: literal).accepts(node) {
                    return Self.equal(node, literal) ? Result(holds: true, witness: node) : Result(holds: false, witness: nil)
                }
            }
            return leaf(typed(values(path, subject), path, [literal])) { Self.equal($0, literal) }
        case .isIn(let path, let list):
            let literals: [Literal]
            switch list {
            case .literals(let items): literals = items
            case .param(let name): literals = paramLiterals(name) ?? []
            }
            if let plain = plainValue(path, subject) {
                guard let node = plain else { return Result(holds: false, witness: nil) }
                if node.isNull || literals.isEmpty || literals.contains(.null)
                    || ValueKinds(literals: literals).accepts(node) {
                    return literals.contains { Self.equal(node, $0) } ? Result(holds: true, witness: node) : Result(holds: false, witness: nil)
                }
            }
            return leaf(typed(values(path, subject), path, literals)) { node in literals.contains { Self.equal(node, $0) } }
        case .matches(let path, let pattern):
            if let plain = plainValue(path, subject) {
                guard let node = plain else { return Result(holds: false, witness: nil) }
                if (node.stringByteCount ?? 0) <= Self.longestMatchedText {
                    return node.string.map({ patterns.matches(pattern.source, $0) }) == true ? Result(holds: true, witness: node) : Result(holds: false, witness: nil)
                }
            }
            // A value over the bound is not matched (an ICU match over a 50 MB line took seconds
            // per pattern): unknown, so the rule says "not evaluated", never a pass.
            let nodes = values(path, subject).mapNodes { node -> ModelNode in
                guard let size = node.stringByteCount, size > Self.longestMatchedText else { return node }
                trace.record("'\(path.text)' holds \(size) bytes, more than the \(Self.longestMatchedText) reglint matches a pattern against")
                return .scalar(.unknown(reason: "too long to match"), origin: node.origin)
            }
            return leaf(nodes) { node in node.string.map { patterns.matches(pattern.source, $0) } ?? false }
        case .compare(let path, let comparison, let operand):
            if let plain = plainValue(path, subject) {
                guard let node = plain else { return Result(holds: false, witness: nil) }
                // A value the general path would make unknown (not a date where one belongs) goes
                // there, to be recorded.
                var readable = true
                if case .instant? = number(operand), !node.isNull, node.instant == nil {
                    if case .string(let text)? = node.scalar { readable = text.isEmpty } else { readable = false }
                }
                if readable { return compare(node, comparison, operand) ? Result(holds: true, witness: node) : Result(holds: false, witness: nil) }
            }
            var nodes = values(path, subject)
            if case .instant? = number(operand) {
                // A date that cannot be read ("garbage", 2026-02-30) is unknown, never a pass.
                nodes = nodes.mapNodes { node in
                    if node.isNull || node.isUnknown || node.instant != nil { return node }
                    guard case .string(let text)? = node.scalar else {
                        // A number, true/false, an object: not a date either, and never a pass.
                        trace.record("'\(path.text)' holds \(Self.kind(of: node)), which is not a date")
                        return .scalar(.unknown(reason: "not a date"), origin: node.origin)
                    }
                    guard !text.isEmpty else { return node }
                    trace.record("'\(path.text)' holds '\(text)', which is not a date")
                    return .scalar(.unknown(reason: "not a date"), origin: node.origin)
                }
            }
            return leaf(nodes) { compare($0, comparison, operand) }
        case .count(let path, let comparison, let operand):
            let nodes = resolve(path, from: subject)
            if nodes.contains(where: \.isUnknown) { return Result(holds: false, witness: nil, unknown: true) }
            let count = nodes.reduce(0) { total, node in total + node.asList.count }
            guard case .number(let bound)? = number(operand) else { return Result(holds: false, witness: nil) }
            return Result(holds: comparison.holds(order: Self.order(Double(count), bound)), witness: nodes.first)
        case .allOf(let items):
            var witness: ModelNode?
            var unknown = false
            for item in items {
                let result = holds(item, subject)
                if result.unknown { unknown = true; continue }
                guard result.holds else { return Result(holds: false, witness: nil) }
                if witness == nil { witness = result.witness }
            }
            return unknown ? Result(holds: false, witness: nil, unknown: true) : Result(holds: true, witness: witness)
        case .anyOf(let items):
            var unknown = false
            for item in items {
                let result = holds(item, subject)
                if result.holds { return result }
                unknown = unknown || result.unknown
            }
            return Result(holds: false, witness: nil, unknown: unknown)
        case .not(let inner):
            let result = holds(inner, subject)
            if result.unknown { return Result(holds: false, witness: nil, unknown: true) }
            return Result(holds: !result.holds, witness: nil)
        case .forEach(let path, let quantifier, let inner):
            let resolved = values(path, subject)
            var unknown = resolved.contains(where: \.isUnknown)
            // `null` where a collection belongs is an empty collection, not an element.
            let items = resolved.filter { !$0.isUnknown && !$0.isNull }
            var held: ModelNode?
            var failed = false
            for item in items {
                let result = holds(inner, item)
                if result.unknown { unknown = true } else if result.holds { if held == nil { held = result.witness ?? item } } else { failed = true }
                if quantifier == .any, held != nil { break }
            }
            switch quantifier {
            case .any:
                if let held { return Result(holds: true, witness: held) }
                return Result(holds: false, witness: nil, unknown: unknown)
            case .all:
                if failed { return Result(holds: false, witness: nil) }
                return Result(holds: !unknown, witness: nil, unknown: unknown)
            case .none:
                if held != nil { return Result(holds: false, witness: nil) }
                return Result(holds: !unknown, witness: nil, unknown: unknown)
            }
        case .function(let name, let args):
            // The rule parser refuses unknown names at build time; a registry without the name
            // (a test double) leaves the condition unknown rather than false.
            guard let function = functions.function(named: name) else {
                trace.record("the built-in function '\(name)' is not available")
                return Result(holds: false, witness: nil, unknown: true)
            }
            let outcome = function.evaluate(FunctionInput(subject: subject, root: root, args: args, params: params, now: now))
            return Result(holds: outcome.holds, witness: outcome.witness)
        }
    }

    /// Values whose type none of `literals` has (a number where true or false belongs, an object
    /// where a string belongs) cannot be compared with them: unknown, never a pass. Comparisons
    /// with `null` are left alone (any non-null value differs from it).
    private func typed(_ nodes: NodeList, _ path: RulePath, _ literals: [Literal]) -> NodeList {
        guard !literals.isEmpty, !literals.contains(.null) else { return nodes }
        // The common case, every value of a wanted type, is told without words or sets.
        let wantedKinds = ValueKinds(literals: literals)
        guard nodes.contains(where: { node in !node.isNull && !node.isUnknown && !wantedKinds.accepts(node) }) else { return nodes }
        let wanted = Set(literals.map(Self.kind(of:)))
        return nodes.mapNodes { node in
            if node.isNull || node.isUnknown { return node }
            if case .date? = node.scalar { return node }
            let kind = Self.kind(of: node)
            guard !wanted.contains(kind) else { return node }
            trace.record("'\(path.text)' holds \(kind) where \(wanted.sorted().joined(separator: " or ")) belongs")
            return .scalar(.unknown(reason: "\(kind) where \(wanted.sorted().joined(separator: " or ")) belongs"), origin: node.origin)
        }
    }

    /// A value's type in words, as in "holds a number".
    static func kind(of node: ModelNode) -> String {
        switch node.scalar {
        case .string?: "a string"
        case .number?: "a number"
        case .bool?: "true or false"
        case .null?: "null"
        case .date?: "a date"
        case .unknown?: "an unknown value"
        case nil: node.isArray ? "an array" : "an object"
        }
    }

    static func kind(of literal: Literal) -> String {
        switch literal {
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        }
    }

    /// A leaf over values: holds at the first value that satisfies it; unknown when none does and
    /// some value is unknown.
    private func leaf(_ values: NodeList, _ test: (ModelNode) -> Bool) -> Result {
        if let hit = values.first(where: { !$0.isUnknown && test($0) }) { return Result(holds: true, witness: hit) }
        return Result(holds: false, witness: nil, unknown: values.contains(where: \.isUnknown))
    }

    private enum Comparable { case number(Double), instant(Instant) }

    private func number(_ operand: Operand) -> Comparable? {
        switch operand {
        case .number(let n): return .number(n)
        case .date(let instant): return .instant(instant)
        case .duration(let days): return .number(days)
        case .param(let name):
            switch param(name) {
            case .number(let n)?: return .number(n)
            case .string(let s)?:
                if let instant = Instant(parsing: s) { return .instant(instant) }
                return ISODuration.days(s).map { .number($0) }
            default: return nil
            }
        case .daysFromNow(let days):
            switch days {
            case .number(let n): return .instant(now.adding(days: n))
            case .param(let name): return param(name)?.number.map { .instant(now.adding(days: $0)) }
            }
        }
    }

    private func compare(_ node: ModelNode, _ comparison: Comparison, _ operand: Operand) -> Bool {
        guard let bound = number(operand) else { return false }
        switch bound {
        case .number(let b):
            // Numbers compare with numbers; a duration value (`P180D`) compares as its days.
            switch node.scalar {
            case .number(let v)?: return comparison.holds(order: Self.order(v, b))
            case .string(let text)?:
                guard let v = ISODuration.days(text) else { return false }
                return comparison.holds(order: Self.order(v, b))
            default: return false
            }
        case .instant(let b):
            guard let v = node.instant else { return false }
            return comparison.holds(order: v < b ? -1 : (v == b ? 0 : 1))
        }
    }

    static func order(_ a: Double, _ b: Double) -> Int { a < b ? -1 : (a == b ? 0 : 1) }

    static func equal(_ node: ModelNode, _ literal: Literal) -> Bool {
        // A JSON string against a string literal: compared on the file's bytes, no String made.
        if case .json(let value) = node, case .string(let text) = literal, value.kind == .string, !value.entry.hasEscapes {
            if let same = value.withRawStringBytes({ CaseInsensitive.equal($0, text) }), let known = same { return known }
        }
        switch (node.scalar, literal) {
        case (.string(let s)?, .string(let t)): return CaseInsensitive.equal(s, t)
        case (.number(let n)?, .number(let m)): return n == m
        case (.bool(let b)?, .bool(let c)): return b == c
        case (.null?, .null): return true
        default: return false
        }
    }

    /// Fills a message template: `{path}`, `{$.path}`, `{param.NAME}`, `{now}`.
    func render(_ template: String, subject: ModelNode) -> String {
        render(templates[template] ?? MessageTemplate(template), subject: subject)
    }

    /// Written as UTF-8 bytes into one buffer and made a string once: a string per placeholder
    /// and the message grown by appends cost a third of a finding's rendering.
    func render(_ template: MessageTemplate, subject: ModelNode) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(192)
        for part in template.parts {
            switch part {
            case .text(let text):
                out.append(contentsOf: text.utf8)
            case .slot(let alternatives):
                for (k, slot) in alternatives.enumerated() {
                    let mark = out.count
                    fill(slot, subject: subject, into: &out)
                    if k == alternatives.count - 1 { break }
                    let filled = out[mark...]
                    if !filled.elementsEqual(Self.noneText) && !filled.elementsEqual(Self.unknownText) { break }
                    out.removeSubrange(mark...)
                }
            }
        }
        // Every piece appended is valid UTF-8 (a string's, or bytes checked to be ASCII).
        return String(decoding: out, as: UTF8.self)
    }

    private static let noneText = Array("(none)".utf8)
    private static let unknownText = Array("(unknown)".utf8)

    /// `fill` appended to `out`; a plain string of the export (ASCII, no escapes: key ids,
    /// names) copied from the document's bytes without a string made for it.
    private func fill(_ slot: MessageTemplate.Slot, subject: ModelNode, into out: inout [UInt8]) {
        guard case .path(let path, let isSecret, let isDate) = slot else { return out.append(contentsOf: fill(slot, subject: subject).utf8) }
        let resolved = plainValue(path, subject).map { plain in plain.map { NodeList.one($0) } ?? .none } ?? values(path, subject)
        if !isSecret, !isDate, case .one(let node) = resolved, case .json(let value) = node, value.kind == .string, !value.entry.hasEscapes,
           value.withRawStringBytes({ raw in
               guard raw.allSatisfy({ $0 < 0x80 }) else { return false }
               out.append(contentsOf: raw)
               return true
           }) == true {
            return
        }
        out.append(contentsOf: Self.text(of: resolved, isSecret: isSecret, isDate: isDate).utf8)
    }

    private func fill(_ slot: MessageTemplate.Slot, subject: ModelNode) -> String {
        switch slot {
        case .now:
            return now.dateString
        case .param(let name):
            return param(name)?.description ?? "(none)"
        case .none:
            return "(none)"
        case .path(let path, let isSecret, let isDate):
            return Self.text(of: values(path, subject), isSecret: isSecret, isDate: isDate)
        }
    }

    /// How a placeholder's values read: each value's text, `, ` between them; `(none)` for none.
    private static func text(of resolved: NodeList, isSecret: Bool, isDate: Bool) -> String {
        // One value (nearly every placeholder): its text, without lists.
        if case .one(let node) = resolved {
            return node.isNull || node.isUnknown ? "(none)" : text(of: node, isSecret: isSecret, isDate: isDate)
        }
        let nodes = resolved.filter { !$0.isNull && !$0.isUnknown }
        guard !nodes.isEmpty else { return "(none)" }
        return nodes.map { text(of: $0, isSecret: isSecret, isDate: isDate) }.joined(separator: ", ")
    }

    /// How one value reads in a message: masked when it is a secret, a date as a date.
    private static func text(of node: ModelNode, isSecret: Bool, isDate: Bool) -> String {
        if isSecret { return SecretMask.mask(node.string ?? "") }
        if isDate, let instant = node.instant { return instant.dateString }
        switch node.scalar {
        case .string(let s)?: return s
        case .number(let n)?: return Literal.number(n).description
        case .bool(let b)?: return String(b)
        case .date(let d)?: return d.dateString
        case .unknown?: return "(unknown)"
        default: return "(value)"
        }
    }
}

/// The value types a list of literals accepts, as bits (a condition's literals are one or two
/// types; telling a value's type against them must not build strings or sets).
struct ValueKinds: OptionSet {
    let rawValue: UInt8
    static let string = ValueKinds(rawValue: 1)
    static let number = ValueKinds(rawValue: 2)
    static let bool = ValueKinds(rawValue: 4)
    static let null = ValueKinds(rawValue: 8)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(literal: Literal) {
        switch literal {
        case .string: self = .string
        case .number: self = .number
        case .bool: self = .bool
        case .null: self = .null
        }
    }

    /// The types of all of `literals`.
    init(literals: [Literal]) {
        self = literals.reduce(into: ValueKinds()) { $0.insert(ValueKinds(literal: $1)) }
    }

    /// Whether `node` is of an accepted type (dates count as accepted: they compare as dates).
    func accepts(_ node: ModelNode) -> Bool {
        switch node.kindBits {
        case nil: return true
        case let bits?: return !bits.isEmpty && contains(bits)
        }
    }
}

extension ModelNode {
    /// A string's size in UTF-8 bytes (a JSON string's as written, escapes included), without
    /// decoding it; nil for other values.
    var stringByteCount: Int? {
        switch self {
        case .json(let value): return value.kind == .string ? Int(value.entry.end - value.entry.start) - 2 : nil
        case .scalar(.string(let text), _): return text.utf8.count
        case .field(let fields, let index): if case .string(let text) = fields[index].scalar { return text.utf8.count } else { return nil }
        default: return nil
        }
    }

    /// The node's type among `ValueKinds`; nil for a date (always accepted); an object or array is
    /// no scalar kind (empty set, never accepted).
    var kindBits: ValueKinds? {
        switch self {
        case .json(let value):
            switch value.kind {
            case .string: return .string
            case .number: return .number
            case .true, .false: return .bool
            case .null: return .null
            case .object, .array: return []
            }
        case .scalar(let scalar, _):
            return Self.kindBits(of: scalar)
        case .field(let fields, let index):
            return Self.kindBits(of: fields[index].scalar)
        case .object, .array: return []
        }
    }

    private static func kindBits(of scalar: ModelScalar) -> ValueKinds? {
        switch scalar {
        case .string: return .string
        case .number: return .number
        case .bool: return .bool
        case .null: return .null
        case .date: return nil
        case .unknown: return []
        }
    }
}
