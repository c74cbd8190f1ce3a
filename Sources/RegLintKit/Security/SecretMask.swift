import Foundation

/// Masks secret values: a finding, a report or a log line never carries one (DESIGN §10).
public enum SecretMask {
    /// `abc***` for values long enough to keep a hint, else `***`.
    public static func mask(_ secret: String) -> String {
        secret.count >= 8 ? String(secret.prefix(3)) + "***" : "***"
    }

    /// Secrets the last-line-of-defence pass replaces wherever they occur: long enough not to
    /// match ordinary text (a one-letter "secret" would mangle every report), and not GUIDs, which
    /// are identifiers (a keyId or appId pasted into a secret setting is REG302's finding, and the
    /// same GUID is a legitimate id elsewhere in the report).
    public static func isScrubbable(_ secret: String) -> Bool {
        secret.count >= 8 && !SecretValue.isGUID(secret.trimmingCharacters(in: .whitespaces))
    }

    /// Replaces every occurrence of each scrubbable secret in `text` with its mask, in one pass
    /// over the text whatever the number of secrets (a Terraform state can hold thousands).
    public static func scrub(_ text: String, secrets: [String]) -> String {
        let scrubbable = Set(secrets.filter(isScrubbable))
        guard !scrubbable.isEmpty else { return text }
        if scrubbable.count <= 16 {
            // Few secrets: a substring search each is fastest.
            var out = text
            for secret in scrubbable.sorted(by: { ($0.count, $0) > ($1.count, $1) }) where out.contains(secret) {
                out = out.replacingOccurrences(of: secret, with: mask(secret))
            }
            return out
        }
        let candidates = scrubbable.map { Array($0.utf8) }
        let window = 8
        var byPrefix: [UInt64: [[UInt8]]] = [:]
        for secret in candidates { byPrefix[prefixKey(secret, 0), default: []].append(secret) }
        for key in byPrefix.keys { byPrefix[key]?.sort { $0.count > $1.count } }
        let bytes = Array(text.utf8)
        guard bytes.count >= window else { return text }
        var out: [UInt8] = []
        var changed = false
        var copied = 0
        var k = 0
        while k + window <= bytes.count {
            if let options = byPrefix[prefixKey(bytes, k)],
               let secret = options.first(where: { k + $0.count <= bytes.count && bytes[k..<(k + $0.count)].elementsEqual($0) }) {
                if !changed { out.reserveCapacity(bytes.count); changed = true }
                out.append(contentsOf: bytes[copied..<k])
                out.append(contentsOf: Array(mask(String(decoding: secret, as: UTF8.self)).utf8))
                k += secret.count
                copied = k
                continue
            }
            k += 1
        }
        guard changed else { return text }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    /// `scrub` over UTF-8 bytes: the bytes unchanged when there is no scrubbable secret (the
    /// common case: exports seldom hold secret values), else exactly what `scrub` gives the text.
    public static func scrub(_ bytes: [UInt8], secrets: [String]) -> [UInt8] {
        guard secrets.contains(where: isScrubbable) else { return bytes }
        return Array(scrub(String(decoding: bytes, as: UTF8.self), secrets: secrets).utf8)
    }

    private static func prefixKey(_ bytes: [UInt8], _ start: Int) -> UInt64 {
        var key: UInt64 = 0
        for j in 0..<8 { key = key << 8 | UInt64(bytes[start + j]) }
        return key
    }
}

/// Which fields hold secret values: the one place that knows, for facts, templates and masking.
public enum SecretFields {
    /// Members of a password credential that hold its value in one export or another
    /// (Graph `secretText`, legacy and AzureAD `value`, AzureRM `Password`).
    public static let credentialValueMembers = ["secrettext", "value", "password"]

    /// Whether a message placeholder naming this (lower-cased) member must be masked: a credential
    /// value member other than the ambiguous `value`, or a client-secret setting name.
    public static func isSecretBearing(_ lowercasedName: String) -> Bool {
        lowercasedName == "secrettext" || lowercasedName == "password" || SecretSettingName.isSecretBearing(lowercasedName)
    }
}
