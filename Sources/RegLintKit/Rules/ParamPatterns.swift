import Foundation
import RuleSchema
import Synchronization

/// Regular expressions from rule parameters (REG603's placeholder names, REG604's look-alikes of
/// Microsoft's), compiled once per list and shared between threads.
///
/// A list is tried as one ICU search where it can be: its patterns that carry literals (a byte
/// search rules most names out; since the literals of an alternation are read too, all seven of
/// REG604's and three of REG603's) one by one, the rest joined as `(?:a)|(?:b)|…`. Every ICU search
/// converts the name to UTF-16 and sets up a matcher, which for seven patterns per registration
/// was most of REG604's time. A pattern that could read differently once joined (a back
/// reference, inline options, an unbalanced group) keeps the list's patterns apart.
final class ParamPatterns: Sendable {
    static let shared = ParamPatterns()

    /// A list's patterns as they are searched.
    struct PatternSet: Sendable {
        /// Patterns with a literal every match contains, tried first.
        var prefiltered: [RegexPattern] = []
        /// The other patterns joined, when they can be: those anchored at the start into one, the
        /// rest into another.
        var joined: [RegexPattern] = []
        /// The other patterns, one by one, when they cannot.
        var apart: [RegexPattern] = []

        func matches(_ text: String) -> Bool {
            for pattern in prefiltered where pattern.matches(text) { return true }
            for pattern in joined where pattern.matches(text) { return true }
            for pattern in apart where pattern.matches(text) { return true }
            return false
        }
    }

    /// The lists seen so far, found again by their storage (`Array ==` compares storage first):
    /// a rule's parameter is one array for the whole run.
    private let sets = Mutex<[(values: [ParamValue], set: PatternSet)]>([])

    /// Whether `text` matches one of the patterns (ICU, case-insensitive, unanchored) of `values`
    /// (entries that are not strings, and patterns ICU refuses, never match).
    func matchesAny(_ values: [ParamValue], _ text: String) -> Bool {
        patternSet(values).matches(text)
    }

    func patternSet(_ values: [ParamValue]) -> PatternSet {
        if let known = sets.withLock({ lists in lists.first { $0.values == values }?.set }) { return known }
        let made = Self.patternSet(values.compactMap { value -> String? in if case .string(let s) = value { s } else { nil } })
        sets.withLock { lists in
            if lists.count > 64 { lists.removeAll() }
            lists.append((values, made))
        }
        return made
    }

    static func patternSet(_ sources: [String]) -> PatternSet {
        var set = PatternSet()
        var rest: [String] = []
        for source in sources {
            let pattern = RegexPattern(source, caseInsensitive: true)
            if pattern.literals.isEmpty { rest.append(source) } else { set.prefiltered.append(pattern) }
        }
        if rest.count > 1, rest.allSatisfy(joinsSafely) {
            // Patterns anchored at the start joined under one `^`, which ICU tries at the first
            // position only (joined with the others, every alternative was tried at every one).
            let anchored = rest.filter(isStartAnchored)
            let floating = rest.filter { !isStartAnchored($0) }
            var joined: [RegexPattern] = []
            if anchored.count > 1 {
                joined.append(RegexPattern("^(?:" + anchored.map { "(?:\($0.dropFirst()))" }.joined(separator: "|") + ")", caseInsensitive: true))
            } else if let one = anchored.first {
                joined.append(RegexPattern(one, caseInsensitive: true))
            }
            if floating.count > 1 {
                joined.append(RegexPattern(floating.map { "(?:\($0))" }.joined(separator: "|"), caseInsensitive: true))
            } else if let one = floating.first {
                joined.append(RegexPattern(one, caseInsensitive: true))
            }
            if joined.allSatisfy(\.compiles) {
                set.joined = joined
                return set
            }
        }
        set.apart = rest.map { RegexPattern($0, caseInsensitive: true) }
        return set
    }

    /// Whether `source` (one that `joinsSafely`) starts with `^` and has no `|` outside its
    /// groups, so that `^` anchors all of it.
    static func isStartAnchored(_ source: String) -> Bool {
        source.utf8.first == UInt8(ascii: "^") && alternationOutsideGroups(source) == false
    }

    /// Whether `source` means the same inside `(?:…)|…` as alone: its groups balance outside
    /// character classes, and it has no back reference (`\1`, `\k<…>`), quoting (`\Q`), inline
    /// options or comments (`(?i)`, `(?x)`, `(?#`), named group or nested class.
    static func joinsSafely(_ source: String) -> Bool { alternationOutsideGroups(source) != nil }

    /// What joining needs to know of a pattern, from one reading of it: nil when it cannot be
    /// joined (`joinsSafely`), else whether it has a `|` outside its groups.
    private static func alternationOutsideGroups(_ source: String) -> Bool? {
        let p = Array(source.utf8)
        guard !p.isEmpty else { return nil }
        var alternation = false
        var depth = 0
        var inClass = false
        var k = 0
        while k < p.count {
            let c = p[k]
            if c == UInt8(ascii: "\\") {
                guard k + 1 < p.count else { return nil }
                let next = p[k + 1]
                if (next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9")) || next == UInt8(ascii: "k") || next == UInt8(ascii: "Q") { return nil }
                k += 2
                continue
            }
            if inClass {
                if c == UInt8(ascii: "[") { return nil }
                if c == UInt8(ascii: "]") { inClass = false }
                k += 1
                continue
            }
            switch c {
            case UInt8(ascii: "["):
                // `[]…]` and `[^]…]`: read differently by different engines; kept apart.
                var first = k + 1
                if first < p.count, p[first] == UInt8(ascii: "^") { first += 1 }
                if first < p.count, p[first] == UInt8(ascii: "]") { return nil }
                inClass = true
            case UInt8(ascii: "("):
                if k + 1 < p.count, p[k + 1] == UInt8(ascii: "?") {
                    let rest = p[(k + 2)...]
                    let allowed = [":", "=", "!", "<=", "<!", ">"].contains { rest.starts(with: Array($0.utf8)) }
                    if !allowed { return nil }
                }
                depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth < 0 { return nil }
            case UInt8(ascii: "|") where depth == 0:
                alternation = true
            default:
                break
            }
            k += 1
        }
        return depth == 0 && !inClass ? alternation : nil
    }
}
