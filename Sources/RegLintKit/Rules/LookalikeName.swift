import RuleSchema
import Synchronization

/// Whether a display name is, or nearly is, another name (REG604: a registration named like a
/// Microsoft first-party app). Names are compared in a folded form, so "Microsoft  Teams",
/// "microsoft-teams" and "Micr0soft Teams" are the same name, and then allowed one edit more
/// (a letter dropped, added or changed: "Microsft Teams") once they are long enough that an edit
/// does not make a different ordinary word.
enum LookalikeName {
    /// Folded names shorter than this must match exactly ("Bing", "OneNote").
    static let minimumLengthForOneEdit = 8
    /// Names at least this long may differ by two edits.
    static let minimumLengthForTwoEdits = 16

    /// One folded character: an ASCII or other single-scalar character is its scalar value; a
    /// character of several scalars (a letter with a combining mark) is a 64-bit FNV-1a hash of
    /// its scalars with the top bit set, so it never equals a scalar.
    typealias Letter = UInt64

    /// Lower case, letters and digits only, the digits and symbols that stand in for letters
    /// replaced by those letters (0→o, 1→l, 3→e, 4→a, 5→s, $→s, @→a, !→i, |→l).
    /// ASCII names (nearly all of them) are folded byte by byte, without `Character`.
    static func folded(_ name: String) -> [Letter] {
        var out: [Letter] = []
        out.reserveCapacity(name.utf8.count)
        var ascii = true
        for byte in name.utf8 {
            guard byte < 0x80 else { ascii = false; break }
            switch byte {
            case UInt8(ascii: "0"): out.append(Letter(UInt8(ascii: "o")))
            case UInt8(ascii: "1"), UInt8(ascii: "|"): out.append(Letter(UInt8(ascii: "l")))
            case UInt8(ascii: "3"): out.append(Letter(UInt8(ascii: "e")))
            case UInt8(ascii: "4"), UInt8(ascii: "@"): out.append(Letter(UInt8(ascii: "a")))
            case UInt8(ascii: "5"), UInt8(ascii: "$"): out.append(Letter(UInt8(ascii: "s")))
            case UInt8(ascii: "!"): out.append(Letter(UInt8(ascii: "i")))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(Letter(byte | 0x20))
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "2"), UInt8(ascii: "6")...UInt8(ascii: "9"): out.append(Letter(byte))
            default: break
            }
        }
        if ascii { return out }
        out.removeAll(keepingCapacity: true)
        for character in name.lowercased() {
            switch character {
            case "0": out.append(Letter(UInt8(ascii: "o")))
            case "1", "|": out.append(Letter(UInt8(ascii: "l")))
            case "3": out.append(Letter(UInt8(ascii: "e")))
            case "4", "@": out.append(Letter(UInt8(ascii: "a")))
            case "5", "$": out.append(Letter(UInt8(ascii: "s")))
            case "!": out.append(Letter(UInt8(ascii: "i")))
            default:
                if character.isLetter || character.isNumber { out.append(letter(character)) }
            }
        }
        return out
    }

    static func letter(_ character: Character) -> Letter {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first { return Letter(scalar.value) }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for scalar in scalars {
            hash = (hash ^ UInt64(scalar.value)) &* 0x0000_0100_0000_01b3
        }
        return hash | (1 << 63)
    }

    /// The folded forms of the known-name lists seen so far (one list per rule parameter, so the
    /// cache stays as small as the configuration).
    private static let foldedLists = Mutex<[[String]: [[Letter]]]>([:])

    static func foldedList(_ names: [String]) -> [[Letter]] {
        if let cached = foldedLists.withLock({ $0[names] }) { return cached }
        let folded = names.map(folded)
        foldedLists.withLock { cache in
            if cache.count > 64 { cache.removeAll() }
            cache[names] = folded
        }
        return folded
    }

    /// The first of `names` that `name` is or nearly is, folded; nil when none.
    static func match(_ name: String, in names: [String]) -> String? {
        match(name, names: names, targets: foldedList(names))
    }

    /// The same for a rule's list parameter (REG604's `firstPartyAppNames`, every registration).
    static func match(_ name: String, inParameter values: [ParamValue]) -> String? {
        let list = parameterList(values)
        return match(name, names: list.names, targets: list.folded)
    }

    private static func match(_ name: String, names: [String], targets: [[Letter]]) -> String? {
        let candidate = folded(name)
        guard !candidate.isEmpty else { return nil }
        for (known, target) in zip(names, targets) {
            let allowed = target.count >= minimumLengthForTwoEdits ? 2 : target.count >= minimumLengthForOneEdit ? 1 : 0
            if abs(candidate.count - target.count) <= allowed, editDistance(candidate, target, limit: allowed) <= allowed { return known }
        }
        return nil
    }

    /// The list parameters seen so far, with their names and folded forms. A rule's parameter is
    /// one array for the whole run, found again by its storage (`Array ==` compares storage
    /// first): a few hundred names are neither copied nor hashed for every registration.
    private static let parameterLists = Mutex<[(values: [ParamValue], names: [String], folded: [[Letter]])]>([])

    private static func parameterList(_ values: [ParamValue]) -> (names: [String], folded: [[Letter]]) {
        if let known = parameterLists.withLock({ lists in lists.first { $0.values == values } }) { return (known.names, known.folded) }
        let names = values.compactMap { value -> String? in if case .string(let s) = value { s } else { nil } }
        let folded = names.map(folded)
        parameterLists.withLock { lists in
            if lists.count > 64 { lists.removeAll() }
            lists.append((values, names, folded))
        }
        return (names, folded)
    }

    /// Levenshtein distance where it is at most `limit`, else a number above `limit`: only the
    /// cells within `limit` of the diagonal are computed (no path through the others stays within
    /// it), in two rows on the stack, and the rows stop once every cell exceeds `limit` (names are
    /// short, but a hostile display name may not be). It runs for every registration against
    /// every first-party name of about its length.
    static func editDistance(_ a: [Letter], _ b: [Letter], limit: Int) -> Int {
        if a == b { return 0 }
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        let gap = abs(a.count - b.count)
        guard gap <= limit else { return gap }
        let n = b.count
        let over = limit + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (n + 1)) { rows -> Int in
            guard let base = rows.baseAddress else { return over }
            var previous = base
            var current = base + (n + 1)
            for j in 0...n { previous[j] = j <= limit ? j : over }
            for i in 1...a.count {
                let low = max(1, i - limit), high = min(n, i + limit)
                current[low - 1] = low == 1 && i <= limit ? i : over
                var rowMinimum = current[low - 1]
                for j in low...high {
                    let above = j <= i - 1 + limit ? previous[j] : over
                    let value = min(previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), above + 1, current[j - 1] + 1, over)
                    current[j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                if rowMinimum > limit { return rowMinimum }
                swap(&previous, &current)
            }
            return previous[n]
        }
    }
}
