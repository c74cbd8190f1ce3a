import Foundation

/// Which setting names hold client secrets and client ids (case and separators ignored).
public enum SecretSettingName {
    static func normalized(_ name: String) -> String {
        // ASCII fast path (every name reglint knows is ASCII): letters lower-cased, digits kept.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for b in name.utf8 {
            if b >= 128 { return String(name.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }) }
            if b >= 65 && b <= 90 { bytes.append(b + 32) } else if (b >= 97 && b <= 122) || (b >= 48 && b <= 57) { bytes.append(b) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `ClientSecret`, `client_secret`, `AZURE_CLIENT_SECRET`, `ida:ClientSecret`, `ida:AppKey`,
    /// `FS-SECRET`, `MICROSOFT_PROVIDER_AUTHENTICATION_SECRET`, ...
    public static func isSecretBearing(_ name: String) -> Bool {
        var n = normalized(name)
        while let last = n.last, last.isNumber { n.removeLast() }
        // Names of secrets, dates and references are not secrets: ClientSecretSettingName,
        // ClientSecretExpiresOn, ClientSecretKeyVaultSecretName.
        if n.hasSuffix("clientsecret") || n.hasSuffix("clientsecretvalue") { return true }
        return ["idaappkey", "appkey", "fssecret", "microsoftproviderauthenticationsecret", "applicationsecret", "appsecret", "secrettext"].contains(n)
    }

    public static func isClientID(_ name: String) -> Bool {
        let n = normalized(name)
        return n.hasSuffix("clientid") || n == "applicationid" || n == "appid"
    }
}

/// What a configured value is: a placeholder, a GUID, a client-secret-shaped string.
public enum SecretValue {
    /// A stand-in for a secret (template token, reference, encrypted or masked value,
    /// instructions): see `PlaceholderClassifier`.
    public static func isPlaceholder(_ value: String) -> Bool { PlaceholderClassifier.isPlaceholder(value) }

    public static func isGUID(_ value: String) -> Bool {
        // Told by length first: a value may be megabytes, and copying it to see was most of a run.
        guard value.utf8.count == 36 || value.utf8.count == 38 else { return false }
        var v = Array(value.utf8)
        if v.count == 38, v.first == UInt8(ascii: "{"), v.last == UInt8(ascii: "}") { v = Array(v[1..<37]) }
        guard v.count == 36 else { return false }
        for (k, c) in v.enumerated() {
            if [8, 13, 18, 23].contains(k) { if c != UInt8(ascii: "-") { return false } } else if !((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)) { return false }
        }
        return true
    }

    /// Client secrets as Entra generates them today: 3 characters, a digit, `Q~`, then 31–34
    /// characters (gitleaks `azure-ad-client-secret`). Returns each match.
    public static func shapedSecrets(in text: String) -> [String] {
        guard text.utf8.count >= 37 else { return [] }
        // Read in place, not copied (a value may be megabytes).
        var text = text
        return text.withUTF8 { shapedSecrets(inBytes: $0) }
    }

    private static func shapedSecrets(inBytes bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        func inHead(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 126 || c == 46 }
        func inTail(_ c: UInt8) -> Bool { inHead(c) || c == 45 }
        var found: [String] = []
        var k = 4
        while k + 1 < bytes.count {
            // The next 'Q' by memchr: most values hold none.
            guard let q = bytes.firstIndex(of: UInt8(ascii: "Q"), from: k, to: bytes.count - 1) else { break }
            k = q
            if bytes[k] == UInt8(ascii: "Q"), bytes[k + 1] == UInt8(ascii: "~"), bytes[k - 1] >= 48, bytes[k - 1] <= 57,
               inHead(bytes[k - 2]), inHead(bytes[k - 3]), inHead(bytes[k - 4]), k - 5 < 0 || !inTail(bytes[k - 5]) {
                var end = k + 2
                while end < bytes.count, inTail(bytes[end]) { end += 1 }
                let tail = end - (k + 2)
                if (31...34).contains(tail) {
                    found.append(String(decoding: bytes[(k - 4)..<end], as: UTF8.self))
                    k = end
                    continue
                }
            }
            k += 1
        }
        return found
    }
}
