import Foundation

/// Masks secret values: a finding, a report or a log line never carries one (DESIGN §10).
public enum SecretMask {
    /// `abc***` for values long enough to keep a hint, else `***`.
    public static func mask(_ secret: String) -> String {
        // Eight characters or more, told without counting them all (a value may be megabytes).
        secret.utf8.count >= 8 && !secret.dropFirst(7).isEmpty ? String(secret.prefix(3)) + "***" : "***"
    }

    /// Secrets the last-line-of-defence pass over a whole rendered report replaces: long enough
    /// not to match a report's own syntax (a four-letter "secret" such as `name` would break every
    /// SARIF key). GUID-shaped passwords are secrets too (old `az ad sp create-for-rbac` output);
    /// a GUID in a secret setting that is some credential's keyId is not collected as a secret.
    /// Shorter secrets are masked field by field instead (`SecretScrubber` on messages and names).
    public static func isScrubbable(_ secret: String) -> Bool {
        secret.utf8.count >= 8
    }

    /// Replaces every occurrence of each scrubbable secret in `text` with its mask, in one pass.
    public static func scrub(_ text: String, secrets: [String]) -> String {
        SecretScrubber(secrets: secrets, minimumLength: 8).scrub(text)
    }

}

/// Which fields hold secret values: the one place that knows, for facts, templates and masking.
public enum SecretFields {
    /// Members of a password credential that hold its value in one export or another
    /// (Graph `secretText`, legacy and AzureAD `value`, AzureRM `Password`).
    public static let credentialValueMembers = ["secrettext", "value", "password"]
    /// The same names as UTF-8 bytes, for walking a JSON credential's members without decoding keys.
    static let credentialValueMemberBytes = credentialValueMembers.map { Array($0.utf8) }

    /// Whether a message placeholder naming this (lower-cased) member must be masked: a credential
    /// value member other than the ambiguous `value`, or a client-secret setting name.
    public static func isSecretBearing(_ lowercasedName: String) -> Bool {
        lowercasedName == "secrettext" || lowercasedName == "password" || SecretSettingName.isSecretBearing(lowercasedName)
    }
}
