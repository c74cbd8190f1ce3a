/// A rule's condition, as written in its YAML file and validated; evaluated by RegLintKit.
public indirect enum Condition: Sendable, Codable {
    case exists(RulePath, Bool)
    case equals(RulePath, Literal)
    case isIn(RulePath, ListOperand)
    case matches(RulePath, Pattern)
    case compare(RulePath, Comparison, Operand)
    case isEmpty(RulePath, Bool)
    case count(RulePath, Comparison, Operand)
    case allOf([Condition])
    case anyOf([Condition])
    case not(Condition)
    case forEach(RulePath, Quantifier, Condition)
    case function(String, [String: ParamValue])
}

/// How `forEach` inside a condition combines its elements.
public enum Quantifier: String, Sendable, CaseIterable, Codable {
    case any, all, none
}

/// The comparisons a rule can ask for.
public enum Comparison: String, Sendable, CaseIterable, Codable {
    case greaterThan, lessThan, atLeast, atMost, equals

    /// Whether `order` (-1, 0, 1 for less, same, greater) satisfies this comparison.
    public func holds(order: Int) -> Bool {
        switch self {
        case .greaterThan: order > 0
        case .lessThan: order < 0
        case .atLeast: order >= 0
        case .atMost: order <= 0
        case .equals: order == 0
        }
    }
}

/// A scalar a condition compares with.
public enum Literal: Sendable, Hashable, Codable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public var description: String {
        switch self {
        case .string(let s): s
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .bool(let b): String(b)
        case .null: "null"
        }
    }
}

/// The right-hand side of an ordering comparison.
public enum Operand: Sendable, Codable {
    case number(Double)
    case date(Instant)
    /// An ISO 8601 duration (`P180D`, `P2Y`), compared as days with numbers of days and durations.
    case duration(days: Double)
    case param(String)
    /// `--now` plus a number of days (a number, or a parameter's).
    case daysFromNow(NumberOrParam)
}

/// A number given directly or through a rule parameter.
public enum NumberOrParam: Sendable, Codable {
    case number(Double)
    case param(String)
}

/// The list `in:` compares with: literal, or a rule parameter holding a list.
public enum ListOperand: Sendable, Codable {
    case literals([Literal])
    case param(String)
}

/// A regular expression, validated when the rule file is read and compiled once.
public struct Pattern: Sendable, Codable {
    public let source: String
    public init(source: String) { self.source = source }
}

/// A rule parameter's value; overridable per example (and later per configuration).
public enum ParamValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case number(Double)
    case string(String)
    case bool(Bool)
    case list([ParamValue])

    public var description: String {
        switch self {
        case .number(let n): Literal.number(n).description
        case .string(let s): s
        case .bool(let b): String(b)
        case .list(let items): items.map(\.description).joined(separator: ", ")
        }
    }

    public var number: Double? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The value as literals, for `in:`.
    public var literals: [Literal] {
        switch self {
        case .number(let n): [.number(n)]
        case .string(let s): [.string(s)]
        case .bool(let b): [.bool(b)]
        case .list(let items): items.flatMap(\.literals)
        }
    }
}

extension Condition {
    /// Every path the condition reads, nested conditions included (for validation and for
    /// knowing which facts a rule set needs).
    public var paths: [RulePath] {
        switch self {
        case .exists(let p, _), .equals(let p, _), .isIn(let p, _), .matches(let p, _), .compare(let p, _, _), .isEmpty(let p, _), .count(let p, _, _):
            return [p]
        case .allOf(let list), .anyOf(let list):
            return list.flatMap(\.paths)
        case .not(let inner):
            return inner.paths
        case .forEach(let p, _, let inner):
            return [p] + inner.paths
        case .function:
            return []
        }
    }
}

extension RuleSpec {
    /// Every path the rule names: `requires`, `forEach`, conditions, `report` and `related`.
    public var allPaths: [RulePath] {
        requires + forEach + branches.flatMap { branch in
            branch.match.paths + [branch.report, branch.related?.path].compactMap { $0 }
        }
    }

    /// True when the rule reads the registration fact `facts.NAME` (lower-cased).
    public func readsFact(_ name: String) -> Bool {
        allPaths.contains { $0.segments.count >= 2 && $0.segments[0] == "facts" && $0.segments[1] == name }
    }
}
