/// The canonical application (Microsoft Graph `application` resource) as a table of fields, each
/// with the other spellings exports use for it (PowerShell PascalCase is covered by case-insensitive
/// matching; Az.Resources singular names, legacy AAD Graph and AzureRM names are aliases).
///
/// Exists so that every non-Graph format maps onto one vocabulary through one table
/// (`../shared/reference/formats.md` §9) instead of an adapter's own hand-written copy.
public struct CanonicalField: Sendable {
    /// What a field holds, which decides how an export's value is mapped onto it.
    public enum Shape: Sendable {
        case scalar
        case date
        case list
        case object([CanonicalField])
        case objectList([CanonicalField])
    }

    /// The Graph name (`redirectUris`).
    public let name: String
    /// Lower-cased spellings matched, the Graph name's first.
    public let spellings: [String]
    public let shape: Shape
    /// A property Graph returns only when asked for (`$expand`, `$select`): the PowerShell SDK
    /// writes it as `null` when it was not, so there `null` means "not exported" (unknown), not
    /// "none".
    public let nullWhenNotRequested: Bool

    init(_ name: String, _ shape: Shape = .scalar, aliases: [String] = [], nullWhenNotRequested: Bool = false) {
        self.name = name
        self.shape = shape
        self.spellings = [name.lowercased()] + aliases.map { $0.lowercased() }
        self.nullWhenNotRequested = nullWhenNotRequested
    }
}

/// The field tables: the application resource and its nested credential, permission and role types.
public enum CanonicalSchema {
    static let redirectPlatform: [CanonicalField] = [CanonicalField("redirectUris", .list, aliases: ["redirectUri"])]

    static let passwordCredential: [CanonicalField] = [
        CanonicalField("keyId"), CanonicalField("displayName"), CanonicalField("hint"),
        CanonicalField("secretText", aliases: ["value", "password"]),
        CanonicalField("startDateTime", .date, aliases: ["startDate"]),
        CanonicalField("endDateTime", .date, aliases: ["endDate"]),
        CanonicalField("customKeyIdentifier"),
    ]

    static let keyCredential: [CanonicalField] = [
        CanonicalField("keyId"), CanonicalField("displayName"), CanonicalField("type"), CanonicalField("usage"),
        CanonicalField("key", aliases: ["value"]),
        CanonicalField("startDateTime", .date, aliases: ["startDate"]),
        CanonicalField("endDateTime", .date, aliases: ["endDate"]),
        CanonicalField("customKeyIdentifier"),
    ]

    static let permissionScope: [CanonicalField] = [
        CanonicalField("id"), CanonicalField("value"), CanonicalField("type"), CanonicalField("isEnabled"),
        CanonicalField("adminConsentDisplayName"), CanonicalField("adminConsentDescription"),
        CanonicalField("userConsentDisplayName"), CanonicalField("userConsentDescription"),
    ]

    static let appRole: [CanonicalField] = [
        CanonicalField("id"), CanonicalField("value"), CanonicalField("displayName"), CanonicalField("description"),
        CanonicalField("isEnabled"), CanonicalField("allowedMemberTypes", .list, aliases: ["allowedMemberType"]),
    ]

    /// The application resource: the fields rules read, and the ones a report names.
    public static let application: [CanonicalField] = [
        CanonicalField("id", aliases: ["objectId"]),
        CanonicalField("appId", aliases: ["applicationId"]),
        CanonicalField("displayName"),
        CanonicalField("description"),
        CanonicalField("signInAudience"),
        CanonicalField("isFallbackPublicClient"),
        CanonicalField("notes", aliases: ["note"]),
        CanonicalField("serviceManagementReference"),
        CanonicalField("publisherDomain"),
        CanonicalField("identifierUris", .list, aliases: ["identifierUri"]),
        CanonicalField("tags", .list, aliases: ["tag"]),
        CanonicalField("web", .object(redirectPlatform + [
            CanonicalField("homePageUrl"), CanonicalField("logoutUrl"),
            CanonicalField("implicitGrantSettings", .object([
                CanonicalField("enableAccessTokenIssuance"), CanonicalField("enableIdTokenIssuance"),
            ]), aliases: ["implicitGrantSetting"]),
        ])),
        CanonicalField("spa", .object(redirectPlatform)),
        CanonicalField("publicClient", .object(redirectPlatform)),
        CanonicalField("passwordCredentials", .objectList(passwordCredential), aliases: ["passwordCredential"]),
        CanonicalField("keyCredentials", .objectList(keyCredential), aliases: ["keyCredential"]),
        CanonicalField("federatedIdentityCredentials", .objectList([
            CanonicalField("name"), CanonicalField("issuer"), CanonicalField("subject"),
            CanonicalField("audiences", .list, aliases: ["audience"]), CanonicalField("description"),
            // Flexible federated identity credentials (beta): a wildcard expression instead of `subject`.
            CanonicalField("claimsMatchingExpression", .object([CanonicalField("value"), CanonicalField("languageVersion")])),
        ]), aliases: ["federatedIdentityCredential"], nullWhenNotRequested: true),
        CanonicalField("requiredResourceAccess", .objectList([
            CanonicalField("resourceAppId"),
            CanonicalField("resourceAccess", .objectList([CanonicalField("id"), CanonicalField("type")])),
        ])),
        CanonicalField("api", .object([
            CanonicalField("acceptMappedClaims"), CanonicalField("requestedAccessTokenVersion"),
            CanonicalField("knownClientApplications", .list, aliases: ["knownClientApplication"]),
            CanonicalField("oauth2PermissionScopes", .objectList(permissionScope), aliases: ["oauth2PermissionScope"]),
            CanonicalField("preAuthorizedApplications", .objectList([
                CanonicalField("appId"), CanonicalField("delegatedPermissionIds", .list, aliases: ["permissionIds", "delegatedPermissionId"]),
            ]), aliases: ["preAuthorizedApplication"]),
        ])),
        CanonicalField("appRoles", .objectList(appRole), aliases: ["appRole"]),
        CanonicalField("info", .object([
            CanonicalField("logoUrl"), CanonicalField("marketingUrl"), CanonicalField("privacyStatementUrl"),
            CanonicalField("supportUrl"), CanonicalField("termsOfServiceUrl"),
        ])),
        CanonicalField("servicePrincipalLockConfiguration", .object([
            CanonicalField("isEnabled"), CanonicalField("allProperties"), CanonicalField("credentialsWithUsageVerify"),
            CanonicalField("credentialsWithUsageSign"), CanonicalField("identifierUris"), CanonicalField("tokenEncryptionKeyId"),
        ])),
        CanonicalField("verifiedPublisher", .object([
            CanonicalField("displayName"), CanonicalField("verifiedPublisherId"), CanonicalField("addedDateTime", .date),
        ])),
        CanonicalField("authenticationBehaviors", .object([
            CanonicalField("blockAzureADGraphAccess"), CanonicalField("removeUnverifiedEmailClaim"),
            CanonicalField("coopEnforcement"), CanonicalField("requireClientServicePrincipal"),
        ]), nullWhenNotRequested: true),
        CanonicalField("owners", .objectList([
            CanonicalField("id"), CanonicalField("displayName"), CanonicalField("userPrincipalName"),
        ]), aliases: ["owner"], nullWhenNotRequested: true),
    ]
}
