import Foundation
import Synchronization

/// A rule's regular expression (ICU, as `NSRegularExpression` runs it) with the literal texts one
/// of which every match must contain, found by reading the pattern: a value with none of them is
/// ruled out by a byte search, and a pattern that is nothing but its literal is answered by that
/// search alone. (REG703 runs `…\.azurehealthcareapis\.com…` over every setting of a
/// configuration file; ICU over 40,000 settings was a sixth of a run. REG603's and REG604's name
/// patterns are alternations, `^\W*(outlook|onedrive|…)\b`: one of the words must be there.)
final class RegexPattern: Sendable {
    private let source: String
    /// Compiled at once when there is no literal to try first, else on the first text that holds
    /// one (compiling the ICU patterns of REG603 and REG604 was a tenth of the start-up of a
    /// one-file run, and most names never need them).
    private let compiled: Mutex<NSRegularExpression??>
    /// Texts one of which every match contains (lower-cased when `foldsCase`), or empty when
    /// unknown.
    let literals: [[UInt8]]
    /// The option the pattern was compiled with, and whether the literals compare without case
    /// (the option, or a leading `(?i)`).
    let caseInsensitive: Bool
    let foldsCase: Bool
    /// The pattern matches exactly the texts that contain its one literal.
    let isLiteral: Bool

    init(_ source: String, caseInsensitive: Bool) {
        self.source = source
        let required = RegexPattern.requiredLiterals(in: source, caseInsensitive: caseInsensitive)
        literals = required.map { found in found.caseInsensitive ? found.alternatives.map { $0.map(CaseInsensitive.lower) } : found.alternatives } ?? []
        self.caseInsensitive = caseInsensitive
        self.foldsCase = required?.caseInsensitive ?? caseInsensitive
        isLiteral = required?.whole ?? false
        compiled = Mutex(literals.isEmpty ? .some(Self.compile(source, caseInsensitive: caseInsensitive)) : nil)
    }

    /// The pattern as ICU compiles it; nil for one it refuses (which never matches).
    private static func compile(_ source: String, caseInsensitive: Bool) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: source, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    /// Whether ICU accepts the pattern (one it refuses never matches).
    var compiles: Bool { regex != nil }

    private var regex: NSRegularExpression? {
        compiled.withLock { state in
            if let known = state { return known }
            let made = Self.compile(source, caseInsensitive: caseInsensitive)
            state = .some(made)
            return made
        }
    }

    func matches(_ text: String) -> Bool {
        if !literals.isEmpty, let contained = contains(text) {
            if !contained { return false }
            // A pattern that is its literal matches exactly where the literal is, once ICU
            // accepts the pattern at all.
            if isLiteral { return regex != nil }
        }
        guard let regex else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Whether `text` contains one of the literals; nil when a byte search cannot say
    /// (case-insensitive over non-ASCII text, where ICU folds `K` (Kelvin) to `k` and `ſ` to `s`).
    /// Without case, the text is lower-cased once into a scratch buffer and each literal searched
    /// for there (`memchr`, then `memcmp`).
    private func contains(_ text: String) -> Bool? {
        UTF8Bytes.with(text) { bytes -> Bool? in
            guard foldsCase else { return literals.contains { literal in literal.withUnsafeBufferPointer { bytes.contains($0) } } }
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return CaseInsensitive.withLowercased(bytes) { text in
                literals.contains { literal in literal.withUnsafeBufferPointer { text.contains($0) } }
            }
        }
    }

    /// Literal texts one of which every match of `source` contains, read from the pattern's
    /// structure: a run of ASCII literal characters is one; a group that must match (no `?`, `*`
    /// or `{…}` after it) gives one from each of its alternatives, and an alternation at the
    /// top level one from each of its branches. Classes, escapes such as `\d`, anchors and `.`
    /// end a run; a quantifier takes back the character it applies to; lookarounds and other
    /// `(?…)` groups give nothing; an inline flag other than a leading `(?i)`, a comment
    /// `(?#…)`, `\Q…\E` anywhere (`changesReading`) or an escape with an argument (`\x41`,
    /// `\p{L}`) gives nil for the whole pattern. Of the
    /// candidates the one whose shortest text is longest is kept. `whole` when the pattern is
    /// nothing but its one literal.
    static func requiredLiterals(in source: String, caseInsensitive: Bool) -> (alternatives: [[UInt8]], caseInsensitive: Bool, whole: Bool)? {
        let p = Array(source.utf8)
        var k = 0
        var ci = caseInsensitive
        if p.starts(with: Array("(?i)".utf8)) {
            ci = true
            k = 4
        }
        guard !changesReading(p, from: k), let found = requirement(p, k..<p.count), let alternatives = found.alternatives else { return nil }
        return (alternatives, ci, found.whole)
    }

    /// Whether `p` (from `start`) has anything that changes how ICU reads what follows it, seen
    /// anywhere, escaped or not (a false alarm only costs the prefilter): quoting (`\Q…\E`), a
    /// comment (`(?#…)`, which ends at its first `)`), or an inline flag (`(?x)` makes blanks and
    /// `#` comments, `(?-i)` case). Inside a group the reader does not enter (a lookaround) these
    /// would move where ICU ends it, and a `|` hidden there would be missed.
    private static func changesReading(_ p: [UInt8], from start: Int) -> Bool {
        var k = start
        while k + 1 < p.count {
            if p[k] == UInt8(ascii: "\\"), p[k + 1] == UInt8(ascii: "Q") { return true }
            if p[k] == UInt8(ascii: "("), p[k + 1] == UInt8(ascii: "?"), k + 2 < p.count {
                let c = p[k + 2]
                if c == UInt8(ascii: "#") || c == UInt8(ascii: "-") || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) { return true }
            }
            k += 1
        }
        return false
    }

