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

    /// Lower case, letters and digits only, the digits and symbols that stand in for letters
    /// replaced by those letters (0→o, 1→l, 3→e, 4→a, 5→s, $→s, @→a, !→i, |→l).
    static func folded(_ name: String) -> [Character] {
        var out: [Character] = []
        for character in name.lowercased() {
            switch character {
            case "0": out.append("o")
            case "1", "|": out.append("l")
            case "3": out.append("e")
            case "4", "@": out.append("a")
            case "5", "$": out.append("s")
            case "!": out.append("i")
            default:
                if character.isLetter || character.isNumber { out.append(character) }
            }
        }
        return out
    }

    /// The first of `names` that `name` is or nearly is, folded; nil when none.
    static func match(_ name: String, in names: [String]) -> String? {
        let candidate = folded(name)
        guard !candidate.isEmpty else { return nil }
        for known in names {
            let target = folded(known)
            let allowed = target.count >= minimumLengthForTwoEdits ? 2 : target.count >= minimumLengthForOneEdit ? 1 : 0
            if abs(candidate.count - target.count) <= allowed, editDistance(candidate, target, limit: allowed) <= allowed { return known }
        }
        return nil
    }

    /// Levenshtein distance, stopped early once every entry of a row exceeds `limit` (names are
    /// short, but a hostile display name may not be).
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if a == b { return 0 }
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return rowMinimum }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
