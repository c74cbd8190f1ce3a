import RuleSchema
import Foundation
/// XML 1.0 escaping that also drops characters XML forbids even as references.
enum XMLText {
    static func escape(_ text: String) -> String {
        // On UTF-8 bytes (a String is valid UTF-8, so this is the same as per scalar): text with
        // nothing to escape, nearly all of it, is returned as it is.
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0xEF }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        var bytes = utf8.makeIterator()
        while let b = bytes.next() {
            switch b {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&apos;".utf8)
            case 0x09, 0x0A, 0x0D: out.append(b)
            case ..<0x20: out.append(contentsOf: replacement)
            case 0xEF:
                // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters either.
                let second = bytes.next(), third = second == nil ? nil : bytes.next()
                if second == 0xBF, let third, third == 0xBE || third == 0xBF {
                    out.append(contentsOf: replacement)
                } else {
                    out.append(b)
                    if let second { out.append(second) }
                    if let third { out.append(third) }
                }
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// U+FFFD, in place of a character XML cannot carry.
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// For attributes: one line, escaped.
    static func attribute(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) { return escape(text) }
        return escape(text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " "))
    }
}

/// JSON string escaping, the same as the JSON and SARIF reporters write.
enum JSONText {
    /// Appends `text` escaped to a UTF-8 buffer (`JSONWriter`); text with nothing to escape
    /// (almost all of it) is copied whole, from the string's own storage when it has one.
    static func append(_ text: String, to out: inout [UInt8]) {
        let copied = text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard !utf8.contains(where: isEscaped) else { return false }
            out.append(contentsOf: utf8)
            return true
        }
        switch copied {
        case true?: return
        case false?: out.append(contentsOf: escape(text).utf8)
        case nil: out.append(contentsOf: needsEscaping(text) ? escape(text).utf8 : text.utf8)
        }
    }

    /// `text` as a JSON string: escaped, between quotes.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        append(text, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    static func escape(_ text: String) -> String { JSONEscaping.escape(text) }

    /// Whether `text` holds a quote, a backslash or a control character.
    static func needsEscaping(_ text: String) -> Bool { text.utf8.contains(where: isEscaped) }

    /// A byte JSON escapes: a quote, a backslash or a control character.
    static func isEscaped(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}

/// One line of terminal text: control characters (line breaks, escape sequences) are shown as
/// `\u{…}`, so a hostile value cannot forge report lines or drive the terminal.
enum TextLine {
    static func escape(_ text: String) -> String {
        guard mayHoldControl(text) else { return text }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `escape(text)` appended to `out` as UTF-8.
    static func append(_ text: String, to out: inout [UInt8]) {
        if mayHoldControl(text) { out.append(contentsOf: escape(text).utf8) } else { out.append(contentsOf: text.utf8) }
    }

    /// False when no UTF-8 byte of `text` can begin a control character (below 0x20 but tab, DEL,
    /// 0xC2 leading U+0080–U+009F, 0xE2 leading U+2028 and U+2029): one pass over bytes, where
    /// a pass over Unicode scalars cost more than the line it guarded.
    static func mayHoldControl(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            for b in bytes where (b < 0x20 && b != 0x09) || b == 0x7F || b == 0xC2 || b == 0xE2 { return true }
            return false
        }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09) || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029
    }
}

/// GitHub-flavoured Markdown text (table cells and prose): what would open markup (emphasis, code
/// spans, links, HTML, strikethrough, table pipes) is escaped, intraword underscores stay readable
/// (`user_impersonation`), and line breaks become `<br>` so a table row stays one line.
enum MarkdownText {
    static func escape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var k = 0
        while k < scalars.count {
            let scalar = scalars[k]
            switch scalar {
            case "\\", "`", "*", "[", "]", "|", "~":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "_":
                let intraword = k > 0 && k + 1 < scalars.count && isWordCharacter(scalars[k - 1]) && isWordCharacter(scalars[k + 1])
                out += intraword ? "_" : "\\_"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&":
                let entityLike = k + 1 < scalars.count && (scalars[k + 1] == "#" || scalars[k + 1].properties.isAlphabetic)
                out += entityLike ? "&amp;" : "&"
            case "\r":
                out += "<br>"
                if k + 1 < scalars.count, scalars[k + 1] == "\n" { k += 1 }
            case "\n", "\u{2028}", "\u{2029}":
                out += "<br>"
            default:
                if TextLine.isControl(scalar) && scalar != "\t" {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            k += 1
        }
        return out
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