    /// The escapes that stand for a class or a place (`\d`, `\w`, `\s`, `\b` and their
    /// negations): they end a literal run.
    private static let classEscapes = Array("dDwWsSbB".utf8)

    /// What `p[range]` requires: `alternatives` nil when nothing can be told, `whole` when the
    /// range is one literal run; nil (the outer optional) when the pattern must not be read at
    /// all (an inline flag, an unbalanced group, an escape with an argument).
    private static func requirement(_ p: [UInt8], _ range: Range<Int>) -> (alternatives: [[UInt8]]?, whole: Bool)? {
        guard let branches = topLevelBranches(p, range) else { return nil }
        if branches.count > 1 {
            var union: [[UInt8]] = []
            for branch in branches {
                guard let found = sequenceRequirement(p, branch) else { return nil }
                guard let alternatives = found.alternatives else { return (nil, false) }
                for text in alternatives where !union.contains(text) { union.append(text) }
            }
            return (union, false)
        }
        return sequenceRequirement(p, range)
    }

    /// `range` split at its `|` outside groups and classes; nil at an unbalanced `)`.
    private static func topLevelBranches(_ p: [UInt8], _ range: Range<Int>) -> [Range<Int>]? {
        var branches: [Range<Int>] = []
        var start = range.lowerBound
        var k = range.lowerBound
        while k < range.upperBound {
            switch p[k] {
            case UInt8(ascii: "\\"): k += 1
            case UInt8(ascii: "["):
                guard let close = classEnd(p, from: k), close < range.upperBound else { return nil }
                k = close
            case UInt8(ascii: "("):
                guard let close = groupEnd(p, from: k), close < range.upperBound else { return nil }
                k = close
            case UInt8(ascii: ")"): return nil
            case UInt8(ascii: "|"):
                branches.append(start..<k)
                start = k + 1
            default: break
            }
            k += 1
        }
        branches.append(start..<range.upperBound)
        return branches
    }

