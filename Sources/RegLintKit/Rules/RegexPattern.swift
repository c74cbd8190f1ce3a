import Foundation
import Synchronization

/// A rule's regular expression (ICU, as `NSRegularExpression` runs it) with the literal text every
/// match must contain, found by reading the pattern: a value without that text is ruled out by a
/// byte search, and a pattern that is nothing but its literal is answered by that search alone.
/// (REG703 runs `…\.azurehealthcareapis\.com…` over every setting of a configuration file; ICU
/// over 40,000 settings was a sixth of a run.)
final class RegexPattern: Sendable {
    private let source: String
    /// Compiled at once when there is no literal to try first, else on the first text that holds
    /// the literal (compiling the ICU patterns of REG603 and REG604 was a tenth of the start-up
    /// of a one-file run, and most names never need them).
    private let compiled: Mutex<NSRegularExpression??>
    /// Bytes every match contains (lower-cased when `foldsCase`), or empty when unknown.
    let literal: [UInt8]
    /// The option the pattern was compiled with, and whether the literal compares without case
    /// (the option, or a leading `(?i)`).
    let caseInsensitive: Bool
    let foldsCase: Bool
    /// The pattern matches exactly the texts that contain `literal`.
    let isLiteral: Bool

    init(_ source: String, caseInsensitive: Bool) {
        self.source = source
        let required = RegexPattern.requiredLiteral(in: source, caseInsensitive: caseInsensitive)
        literal = required.map { $0.caseInsensitive ? $0.bytes.map(Self.lower) : $0.bytes } ?? []
        self.caseInsensitive = caseInsensitive
        self.foldsCase = required?.caseInsensitive ?? caseInsensitive
        isLiteral = required?.whole ?? false
        compiled = Mutex(literal.isEmpty ? .some(Self.compile(source, caseInsensitive: caseInsensitive)) : nil)
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
        if !literal.isEmpty, let contained = contains(text) {
            if !contained { return false }
            // A pattern that is its literal matches exactly where the literal is, once ICU
            // accepts the pattern at all.
            if isLiteral { return regex != nil }
        }
        guard let regex else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Whether `text` contains the literal; nil when a byte search cannot say (case-insensitive
    /// over non-ASCII text, where ICU folds `K` (Kelvin) to `k` and `ſ` to `s`).
    private func contains(_ text: String) -> Bool? {
        var copy = text
        return copy.withUTF8 { bytes -> Bool? in
            let n = literal.count
            guard bytes.count >= n else { return foldsCase && !bytes.allSatisfy({ $0 < 0x80 }) ? nil : false }
            if foldsCase {
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
                for start in 0...(bytes.count - n) where Self.lower(bytes[start]) == literal[0] {
                    var k = 1
                    while k < n, Self.lower(bytes[start + k]) == literal[k] { k += 1 }
                    if k == n { return true }
                }
                return false
            }
            for start in 0...(bytes.count - n) where bytes[start] == literal[0] {
                var k = 1
                while k < n, bytes[start + k] == literal[k] { k += 1 }
                if k == n { return true }
            }
            return false
        }
    }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    /// The longest run of ASCII literal characters that every match of `source` contains, read
    /// from the top level of the pattern only: groups, classes, escapes such as `\d`, anchors and
    /// `.` end a run; a quantifier takes back the character it applies to; an alternation at the
    /// top level, an inline flag other than a leading `(?i)`, `\Q…\E` or an escape with an
    /// argument (`\x41`, `\p{L}`) gives nil. `whole` when the run is the entire pattern.
    static func requiredLiteral(in source: String, caseInsensitive: Bool) -> (bytes: [UInt8], caseInsensitive: Bool, whole: Bool)? {
        let p = Array(source.utf8)
        var k = 0
        var ci = caseInsensitive
        if p.starts(with: Array("(?i)".utf8)) {
            ci = true
            k = 4
        }
        var runs: [[UInt8]] = []
        var run: [UInt8] = []
        var previousWasLiteral = false
        var onlyLiteral = true
        func endRun() {
            if !run.isEmpty { runs.append(run) }
            run = []
        }
        while k < p.count {
            let c = p[k]
            switch c {
            case UInt8(ascii: "("):
                if k + 2 < p.count, p[k + 1] == UInt8(ascii: "?"), p[k + 2] == UInt8(ascii: "-") || (p[k + 2] >= 97 && p[k + 2] <= 122) { return nil }
                guard let close = groupEnd(p, from: k) else { return nil }
                endRun()
                onlyLiteral = false
                previousWasLiteral = false
                k = close + 1
            case UInt8(ascii: "["):
                guard let close = classEnd(p, from: k) else { return nil }
                endRun()
                onlyLiteral = false
                previousWasLiteral = false
                k = close + 1
            case UInt8(ascii: "|"), UInt8(ascii: ")"):
                return nil
            case UInt8(ascii: "\\"):
                guard k + 1 < p.count else { return nil }
                let d = p[k + 1]
                let isAlphanumeric = (d >= 48 && d <= 57) || (d >= 65 && d <= 90) || (d >= 97 && d <= 122)
                if !isAlphanumeric, d < 0x80 {
                    run.append(d)
                    previousWasLiteral = true
                } else if Array("dDwWsSbB".utf8).contains(d) {
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
                    guard let close = p[k...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
                    k = close
                }
                k += 1
                // A lazy or possessive mark belongs to the quantifier.
                if k < p.count, p[k] == UInt8(ascii: "?") || p[k] == UInt8(ascii: "+") { k += 1 }
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
        guard let longest = runs.max(by: { $0.count < $1.count }) else { return nil }
        return (longest, ci, onlyLiteral && runs.count == 1)
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
