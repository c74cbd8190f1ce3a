import RuleSchema

/// A derived value that an export may not support: `absent` when it lacks what the value needs,
/// `unknown` when it carries it in a form reglint cannot read. Unknown is never a pass: a rule that
/// reads an unknown fact is not evaluated, with the reason.
public enum FactValue<Value: Sendable>: Sendable {
    case known(Value)
    case absent
    case unknown(reason: String)

    /// The value when known.
    public var value: Value? {
        if case .known(let value) = self { return value }
        return nil
    }

    /// The known value transformed; absent and unknown kept.
    public func map<T>(_ transform: (Value) -> T) -> FactValue<T> {
        switch self {
        case .known(let value): .known(transform(value))
        case .absent: .absent
        case .unknown(let reason): .unknown(reason: reason)
        }
    }
}

/// Facts computed once per registration, before any rule runs, as typed values: rules read them
/// through their projection under `facts` (`FactProjection`), the audit report's inventories read
/// them directly. Their names and meanings are `FactRegistry`'s.
public struct RegistrationFacts: Sendable {
    public var kinds: Set<AppKind> { didSet { kindBits = AppKind.bits(of: kinds) } }
    /// `kinds` as bits (`AppKind.bit`): what every rule's `appliesTo` is checked against.
    public private(set) var kindBits: UInt16
    /// Every redirect URI of every platform, in order (web, spa, publicClient), or a configuration
    /// file's redirect and sign-out URIs.
    public var redirectURIs: [RedirectURI]
    /// Why the redirect URIs cannot be read (a platform or its list of the wrong type): the
    /// redirect rules are then not evaluated rather than passed.
    public var redirectURIsUnknown: String?
    /// The password and key credentials, in order (passwords first), and federated credentials.
    public var credentials: [CredentialFacts] = []
    /// Requested permissions resolved through the shipped tables; nil when not resolved (no rule
    /// of the run reads them and no inventory is asked for).
    public var permissions: [ResolvedPermission]?
    /// Secret values the file exposes, masked.
    public var exposedSecrets: [ExposedSecret] = []
    /// A configuration file's client-secret settings.
    public var secretSettings: [SecretSetting] = []

    public init(kinds: Set<AppKind>, redirectURIs: [RedirectURI]) {
        self.kinds = kinds
        self.kindBits = AppKind.bits(of: kinds)
        self.redirectURIs = redirectURIs
    }

    public var isConfidential: Bool { kinds.contains(.web) || kinds.contains(.daemon) }
}

/// A redirect URI of any platform, parsed once, with what it shares with its neighbours.
public struct RedirectURI: Sendable {
    public var uri: String
    public var platform: String
    public var scheme: String
    public var host: String
    public var isLoopback: Bool
    public var hasWildcard: Bool
    public var origin: NodeOrigin
    /// The text after the first `?` up to any `#` (empty for a bare `?`); nil without a `?`.
    public var query: String? = nil
    /// The characters Entra does not support in redirect URIs (`! $ ' ( ) , ;`) that the URI
    /// contains, each once, in order of appearance, separated by spaces; empty when none.
    public var unsupportedCharacters: String = ""
    /// 1-based among all the registration's redirect URIs.
    public var position: Int = 0
    /// An earlier redirect URI is the same URI.
    public var isRepeat = false
    /// Loopback, and an earlier loopback URI differs from it only in its port.
    public var isPortOnlyDuplicate = false
}

/// A credential's dates and what follows from them at the run's `now`.
public struct CredentialFacts: Sendable {
    /// Which list the credential is in.
    public enum Kind: String, Sendable {
        case password, certificate, federated
    }

    public var kind: Kind
    /// Its index in its list (`passwordCredentials[index]`).
    public var index: Int
    /// `displayName` (or a federated credential's `name`).
    public var description: String?
    public var keyId: String?
    public var start: FactValue<Instant>
    public var end: FactValue<Instant>
    /// Whole days from start to end.
    public var lifetimeDays: FactValue<Int>
    /// Calendar months from start to end, a part month counted whole (the portal's 24-month
    /// maximum is a calendar bound: 24 months can be 731 days).
    public var lifetimeMonths: FactValue<Int> = .absent
    /// Whole days from now to end, negative once expired.
    public var daysUntilExpiry: FactValue<Int>
    /// A certificate credential's certificate, read from `key` when a rule of the run needs it.
    public var certificate: CertificateSummary?
}

/// What a key credential's X.509 certificate says (REG311): each part unknown, with the reason,
/// when `key` is absent or cannot be read.
public struct CertificateSummary: Sendable {
    /// `RSA`, `EC`, `DSA`, `Ed25519`, `Ed448`, or the algorithm's OID.
    public var keyAlgorithm: FactValue<String>
    public var keySizeBits: FactValue<Int>
    public var signatureAlgorithm: FactValue<String>
    /// `MD5`, `SHA-1`, `SHA-256`, …
    public var signatureHash: FactValue<String>
    public var isSelfSigned: FactValue<Bool>
    /// `CN=…, O=…`.
    public var subject: FactValue<String>
    /// The `key` member.
    public var origin: NodeOrigin

    /// Every part unknown for one reason.
    static func unknown(_ reason: String, origin: NodeOrigin) -> CertificateSummary {
        CertificateSummary(keyAlgorithm: .unknown(reason: reason), keySizeBits: .unknown(reason: reason), signatureAlgorithm: .unknown(reason: reason),
                           signatureHash: .unknown(reason: reason), isSelfSigned: .unknown(reason: reason), subject: .unknown(reason: reason), origin: origin)
    }
}

/// A requested permission resolved through the shipped tables.
public struct ResolvedPermission: Sendable {
    /// Delegated (`Scope`), application (`Role`), or neither (the export does not say).
    public enum Kind: String, Sendable {
        case delegated, application, unknown
    }

    /// The resource's app id as a GUID where it resolves, else as written.
    public var resourceAppId: FactValue<String>
    public var resourceOrigin: NodeOrigin
    public var resourceName: String?
    /// The permission's id as a GUID where it resolves, else as written; absent for a resource
    /// listed with no permission at all (`isBareResource`) or an entry without `id`.
    public var id: FactValue<String>
    public var idOrigin: NodeOrigin?
    public var name: String?
    public var type: Kind
    public var typeOrigin: NodeOrigin
    /// `critical`, `high`, `medium`, `low` or `unknown`.
    public var risk: String
    /// The `resourceAccess` entry.
    public var origin: NodeOrigin
    /// A resource listed with an empty `resourceAccess`: in the inventory, not a permission.
    public var isBareResource = false
}

/// A secret value a file exposes, kept only masked.
public struct ExposedSecret: Sendable {
    /// `secret value`, `configuration literal` or `client-secret-shaped string`.
    public var kind: String
    public var field: String
    public var masked: String
    public var origin: NodeOrigin
}

/// A client-secret setting of a configuration file, with what its GUID value points at in the run.
public struct SecretSetting: Sendable {
    public var key: String
    public var masked: String
    public var isGUID: Bool
    public var matchedCredential: RunMatch?
    public var matchedApp: RunMatch?
    public var origin: NodeOrigin
}

/// A credential or application elsewhere in the run.
public struct RunMatch: Sendable, Hashable {
    public var location: SourceLocation
    /// The registration it belongs to (`displayName (appId)`).
    public var label: String

    public init(location: SourceLocation, label: String) {
        self.location = location
        self.label = label
    }
}