    /// The requirement of a sequence with no `|` of its own: its literal runs and required
    /// groups are candidates, every one of which every match satisfies; the best is kept.
    private static func sequenceRequirement(_ p: [UInt8], _ range: Range<Int>) -> (alternatives: [[UInt8]]?, whole: Bool)? {
        var candidates: [[[UInt8]]] = []
        var run: [UInt8] = []
        var previousWasLiteral = false
        var onlyLiteral = true
        func endRun() {
            if !run.isEmpty { candidates.append([run]) }
            run = []
        }
        var k = range.lowerBound
        let end = range.upperBound
        while k < end {
            let c = p[k]
            switch c {
            case UInt8(ascii: "("):
                var content = k + 1
                var reads = true
                if k + 1 < end, p[k + 1] == UInt8(ascii: "?") {
                    if k + 2 < end, p[k + 2] == UInt8(ascii: "-") || (p[k + 2] >= 97 && p[k + 2] <= 122) { return nil }
                    if k + 2 < end, p[k + 2] == UInt8(ascii: ":") { content = k + 3 } else { reads = false }
                }
                guard let close = groupEnd(p, from: k), close < end else { return nil }
                endRun()
                onlyLiteral = false
                previousWasLiteral = false
                let after = close + 1 < end ? p[close + 1] : 0
                let optional = after == UInt8(ascii: "?") || after == UInt8(ascii: "*") || after == UInt8(ascii: "{")
                if reads {
                    guard let inner = requirement(p, content..<close) else { return nil }
                    if !optional, let alternatives = inner.alternatives { candidates.append(alternatives) }
                }
                k = close + 1
            case UInt8(ascii: "["):
                guard let close = classEnd(p, from: k), close < end else { return nil }
                endRun()
                onlyLiteral = false
                previousWasLiteral = false
                k = close + 1
            case UInt8(ascii: "|"), UInt8(ascii: ")"):
                return nil
            case UInt8(ascii: "\\"):
                guard k + 1 < end else { return nil }
                let d = p[k + 1]
                let isAlphanumeric = (d >= 48 && d <= 57) || (d >= 65 && d <= 90) || (d >= 97 && d <= 122)
                if !isAlphanumeric, d < 0x80 {
                    run.append(d)
                    previousWasLiteral = true
                } else if classEscapes.contains(d) {
                    endRun()
                    onlyLiteral = false
                    previousWasLiteral = false
                } else {
                    return nil
                }
                k += 2
            case UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "+"), UInt8(ascii: "{"):
                if previousWasLiteral, !run.isEmpty { run.removeLast() }
                endRun()
                onlyLiteral = false
                previousWasLiteral = false
                if c == UInt8(ascii: "{") {
                    guard let close = p[k..<end].firstIndex(of: UInt8(ascii: "}")) else { return nil }
                    k = close
                }
                k += 1
                // A lazy or possessive mark belongs to the quantifier.
                if k < end, p[k] == UInt8(ascii: "?") || p[k] == UInt8(ascii: "+") { k += 1 }
            case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"):
                endRun()
                onlyLiteral = false
                previousWasLiteral = false
                k += 1
            default:
                guard c < 0x80, c >= 0x20 else { return nil }
                run.append(c)
                previousWasLiteral = true
                k += 1
            }
        }
        endRun()
        // The candidate whose shortest text is longest, then the one with fewer texts: the most
        // selective search.
        let best = candidates.max { a, b in
            let shortestA = a.map(\.count).min() ?? 0, shortestB = b.map(\.count).min() ?? 0
            return shortestA != shortestB ? shortestA < shortestB : a.count > b.count
        }
        return (best, onlyLiteral && candidates.count == 1 && best?.count == 1)
    }

    /// The index of the `)` closing the group opened at `start`, past nested groups, classes
    /// and escapes.
    private static func groupEnd(_ p: [UInt8], from start: Int) -> Int? {
        var depth = 0
        var k = start
        while k < p.count {
            switch p[k] {
            case UInt8(ascii: "\\"): k += 1
            case UInt8(ascii: "["):
                guard let close = classEnd(p, from: k) else { return nil }
                k = close
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return k }
            default: break
            }
            k += 1
        }
        return nil
    }

    /// The index of the `]` closing the class opened at `start` (a `]` first in it is literal;
    /// nested classes, as ICU allows, are followed).
    private static func classEnd(_ p: [UInt8], from start: Int) -> Int? {
        var depth = 0
        var k = start
        while k < p.count {
            switch p[k] {
            case UInt8(ascii: "\\"): k += 1
            case UInt8(ascii: "["):
                depth += 1
                if k + 1 < p.count, p[k + 1] == UInt8(ascii: "^") { k += 1 }
                if k + 1 < p.count, p[k + 1] == UInt8(ascii: "]") { k += 1 }
            case UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return k }
            default: break
            }
            k += 1
        }
        return nil
    }
}
