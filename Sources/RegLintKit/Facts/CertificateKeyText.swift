import Foundation

/// Turns a key credential's `key` as exports write it into certificate DER bytes: base64 DER (Graph,
/// the portal manifest), PEM, base64 of PEM (what some scripts upload), hex (Terraform's `hex`
/// encoding) or a list of byte values (PowerShell's `byte[]` through ConvertTo-Json).
/// Its errors never repeat the text: a `key` that is not a certificate may be a secret.
public enum CertificateKeyText {
    /// Why a `key` gives no certificate bytes.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case tooLong(characters: Int)
        case empty
        case notEncoded
        case pemLabel(String)
        case pemUnterminated

        public var description: String {
            switch self {
            case .tooLong(let characters): "it is \(characters) characters long, more than a certificate can be"
            case .empty: "it is empty"
            case .notEncoded: "it is neither base64, PEM nor hex"
            case .pemLabel(let label): "it is a PEM '\(label)' block, not a certificate"
            case .pemUnterminated: "its PEM block has no END line"
            }
        }
    }

    /// Base64 of the largest certificate reglint reads, with line breaks to spare.
    public static let maxCharacters = X509Certificate.maxBytes * 2

    /// The DER bytes of the certificate `text` holds.
    public static func der(from text: String) throws(Failure) -> [UInt8] {
        let utf8 = text.utf8
        guard utf8.count <= maxCharacters else { throw .tooLong(characters: utf8.count) }
        // Bytes, not Characters: a key is ASCII, and one export may carry thousands of them.
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { throw .empty }
        let trimmed = bytes[first...last]
        if trimmed.starts(with: pemBegin) { return try pem(String(decoding: trimmed, as: UTF8.self)) }
        if let hex = hex(trimmed) { return hex }
        guard let decoded = base64(trimmed) else { throw .notEncoded }
        // Base64 of PEM text: decode once more, never further.
        if decoded.starts(with: pemBegin) {
            guard let inner = String(validating: decoded, as: UTF8.self) else { throw .notEncoded }
            return try pem(TextTrim.spacesAndNewlines(inner))
        }
        return decoded
    }

    private static let pemBegin = Array("-----BEGIN ".utf8)

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// A list of byte values (0–255), as PowerShell writes a `byte[]`; nil when any element is not one.
    public static func bytes(from values: [Double]) throws(Failure) -> [UInt8]? {
        guard values.count <= X509Certificate.maxBytes else { throw .tooLong(characters: values.count) }
        var out: [UInt8] = []
        out.reserveCapacity(values.count)
        for value in values {
            guard value >= 0, value <= 255, value == value.rounded() else { return nil }
            out.append(UInt8(value))
        }
        return out
    }

    /// The first PEM block, which must be a certificate.
    private static func pem(_ text: String) throws(Failure) -> [UInt8] {
        let lines = text.split(whereSeparator: \.isNewline).map { TextTrim.spaces(String($0)) }
        guard let begin = lines.first, begin.hasPrefix("-----BEGIN "), begin.hasSuffix("-----") else { throw .notEncoded }
        let label = String(begin.dropFirst("-----BEGIN ".count).dropLast(5))
        guard label == "CERTIFICATE" || label == "X509 CERTIFICATE" else {
            // Only a short, plain label is named; anything else could be data.
            let plain = label.count <= 40 && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " ") }
            throw .pemLabel(plain ? label : "unnamed")
        }
        guard let endIndex = lines.firstIndex(of: "-----END \(label)-----") else { throw .pemUnterminated }
        // RFC 7468 allows explanatory headers (`Name: value`) before the body in older PEM.
        let body = lines[1..<endIndex].filter { !$0.contains(":") }.joined()
        guard let decoded = base64(body) else { throw .notEncoded }
        return decoded
    }

    private static func base64(_ text: String) -> [UInt8]? { base64(Array(text.utf8)[...]) }

    /// Standard base64 (RFC 4648 §4), line breaks and blanks ignored, padding optional (some
    /// exporters drop it) but only at the end; nil on any other byte.
    private static func base64(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = 0
        for byte in bytes {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="): padding += 1; continue
            default:
                if isSpace(byte) { continue }
                return nil
            }
            guard padding == 0 else { return nil }
            accumulator = accumulator << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        // Six bits left over cannot end a base64 text; more than two pads is not base64.
        guard !out.isEmpty, bits != 6, padding <= 2 else { return nil }
        return out
    }

    /// Hex DER: even length, hex digits only, starting with a SEQUENCE tag (`30`).
    private static func hex(_ slice: ArraySlice<UInt8>) -> [UInt8]? {
        let digits = Array(slice)
        guard digits.count >= 4, digits.count % 2 == 0, digits[0] == UInt8(ascii: "3"), digits[1] == UInt8(ascii: "0") else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
