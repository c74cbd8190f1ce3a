/// One fact reglint derives, as rules read it: its name, what it holds, and its members when it is
/// an object or a list of objects.
public struct FactField: Sendable {
    /// The value a fact holds.
    public enum Form: Sendable {
        case value
        case list
        case object([FactField])
        case listOfObjects([FactField])
    }

    public var name: String
    public var form: Form
    public var summary: String

    public init(_ name: String, _ form: Form, _ summary: String) {
        self.name = name
        self.form = form
        self.summary = summary
    }

    /// A scalar fact.
    public init(_ name: String, _ summary: String) {
        self.init(name, .value, summary)
    }

    /// The shape the rule parser checks paths against.
    var shape: VocabularyShape {
        switch form {
        case .value: .value
        case .list: .list(.value)
        case .object(let members): FactRegistry.shape(members)
        case .listOfObjects(let members): .list(FactRegistry.shape(members))
        }
    }
}

/// The one list of the facts reglint derives (`facts.…` on a registration, and on each credential),
/// from which the rule parser's vocabulary, the generated facts reference (`docs/rules/facts.md`)
/// and, through a test, the projection of RegLintKit's typed facts are all made, so a fact cannot
/// exist in one of them alone.
public enum FactRegistry {
    /// The facts under a registration's (or configuration file's) `facts`.
    public static let registration: [FactField] = [
        FactField("kinds", .list, "The app kinds: `web` (web redirect URIs, or credentials plus any redirect URI), `daemon` (credentials, no redirect URIs), `spa` (SPA redirect URIs), `public` (mobile/desktop redirect URIs, no credentials), `api` (identifier URIs, scopes or app roles), `agentBlueprint` (`@odata.type` `#microsoft.graph.agentIdentityBlueprint`); `config` alone for an app configuration file. `isFallbackPublicClient` is not used: it is what REG101 judges."),
        FactField("isConfidential", "True when the kinds include `web` or `daemon`."),
        FactField("redirectUris", .listOfObjects(redirectURI), "Every redirect URI of every platform (web, then spa, then publicClient; a blank string is none), at the position of the URI string; for a configuration file, the absolute URIs in `RedirectUri`, `PostLogoutRedirectUri`, `ida:RedirectUri` and `CallbackPath`-like settings (platform `config`)."),
        FactField("exposedSecrets", .listOfObjects(exposedSecret), "Each secret value the file exposes, at the value's position: a non-empty `secretText`/`value`/`Password`, a literal in a client-secret setting, a client-secret-shaped string anywhere. The value itself is never in the model a rule can print."),
        FactField("permissions", .listOfObjects(permission), "Each requested permission resolved through the shipped tables (`rules/data/`), at the permission's `id`. Computed only when a rule of the run reads it, or the audit report's inventory is asked for."),
        FactField("secretSettings", .listOfObjects(secretSetting), "Configuration files only: each non-placeholder value of a client-secret setting."),
    ]

    /// The facts under each `passwordCredentials[]` / `keyCredentials[]` element's `facts`.
    public static let credential: [FactField] = [
        FactField("kind", "`password` or `certificate`."),
        FactField("lifetimeDays", "Whole days from `startDateTime` to `endDateTime`; absent when either is absent; *unknown* (the rule is not evaluated) when either is present but not a date."),
        FactField("lifetimeMonths", "Calendar months from `startDateTime` to `endDateTime`, a part month counted as a whole one (exactly 24 months is 24 even when it is 731 days; a day more is 25); absent and unknown as `lifetimeDays`."),
        FactField("daysUntilExpiry", "Whole days from `--now` to `endDateTime`, negative once expired; absent without an end; *unknown* when the end is not a date."),
        FactField("keyAlgorithm", "Key credentials but `Symmetric` ones (whose `key` is a secret and is never read), from the X.509 certificate in `key` (base64 DER, PEM, base64 of PEM, hex, or a list of byte values), at the position of `key`: `RSA`, `EC`, `DSA`, `Ed25519`, `Ed448` or the algorithm's OID. Like every certificate fact, *unknown* with the reason when `key` is absent or `null` (Graph returns it only for one application read with `$select=keyCredentials`) or is not a readable certificate; read only when a rule of the run reads a certificate fact."),
        FactField("keySizeBits", "The RSA modulus, DSA prime, EC field or EdDSA key size in bits."),
        FactField("signatureAlgorithm", "The certificate's signature algorithm (`sha256WithRSAEncryption`, …)."),
        FactField("signatureHash", "The signature's hash: `MD5`, `SHA-1`, `SHA-256`, …"),
        FactField("isSelfSigned", "Issuer and subject are the same name."),
        FactField("certificateSubject", "The subject as `CN=…, O=…`."),
    ]

