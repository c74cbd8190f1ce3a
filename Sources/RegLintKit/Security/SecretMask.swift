import Foundation

/// Masks secret values: a finding, a report or a log line never carries one (DESIGN §10).
public enum SecretMask {
    /// `abc***` for values long enough to keep a hint, else `***`.
    public static func mask(_ secret: String) -> String {
        secret.count >= 8 ? String(secret.prefix(3)) + "***" : "***"
    }

    /// Replaces every occurrence of each secret in `text` with its mask.
    public static func scrub(_ text: String, secrets: [String]) -> String {
        guard !secrets.isEmpty else { return text }
        var out = text
        for secret in secrets where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: mask(secret))
        }
        return out
    }
}

/// Which canonical fields hold secret values.
public enum SecretFields {
    /// Lower-cased member names whose values are secrets (Graph `secretText`, legacy `value`).
    public static func isSecretBearing(_ lowercasedName: String) -> Bool {
        ["secrettext", "password", "clientsecret", "client_secret", "value"].contains(lowercasedName)
    }

    /// Secret values in the password credentials of a registration: `secretText` (and legacy `value`).
    public static func values(in registration: Registration) -> [String] {
        var found: [String] = []
        for credential in registration.root.member("passwordcredentials")?.elements ?? [] {
            for key in ["secrettext", "value"] {
                if let secret = credential.member(key)?.string, !secret.isEmpty { found.append(secret) }
            }
        }
        return found
    }
}
