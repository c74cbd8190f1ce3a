/// Turns an input's bytes into UTF-8 for the parsers, whatever encoding the exporter wrote.
///
/// Windows PowerShell 5.1 writes UTF-16LE with a byte order mark (`Out-File`, `>`, `Export-Clixml`);
/// PowerShell 7 writes UTF-8. Lines and UTF-16 columns are the same in every encoding of a text, so
/// positions computed on the UTF-8 form are the positions of the file as the user sees it.
public enum TextDecoding {
    /// The encodings a file is detected in by its byte order mark.
    public enum Encoding: String, Sendable {
        case utf8, utf8BOM = "utf-8-bom", utf16LE = "utf-16le", utf16BE = "utf-16be"
        /// UTF-16 without a byte order mark, recognised by its first two characters being ASCII
        /// (XML 1.0 Appendix F: `<?` is `3C 00 3F 00`; JSON starts with `{`, `[` or a space).
        case utf16LEWithoutBOM = "utf-16le-no-bom", utf16BEWithoutBOM = "utf-16be-no-bom"

        /// Bytes of the byte order mark the text starts with.
        var markLength: Int {
            switch self {
            case .utf8, .utf16LEWithoutBOM, .utf16BEWithoutBOM: return 0
            case .utf8BOM: return 3
            case .utf16LE, .utf16BE: return 2
            }
        }
    }

    /// The encoding a byte order mark announces; without one, UTF-16 when the first two
    /// characters are ASCII with a zero byte each (a text editor's "UTF-16" without a mark),
    /// else UTF-8. Decoding such a file as UTF-8 would leave a NUL after every character, and no
    /// tag or token would ever be found in it.
    public static func detect(_ bytes: [UInt8]) -> Encoding {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return .utf8BOM }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return .utf16LE }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return .utf16BE }
        if bytes.count >= 4 {
            func ascii(_ b: UInt8) -> Bool { b != 0 && b < 0x80 }
            if ascii(bytes[0]), bytes[1] == 0, ascii(bytes[2]), bytes[3] == 0 { return .utf16LEWithoutBOM }
            if bytes[0] == 0, ascii(bytes[1]), bytes[2] == 0, ascii(bytes[3]) { return .utf16BEWithoutBOM }
        }
        return .utf8
    }

    /// UTF-8 bytes of the text (a UTF-8 BOM is kept; the JSON parser and line table skip it).
    /// Unpaired surrogates and a trailing odd byte become U+FFFD.
    public static func utf8(_ bytes: [UInt8], encoding: Encoding) -> [UInt8] {
        switch encoding {
        case .utf8, .utf8BOM:
            return bytes
        case .utf16LE, .utf16BE, .utf16LEWithoutBOM, .utf16BEWithoutBOM:
            let littleEndian = encoding == .utf16LE || encoding == .utf16LEWithoutBOM
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var k = encoding.markLength
            while k + 1 < bytes.count {
                let a = UInt16(bytes[k])
                let b = UInt16(bytes[k + 1])
                units.append(littleEndian ? a | b << 8 : a << 8 | b)
                k += 2
            }
            var out: [UInt8] = []
            out.reserveCapacity(units.count + units.count / 2)
            for scalar in Unicode.UTF16.decode(units) { UTF8.encode(scalar) { out.append($0) } }
            if k < bytes.count { out.append(contentsOf: [0xEF, 0xBF, 0xBD]) }
            return out
        }
    }
}

extension Unicode.UTF16 {
    /// Decodes code units, replacing ill-formed sequences with U+FFFD.
    static func decode(_ units: [UInt16]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        var iterator = units.makeIterator()
        var decoder = Unicode.UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): result.append(scalar)
            case .emptyInput: break loop
            case .error: result.append("\u{FFFD}")
            }
        }
        return result
    }
}