    /// The credential facts read from a key credential's certificate (REG311).
    public static let certificateFactNames = ["keyAlgorithm", "keySizeBits", "signatureAlgorithm", "signatureHash", "isSelfSigned", "certificateSubject"]

    static let redirectURI: [FactField] = [
        FactField("uri", "The URI as written."),
        FactField("platform", "`web`, `spa`, `publicClient`, or `config` (a configuration file's setting)."),
        FactField("scheme", "The scheme, lower-cased (`https`, `http`, `msal…`); empty when there is none."),
        FactField("host", "The host, lower-cased, without user or port (an IPv6 host keeps its brackets); empty when there is none."),
        FactField("isLoopback", "`localhost`, `127.0.0.0/8` or `[::1]`."),
        FactField("hasWildcard", "The URI contains `*`."),
        FactField("length", "Length in characters."),
        FactField("position", "1-based among all the registration's redirect URIs (web, then spa, then publicClient)."),
        FactField("query", "The text after the first `?` up to any `#`; absent without a `?`."),
        FactField("unsupportedCharacters", "The characters of `! $ ' ( ) , ;` the URI contains, each once, space-separated; absent when none."),
        FactField("isRepeat", "An earlier redirect URI is the same URI (scheme and host compared without regard to case, path and query exactly, surrounding blanks ignored)."),
        FactField("isPortOnlyDuplicate", "The URI is loopback and an earlier loopback URI differs from it only in its port."),
    ]

    static let exposedSecret: [FactField] = [
        FactField("kind", "`secret value`, `configuration literal` or `client-secret-shaped string`."),
        FactField("field", "Where the value sits (`passwordCredentials[0]`, a setting's key)."),
        FactField("masked", "The value masked (`abc***`)."),
    ]

    static let permission: [FactField] = [
        FactField("resourceAppId", "The resource's app id as a GUID, also where a toolkit manifest wrote a name (\"Microsoft Graph\"); *unknown* for a template placeholder (`${{…}}`)."),
        FactField("resource", "The resource's name, where the tables know it."),
        FactField("id", "The permission's id as a GUID, also where a manifest wrote its name (\"User.Read\"); *unknown* for a template placeholder."),
        FactField("name", "The permission's name, where the tables know it."),
        FactField("type", "`delegated` (`Scope`), `application` (`Role`) or `unknown`."),
        FactField("risk", "`critical`, `high`, `medium`, `low` or `unknown`, from the permission table."),
    ]

    static let secretSetting: [FactField] = [
        FactField("key", "The setting's full key (`AzureAd:ClientSecret`)."),
        FactField("value", "The value, masked."),
        FactField("isGuid", "The value is a GUID (a secret's key id or an app id saved where the secret belongs)."),
        FactField("matchedCredential", .object(runMatch), "The registration of the same run with a `passwordCredentials[].keyId` equal to the GUID, positioned there."),
        FactField("matchedApp", .object(runMatch), "The registration of the same run whose `appId` is the GUID, positioned there."),
    ]

    static let runMatch: [FactField] = [
        FactField("app", "The registration's label."),
        FactField("path", "The file it is in."),
    ]

    static func shape(_ fields: [FactField]) -> VocabularyShape {
        RuleVocabulary.object(fields.map { ($0.name, $0.shape) })
    }

    /// Every fact as `prefix.name` (lists as `name[]`) with its summary, depth first, for the docs.
    public static func flattened(_ fields: [FactField], prefix: String) -> [(path: String, summary: String)] {
        var out: [(String, String)] = []
        for field in fields {
            let path = "\(prefix).\(field.name)"
            switch field.form {
            case .value, .list:
                out.append((path, field.summary))
            case .object(let members):
                out.append((path, field.summary))
                out += flattened(members, prefix: path)
            case .listOfObjects(let members):
                out.append((path, field.summary))
                out += flattened(members, prefix: path + "[]")
            }
        }
        return out
    }
}
