import RuleSchema

/// What a registration holds, for the audit report's inventories: its credentials with their
/// lifetimes and its requested permissions. Read from the canonical model once per registration.
public struct Inventory: Sendable, Hashable {
    public var credentials: [CredentialRecord] = []
    public var permissions: [PermissionRecord] = []

    public init(credentials: [CredentialRecord] = [], permissions: [PermissionRecord] = []) {
        self.credentials = credentials
        self.permissions = permissions
    }
}

/// One credential of a registration, as the credential inventory lists it.
public struct CredentialRecord: Sendable, Hashable {
    /// Client secret, certificate or federated identity credential.
    public enum Kind: String, Sendable {
        case secret = "client secret", certificate, federated = "federated credential"
    }

    /// Where the credential stands at the run's `now`.
    public enum Status: String, Sendable {
        case active, expiringSoon = "expiring soon", expired, neverExpires = "never expires", notYetValid = "not yet valid", unknown
    }

    public var kind: Kind
    public var description: String?
    public var keyId: String?
    public var start: Instant?
    public var end: Instant?
    /// Whole days from start to end.
    public var lifetimeDays: Int?
    /// Whole days from now to end (negative once expired).
    public var daysLeft: Int?
    public var status: Status

    public init(kind: Kind, description: String?, keyId: String?, start: Instant?, end: Instant?, lifetimeDays: Int?, daysLeft: Int?, status: Status) {
        self.kind = kind
        self.description = description
        self.keyId = keyId
        self.start = start
        self.end = end
        self.lifetimeDays = lifetimeDays
        self.daysLeft = daysLeft
        self.status = status
    }
}

/// One requested permission, as the permission inventory lists it.
public struct PermissionRecord: Sendable, Hashable {
    /// Delegated (`Scope`), application (`Role`), or neither (the export does not say).
    public enum Kind: String, Sendable {
        case delegated, application, unknown
    }

    public var resourceAppId: String
    public var resourceName: String?
    /// Nil when the resource is listed with no permission at all.
    public var permissionId: String?
    public var permissionName: String?
    public var type: Kind
}

