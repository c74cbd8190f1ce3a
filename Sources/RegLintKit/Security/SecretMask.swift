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

    /// Replaces every occurrence of each scrubbable secret in `text` with its mask.
    public static func scrub(_ text: String, secrets: [String]) -> String {
        guard !secrets.isEmpty else { return text }
        var out = text
        for secret in secrets where isScrubbable(secret) && out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: mask(secret))
        }
        return out
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
