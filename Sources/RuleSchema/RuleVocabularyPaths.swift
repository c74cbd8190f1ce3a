/// The shape of what rule paths can read: the canonical application (Microsoft Graph's
/// `application` resource, which every format maps onto), an app configuration file's settings,
/// and the facts reglint derives. The rule parser checks every path against it, relative to the
/// subject it is read from (the registration, a `forEach` element), so a misspelt member fails
/// the build at its line and column instead of reading nothing forever.
public indirect enum VocabularyShape: Sendable {
    /// A scalar: nothing can be read below it.
    case value
    /// A list; paths read through it into its elements (as the evaluator does).
    case list(VocabularyShape)
    /// An object with known members (lower-cased names).
    case object([String: VocabularyShape])
    /// An object whose members are not listed (free-form data such as `optionalClaims`).
    case open

    /// The shape a path reaches from this one, or nil when a segment is unknown.
    public func resolve(_ segments: [String]) -> VocabularyShape? {
        var current = self
        for segment in segments {
            while case .list(let element) = current { current = element }
            switch current {
            case .open: return .open
            case .value: return nil
            case .object(let members):
                guard let next = members[segment] else { return nil }
                current = next
            case .list: return nil
            }
        }
        return current
    }

    /// The element shape of a list (or the shape itself).
    public var element: VocabularyShape {
        if case .list(let inner) = self { return inner.element }
        return self
    }

    /// The member names, for suggestions.
    public var memberNames: [String] {
        if case .object(let members) = self { return members.keys.sorted() }
        if case .list(let inner) = self { return inner.memberNames }
        return []
    }
}

extension RuleVocabulary {
    static func object(_ members: [(String, VocabularyShape)]) -> VocabularyShape {
        var map: [String: VocabularyShape] = [:]
        for (name, shape) in members { map[name.lowercased()] = shape }
        return .object(map)
    }

    static func values(_ names: String) -> [(String, VocabularyShape)] {
        names.split(separator: " ").map { (String($0), .value) }
    }

    static let credentialFacts = object(values("kind lifetimeDays daysUntilExpiry keyAlgorithm keySizeBits signatureAlgorithm signatureHash isSelfSigned certificateSubject"))
    static let passwordCredential = object(values("keyId displayName hint secretText startDateTime endDateTime customKeyIdentifier") + [("facts", credentialFacts)])
    static let keyCredential = object(values("keyId displayName type usage key startDateTime endDateTime customKeyIdentifier") + [("facts", credentialFacts)])
    static let redirectPlatform: [(String, VocabularyShape)] = [
        ("redirectUris", .list(.value)),
        ("redirectUriSettings", .list(object(values("uri index")))),
    ]

    /// The registration (an application, or an app configuration file as one entity).
    public static let registration: VocabularyShape = object(
        values("id appId displayName description signInAudience isFallbackPublicClient notes serviceManagementReference publisherDomain groupMembershipClaims tokenEncryptionKeyId defaultRedirectUri createdDateTime deletedDateTime uniqueName isDeviceOnlyAuthSupported nativeAuthenticationApisEnabled disabledByMicrosoftStatus samlMetadataUrl applicationTemplateId oauth2RequirePostResponse logo")
        + [
            ("identifierUris", .list(.value)), ("tags", .list(.value)),
            ("web", object(redirectPlatform + values("homePageUrl logoutUrl") + [("implicitGrantSettings", object(values("enableAccessTokenIssuance enableIdTokenIssuance")))])),
            ("spa", object(redirectPlatform)),
            ("publicClient", object(redirectPlatform)),
            ("windows", object(values("packageSid") + redirectPlatform)),
            ("passwordCredentials", .list(passwordCredential)),
            ("keyCredentials", .list(keyCredential)),
            ("federatedIdentityCredentials", .list(object(values("id name issuer subject description") + [("audiences", .list(.value)), ("claimsMatchingExpression", object(values("value languageVersion")))]))),
            ("requiredResourceAccess", .list(object(values("resourceAppId") + [("resourceAccess", .list(object(values("id type"))))]))),
            ("api", object(values("acceptMappedClaims requestedAccessTokenVersion") + [
                ("knownClientApplications", .list(.value)),
                ("oauth2PermissionScopes", .list(object(values("id value type isEnabled adminConsentDisplayName adminConsentDescription userConsentDisplayName userConsentDescription origin")))),
                ("preAuthorizedApplications", .list(object(values("appId") + [("delegatedPermissionIds", .list(.value))]))),
            ])),
            ("appRoles", .list(object(values("id value displayName description isEnabled origin") + [("allowedMemberTypes", .list(.value))]))),
            ("info", .open), ("optionalClaims", .open), ("parentalControlSettings", .open), ("addIns", .open),
            ("certification", .open), ("requestSignatureVerification", .open),
            ("servicePrincipalLockConfiguration", object(values("isEnabled allProperties credentialsWithUsageVerify credentialsWithUsageSign identifierUris tokenEncryptionKeyId"))),
            ("verifiedPublisher", object(values("displayName verifiedPublisherId addedDateTime"))),
            ("authenticationBehaviors", object(values("blockAzureADGraphAccess removeUnverifiedEmailClaim requireClientServicePrincipal coopEnforcement"))),
            // The retired Azure AD Graph manifest's own attribute names, still readable in such files (REG701).
            ("replyUrls", .list(.value)), ("replyUrlsWithType", .list(object(values("url type")))), ("oauth2Permissions", .list(.open)),
            ("allowPublicClient", .value), ("accessTokenAcceptedVersion", .value), ("availableToOtherTenants", .value), ("signInUrl", .value),
            ("oauth2AllowImplicitFlow", .value), ("oauth2AllowIdTokenImplicitFlow", .value), ("knownClientApplications", .list(.value)),
            ("owners", .list(.open)),
            ("appManagementPolicies", .list(.open)),
            // An app configuration file, linted as one entity.
            ("settings", .list(object(values("name key value")))),
            ("facts", registrationFacts),
        ])

    /// The facts reglint derives for a registration (`Sources/RegLintKit/Facts/FactBuilder.swift`).
    public static let registrationFacts: VocabularyShape = object(values("isConfidential") + [
        ("kinds", .list(.value)),
        ("redirectUris", .list(object(values("uri platform scheme host isLoopback hasWildcard length position query unsupportedCharacters isRepeat isPortOnlyDuplicate")))),
        ("exposedSecrets", .list(object(values("kind field masked")))),
        ("permissions", .list(object(values("resourceAppId resource id name type risk")))),
        ("secretSettings", .list(object(values("key value isGuid") + [("matchedCredential", object(values("app path"))), ("matchedApp", object(values("app path")))]))),
    ])
}
