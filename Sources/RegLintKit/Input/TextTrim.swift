/// Trimming white space from the ends of a value without Foundation: `trimmingCharacters(in:)`
/// walks the whole string as UTF-16 (three seconds for one 50 MB `.env` line); this looks only
/// at the ends. The sets are Foundation's: `.whitespaces` is tab, the space separators (Unicode
/// Zs) and, as in CoreFoundation, the zero-width space U+200B; `.whitespacesAndNewlines` adds
/// line and paragraph separators and the control line breaks (U+000A–U+000D, U+0085).
/// `TextTrimTests` compares both with Foundation for every scalar up to U+FFFF.
enum TextTrim {
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == " " || scalar.value == 0x200B || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
    }

    static func isSpaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        if isSpace(scalar) { return true }
        switch scalar.value {
        case 0x0A...0x0D, 0x85: return true
        default: return scalar.properties.generalCategory == .lineSeparator || scalar.properties.generalCategory == .paragraphSeparator
        }
    }

    /// `text` without leading and trailing tabs and spaces (`.whitespaces`).
    static func spaces(_ text: String) -> String { trimmed(text, isSpace) }

    /// `text` without leading and trailing white space and line breaks (`.whitespacesAndNewlines`).
    static func spacesAndNewlines(_ text: String) -> String { trimmed(text, isSpaceOrNewline) }

    private static func trimmed(_ text: String, _ drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }) else { return "" }
        var end = scalars.endIndex
        while end > first {
            let before = scalars.index(before: end)
            if !drop(scalars[before]) { break }
            end = before
        }
        if first == scalars.startIndex && end == scalars.endIndex { return text }
        return String(scalars[first..<end])
    }
}
