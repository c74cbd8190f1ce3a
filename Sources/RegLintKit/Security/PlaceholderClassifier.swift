/// Decides whether a configured value is a stand-in for a secret rather than the secret itself,
/// and says which kind, so that sample and template files are not reported as leaks.
///
/// The kinds, in the order they are tried:
/// - **blank**: empty or whitespace;
/// - **masked**: only `*`, `x`, `X`, `•` or `.` (a value someone already hid);
/// - **template token**: wrapped in a template's delimiters: `${{…}}`, `${…}`, `$(…)`, `{{…}}`,
///   `<…>`, `[…]`, `{…}`, `%…%`, `#{…}#`, `__…__`, `~…~` (a braced GUID is *not* one: it is a
///   secret ID in registry form);
/// - **reference**: a pointer to where the secret lives: `@Microsoft.KeyVault(…)`, `$VAR`/`$env:VAR`,
///   `env:VAR`, `vault:`/`keyvault:`/`secretref:` URIs;
/// - **encrypted**: a toolkit's encrypted value (Teams Toolkit / Microsoft 365 Agents Toolkit write
///   `crypto_…` into `.env.*.user`);
/// - **instruction**: words telling a person what to put there (`Enter_the_Client_Secret_Here`,
///   `YOUR_CLIENT_SECRET`, `replace-me`, `changeme`, `TODO`): only letters, digits-free words and
///   `_ - . space` separators, with at least one instruction word.
/// Anything else is a value: a generated Entra secret (`abc8Q~…`), a legacy base64 key, a GUID.
public enum PlaceholderClassifier {
    /// Why a value is a placeholder.
    public enum Kind: String, Sendable, CaseIterable {
        case blank, masked, templateToken = "template token", reference, encrypted, instruction
    }

    static let wrappers: [(open: String, close: String)] = [
        ("${{", "}}"), ("${", "}"), ("$(", ")"), ("{{", "}}"), ("#{", "}#"), ("<", ">"), ("[", "]"), ("{", "}"), ("%", "%"), ("__", "__"), ("~", "~"),
    ]

    /// Words that tell a person to fill the value in (lower-case).
    static let instructionWords: Set<String> = [
        "enter", "your", "here", "placeholder", "replace", "insert", "fill", "todo", "tbd", "changeme", "change", "me",
        "redacted", "removed", "hidden", "dummy", "sample", "example", "fake", "xxx", "none", "null", "secret", "value",
    ]

    /// The kind of placeholder `value` is, or nil when it may be a real secret.
    public static func classify(_ value: String) -> Kind? {
        let v = TextTrim.spacesAndNewlines(value)
        if v.isEmpty { return .blank }
        if v.allSatisfy({ "*xX•.".contains($0) }) { return .masked }
        if v.hasPrefix("{"), v.hasSuffix("}"), SecretValue.isGUID(String(v.dropFirst().dropLast())) { return nil }
        // Byte counts: the wrappers are ASCII, and a grapheme count walks the whole value each time.
        let length = v.utf8.count
        for (open, close) in wrappers where length > open.utf8.count + close.utf8.count && v.hasPrefix(open) && v.hasSuffix(close) {
            return .templateToken
        }
        let lower = v.lowercased()
        if lower.hasPrefix("@microsoft.keyvault(") || lower.hasPrefix("vault:") || lower.hasPrefix("keyvault:") || lower.hasPrefix("secretref:") || lower.hasPrefix("env:") || lower.hasPrefix("$env:") {
            return .reference
        }
        if v.hasPrefix("$"), length > 1, v.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { return .reference }
        if lower.hasPrefix("crypto_"), lower.utf8.count > 7 { return .encrypted }
        if isInstruction(lower) { return .instruction }
        return nil
    }

    /// A stand-in is short: a value over 4 KiB is judged without reading it all (never one).
    public static func isPlaceholder(_ value: String) -> Bool { value.utf8.count <= 4096 && classify(value) != nil }

    /// Words only (letters, separated by `_ - . space`), one of them an instruction word.
    static func isInstruction(_ lower: String) -> Bool {
        let separators: Set<Character> = ["_", "-", ".", " "]
        if lower.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (nearly every value): bytes, not Unicode properties, decide it.
            guard lower.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || $0 == 95 || $0 == 45 || $0 == 46 || $0 == 32 }) else { return false }
        } else {
            guard lower.allSatisfy({ $0.isLetter || separators.contains($0) }) else { return false }
        }
        let words = lower.split(whereSeparator: { separators.contains($0) }).map(String.init)
        guard !words.isEmpty else { return false }
        return words.contains { instructionWords.contains($0) }
    }
}
