import Foundation

/// Splits a redirect URI into the parts the rules judge, byte by byte and without Foundation's
/// URL (which rejects the wildcard and malformed URIs that are exactly what a linter must see).
public enum RedirectURIParser {
    /// The parts of `uri` as the rules see them; never fails (a malformed URI has empty parts).
    public static func parse(_ uri: String, platform: String, origin: NodeOrigin) -> RedirectURI {
        let bytes = Array(uri.utf8)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        var scheme = ""
        var k = start
        while k < end, isSchemeByte(bytes[k]) { k += 1 }
        if k > start, k < end, bytes[k] == UInt8(ascii: ":") {
            scheme = lowercased(bytes[start..<k])
            k += 1
        } else {
            k = start
        }
        var host = ""
        if k + 1 < end, bytes[k] == UInt8(ascii: "/"), bytes[k + 1] == UInt8(ascii: "/") {
            var authorityEnd = k + 2
            while authorityEnd < end, bytes[authorityEnd] != UInt8(ascii: "/"), bytes[authorityEnd] != UInt8(ascii: "?"), bytes[authorityEnd] != UInt8(ascii: "#") {
                authorityEnd += 1
            }
            var hostStart = k + 2
            if let at = bytes[hostStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) { hostStart = at + 1 }
            var hostEnd = authorityEnd
            if hostStart < authorityEnd, bytes[hostStart] == UInt8(ascii: "[") {
                if let close = bytes[hostStart..<authorityEnd].firstIndex(of: UInt8(ascii: "]")) { hostEnd = close + 1 }
            } else if let colon = bytes[hostStart..<authorityEnd].lastIndex(of: UInt8(ascii: ":")) {
                hostEnd = colon
            }
            host = lowercased(bytes[hostStart..<hostEnd])
        }
        var query: String?
        if let mark = bytes[start..<end].firstIndex(of: UInt8(ascii: "?")) {
            let queryEnd = bytes[mark..<end].firstIndex(of: UInt8(ascii: "#")) ?? end
            query = String(decoding: bytes[(mark + 1)..<queryEnd], as: UTF8.self)
        }
        var unsupported: [UInt8] = []
        for c in bytes[start..<end] where unsupportedBytes.contains(c) && !unsupported.contains(c) { unsupported.append(c) }
        return RedirectURI(
            uri: uri, platform: platform, scheme: scheme, host: host,
            isLoopback: isLoopback(host), hasWildcard: bytes.contains(UInt8(ascii: "*")), origin: origin,
            query: query, unsupportedCharacters: unsupported.map { String(UnicodeScalar($0)) }.joined(separator: " "))
    }

    /// "Redirect URIs do not support special characters - `! $ ' ( ) , ;`" (Microsoft Learn, reply-url).
    static let unsupportedBytes: [UInt8] = Array("!$'(),;".utf8)

    private static func isSchemeByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
            || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "*")
    }

    private static func lowercased(_ slice: ArraySlice<UInt8>) -> String {
        String(decoding: slice.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// `localhost`, `127.0.0.0/8` and `[::1]` (DESIGN §13).
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "[::1]" || host == "::1" { return true }
        // 127.a.b.c, each part 0 to 255 in decimal, read from the bytes (no list of parts).
        var parts = 0
        var value = 0
        var digits = 0
        for byte in host.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, value <= 255, parts < 3, parts > 0 || value == 127 && digits == 3 else { return false }
                parts += 1
                value = 0
                digits = 0
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits += 1
                value = min(value * 10 + Int(byte - UInt8(ascii: "0")), 1_000)
            } else {
                return false
            }
        }
        return parts == 3 && digits > 0 && value <= 255
    }
}

/// Redirect URI comparisons, for the repeat and port-only duplicate facts.
public enum RedirectURIShape {
    /// The URI without surrounding blanks, its scheme and authority lower-cased (they are not
    /// case-sensitive) and its path, query and fragment as they are (Entra matches paths by case).
    public static func normalized(_ uri: String) -> String {
        let (bytes, start, end, authorityEnd) = parts(uri)
        var out = [UInt8]()
        out.reserveCapacity(end - start)
        for k in start..<end {
            let c = bytes[k]
            out.append(k < authorityEnd && c >= 0x41 && c <= 0x5A ? c + 32 : c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The URI normalized, with any `:port` after the host removed.
    public static func withoutPort(_ uri: String) -> String {
        let (bytes, start, end, authorityEnd) = parts(uri)
        var out = [UInt8]()
        out.reserveCapacity(end - start)
        var portStart = authorityEnd
        if let authorityStart = schemeSeparator(bytes, start, end).map({ $0 + 3 }), authorityStart <= authorityEnd,
           let colon = bytes[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: ":")),
           !bytes[colon..<authorityEnd].contains(UInt8(ascii: "]")) {
            portStart = colon
        }
        for k in start..<end where k < portStart || k >= authorityEnd {
            let c = bytes[k]
            out.append(k < authorityEnd && c >= 0x41 && c <= 0x5A ? c + 32 : c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The URI's bytes, its bounds without surrounding blanks, and where its scheme and authority
    /// end (the start when it has no `://`).
    private static func parts(_ uri: String) -> (bytes: [UInt8], start: Int, end: Int, authorityEnd: Int) {
        let bytes = Array(uri.utf8)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard let separator = schemeSeparator(bytes, start, end) else { return (bytes, start, end, start) }
        var authorityEnd = separator + 3
        while authorityEnd < end, bytes[authorityEnd] != UInt8(ascii: "/"), bytes[authorityEnd] != UInt8(ascii: "?"), bytes[authorityEnd] != UInt8(ascii: "#") {
            authorityEnd += 1
        }
        return (bytes, start, end, authorityEnd)
    }

    /// The index of the first `://`.
    private static func schemeSeparator(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var k = start
        while k + 2 < end {
            if bytes[k] == UInt8(ascii: ":"), bytes[k + 1] == UInt8(ascii: "/"), bytes[k + 2] == UInt8(ascii: "/") { return k }
            k += 1
        }
        return nil
    }

    /// Two URIs that are the same but for their ports (and not simply the same URI).
    public static func differOnlyInPort(_ a: String, _ b: String) -> Bool {
        withoutPort(a) == withoutPort(b) && normalized(a) != normalized(b)
    }
}
