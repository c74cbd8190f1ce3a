import Foundation
import RuleSchema

/// Derives the typed facts of a registration (app kinds, redirect URIs, credential lifetimes) once,
/// and lays them over its canonical model under `facts`, where rule paths can read them.
public struct FactBuilder: Sendable {
    public var now: Instant
    /// Resolve requested permissions through the shipped tables (`facts.permissions`); off when
    /// no rule of the run reads them, since it costs table lookups on every registration.
    public var resolvesPermissions = true
    /// Read the certificate in each key credential's `key` (REG311's facts); off when no rule reads them.
    public var readsCertificates = true

    /// Threads a long list (a registration's credentials) may be worked on; the facts are the
    /// same on any number.
    public var parallelism = 1

    public init(now: Instant) { self.now = now }

    /// Lists at least this long are worked on with `parallelism` threads.
    static let parallelListLength = 2_048

    /// `body` over `0..<count` in order: on `parallelism` threads for a long list.
    func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        ParallelMap.map(count: count, parallelism: count >= Self.parallelListLength ? parallelism : 1, body)
    }

    /// Builds the entity for an app configuration file from its canonical settings object.
    public func configuration(from canonical: ModelNode, index: RunIndex = RunIndex()) -> Registration {
        var settings: [SecretSetting] = []
        var exposed: [ExposedSecret] = []
        var secrets: [String] = []
        for setting in canonical.member("settings")?.asList ?? [] {
            guard let name = setting.member("name")?.string, let valueNode = setting.member("value"), let value = valueNode.string else { continue }
            let key = setting.member("key")?.string ?? name
            let shaped = SecretValue.shapedSecrets(in: value)
            secrets += shaped
            if SecretSettingName.isSecretBearing(name), !SecretValue.isPlaceholder(value) {
                // Only a value of a GUID's length can be one: a 500 MB value is neither lower-cased
                // nor counted in characters to tell.
                var trimmed = TextTrim.spaces(value)
                let mayBeGUID = trimmed.utf8.count == 36 || trimmed.utf8.count == 38
                if mayBeGUID { trimmed = trimmed.lowercased() }
                if mayBeGUID, trimmed.utf8.count == 38, trimmed.hasPrefix("{"), trimmed.hasSuffix("}") { trimmed = String(trimmed.dropFirst().dropLast()) }
                let isGUID = mayBeGUID && SecretValue.isGUID(trimmed)
                var secretSetting = SecretSetting(key: key, masked: SecretMask.mask(value), isGUID: isGUID, origin: valueNode.origin)
                if isGUID, let target = index.credential(trimmed) {
                    secretSetting.matchedCredential = target
                } else if isGUID, let target = index.application(trimmed) {
                    secretSetting.matchedApp = target
                }
                settings.append(secretSetting)
                // A keyId or appId saved in the secret's place is an identifier the report names
                // elsewhere (REG302's finding), not a secret; any other value is masked.
                if secretSetting.matchedCredential == nil && secretSetting.matchedApp == nil { secrets.append(value) }
                if !isGUID {
                    exposed.append(ExposedSecret(kind: "configuration literal", field: key, masked: SecretMask.mask(value), origin: valueNode.origin))
                    continue
                }
            }
            for match in shaped {
                exposed.append(ExposedSecret(kind: "client-secret-shaped string", field: key, masked: SecretMask.mask(match), origin: valueNode.origin))
            }
        }
        var facts = RegistrationFacts(kinds: [.config], redirectURIs: FactBuilder.annotated(FactBuilder.configuredRedirectURIs(canonical)))
        facts.secretSettings = settings
        facts.exposedSecrets = exposed
        var registration = Registration(
            root: merged(canonical, with: ["facts": FactProjection.node(facts)]), displayName: canonical.member("displayname")?.string,
            appId: canonical.member("appid")?.string, objectId: nil, origin: canonical.origin, facts: facts)
        registration.secrets = secrets
        return registration
    }

    /// Setting names that hold a redirect or sign-out URI (case and separators ignored).
    static let redirectSettingNames: Set<String> = [
        "redirecturi", "redirecturl", "replyurl", "postlogoutredirecturi", "signedoutredirecturi", "callbackpath",
        "signedoutcallbackpath", "logouturl", "idaredirecturi", "idapostlogoutredirecturi",
    ]

    /// The redirect and sign-out URIs an app configuration file carries (`RedirectUri`,
    /// `PostLogoutRedirectUri`, `ida:RedirectUri`, a `CallbackPath` with a host): the redirect
    /// rules judge them as they judge a registration's. Relative paths are not URIs and are left out.
    static func configuredRedirectURIs(_ canonical: ModelNode) -> [RedirectURI] {
        var uris: [RedirectURI] = []
        for setting in canonical.member("settings")?.asList ?? [] {
            // Most settings are no URI: told by their bytes before the name is split and normalized.
            guard let valueNode = setting.member("value"), let value = valueNode.string, hasScheme(value),
                  let name = setting.member("name")?.string else { continue }
            let leaf = name.split(whereSeparator: { $0 == ":" || $0 == "." }).last.map(String.init) ?? name
            let key = SecretSettingName.normalized(leaf)
            guard redirectSettingNames.contains(key) || redirectSettingNames.contains(SecretSettingName.normalized(name)),
                  !SecretValue.isPlaceholder(value) else { continue }
            uris.append(RedirectURIParser.parse(value, platform: "config", origin: valueNode.origin))
        }
        return uris
    }

    /// True when `value` holds `://`: each ':' found by `memchr` (a byte loop was a seventh of a
    /// run over a 200 MB setting value).
    static func hasScheme(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { b in
            guard b.count >= 3 else { return false }
            var k = 0
            while let colon = b.firstIndex(of: 0x3A, from: k, to: b.count - 2) {
                if b[colon + 1] == 0x2F && b[colon + 2] == 0x2F { return true }
                k = colon + 1
            }
            return false
        }
    }

    /// The redirect URIs with their positions, repeats and port-only duplicates, found in one pass,
    /// so a rule that asks once per URI stays linear in their number.
    static func annotated(_ redirectURIs: [RedirectURI]) -> [RedirectURI] {
        var seen = Set<String>()
        var loopbackByPortless: [String: Set<String>] = [:]
        var out = redirectURIs
        for index in out.indices {
            let key = RedirectURIShape.normalized(out[index].uri)
            out[index].position = index + 1
            out[index].isRepeat = !seen.insert(key).inserted
            if out[index].isLoopback {
                let portless = RedirectURIShape.withoutPort(out[index].uri)
                let earlier = loopbackByPortless[portless, default: []]
                out[index].isPortOnlyDuplicate = earlier.contains { $0 != key }
                loopbackByPortless[portless, default: []].insert(key)
            }
        }
        return out
    }

    /// Every value a credential holds in a secret member: the canonical one and, for JSON, every
    /// duplicate key too (a hidden second `secretText` is still a leaked secret).
    static func secretValues(of credential: ModelNode) -> [ModelNode] {
        let secretMembers = SecretFields.credentialValueMembers
        var found = secretMembers.compactMap { credential.member($0) }
        var raw: JSONValue?
        if case .json(let value) = credential { raw = value }
        if case .object(let object) = credential, let fallback = object.fallback { raw = fallback }
        raw?.forEachMember(named: SecretFields.credentialValueMemberBytes) { found.append(.json($0)) }
        return found
    }

    /// The reason a platform object or its list is unknown (a value of the wrong type, a depth
    /// cut), for the first platform where one is.
    static func unknownReason(_ canonical: ModelNode, platforms: [String], list: String) -> String? {
        for platform in platforms {
            guard let node = canonical.member(platform) else { continue }
            if case .scalar(.unknown(let reason), _) = node { return reason }
            if case .scalar(.unknown(let reason), _)? = node.member(list) { return reason }
        }
        return nil
    }

    /// Builds the registration from its canonical application object.
    public func registration(from canonical: ModelNode) -> Registration {
        // Facts and rules look up a few hundred paths on the registration's object.
        let canonical = canonical.indexed
        let web = canonical.member("web")?.member("redirecturis")?.asList ?? []
        let spa = canonical.member("spa")?.member("redirecturis")?.asList ?? []
        let publicClient = canonical.member("publicclient")?.member("redirecturis")?.asList ?? []
        var uris: [RedirectURI] = []
        for (platform, nodes) in [("web", web), ("spa", spa), ("publicClient", publicClient)] {
            for node in nodes {
                // A blank string is no redirect URI: PowerShell writes an empty list cut off by its
                // depth limit as "", and a string where a list belongs counts as one element.
                guard let text = node.string, !text.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
                uris.append(RedirectURIParser.parse(text, platform: platform, origin: node.origin))
            }
        }
        let passwords = canonical.member("passwordcredentials")
        let keys = canonical.member("keycredentials")
        let federated = canonical.member("federatedidentitycredentials")
        let hasCredentials = [passwords, keys, federated].contains { $0?.hasListItems ?? false }
        let hasRedirects = !uris.isEmpty
        var kinds = Set<AppKind>()
        if !web.isEmpty || (hasCredentials && hasRedirects) { kinds.insert(.web) }
        if hasCredentials && !hasRedirects { kinds.insert(.daemon) }
        if !spa.isEmpty { kinds.insert(.spa) }
        if !publicClient.isEmpty && !hasCredentials { kinds.insert(.public) }
        let exposes = [canonical.member("identifieruris"), canonical.member("api")?.member("oauth2permissionscopes"), canonical.member("approles")]
        if exposes.contains(where: { $0?.hasListItems ?? false }) { kinds.insert(.api) }
        if FactBuilder.isAgentBlueprint(canonical) { kinds.insert(.agentBlueprint) }
        var facts = RegistrationFacts(kinds: kinds, redirectURIs: FactBuilder.annotated(uris))
        facts.redirectURIsUnknown = FactBuilder.unknownReason(canonical, platforms: ["web", "spa", "publicclient"], list: "redirecturis")

        var secrets: [String] = []
        var seen = Set<String>()
        let passwordList = passwords?.asList ?? []
        seen.reserveCapacity(passwordList.count)
        // Each credential's values and masks apart (on every core for 40,000 of them), then
        // taken in order, each value once.
        let values = map(passwordList.count) { index in
            FactBuilder.secretValues(of: passwordList[index]).compactMap { node -> (String, ExposedSecret)? in
                guard let value = node.string, !value.isEmpty else { return nil }
                return (value, ExposedSecret(kind: "secret value", field: "passwordCredentials[\(index)]", masked: SecretMask.mask(value), origin: node.origin))
            }
        }
        for (value, exposed) in values.joined() where seen.insert(value).inserted {
            secrets.append(value)
            facts.exposedSecrets.append(exposed)
        }
        for (value, origin) in SecretScan.shapedStrings(in: canonical) where seen.insert(value).inserted {
            secrets.append(value)
            facts.exposedSecrets.append(ExposedSecret(kind: "client-secret-shaped string", field: "a string value", masked: SecretMask.mask(value), origin: origin))
        }
        if resolvesPermissions { facts.permissions = FactBuilder.permissions(of: canonical) }
        var overlay: ModelMembers = ["facts": FactProjection.node(facts, map: map)]
        for (member, kind) in [("passwordcredentials", CredentialFacts.Kind.password), ("keycredentials", .certificate), ("federatedidentitycredentials", .federated)] {
            guard let list = canonical.member(member), !list.isUnknown, !list.isNull else { continue }
            let elements = list.asList
            let judged = map(elements.count) { index -> (CredentialFacts, ModelNode) in
                let node = elements[index]
                var credential = credentialFacts(node, kind: kind, index: index)
                if kind == .certificate && readsCertificates { credential.certificate = CertificateFacts.summary(of: node) }
                let laid = kind != .federated && node.isObject ? merged(node, with: ["facts": FactProjection.node(credential)]) : node
                return (credential, laid)
            }
            facts.credentials.append(contentsOf: judged.lazy.map(\.0))
            guard kind != .federated else { continue }
            overlay[member] = .array(judged.map(\.1), origin: list.origin)
        }
        let root = merged(canonical, with: overlay)
        var registration = Registration(
            root: root,
            displayName: canonical.member("displayname")?.string,
            appId: canonical.member("appid")?.string,
            objectId: canonical.member("id")?.string,
            origin: canonical.origin,
            facts: facts)
        registration.secrets = secrets
        return registration
    }

    /// True for an agent identity blueprint (`#microsoft.graph.agentIdentityBlueprint`).
    static func isAgentBlueprint(_ canonical: ModelNode) -> Bool {
        guard let type = canonical.member("@odata.type")?.string ?? canonical.member("odata.type")?.string else { return false }
        return type.lowercased().hasSuffix("agentidentityblueprint")
    }

    /// Every requested permission, resolved through the shipped tables: `resourceAppId` and `id`
    /// as GUIDs (friendly names like "Microsoft Graph" and "User.Read" resolved), the resource's
    /// and the permission's names where known, its type and risk. Template placeholders (`${{…}}`)
    /// are unknown values, never findings.
    static func permissions(of canonical: ModelNode) -> [ResolvedPermission] {
        let catalog = PermissionCatalog.shipped
        var out: [ResolvedPermission] = []
        // Each item visited where it is, without a list of them.
        canonical.member("requiredresourceaccess")?.forEachListItem { resource, _ in
            guard let declared = resource.member("resourceappid") else { return }
            var appId = written(declared, what: "resource")
            var resourceName: String?
            if let text = appId.value, let resolved = catalog.resourceAppId(text) {
                appId = .known(resolved)
                resourceName = catalog.resource(resolved)?.name
            }
            let accesses = resource.member("resourceaccess")
            if !(accesses?.hasListItems ?? false) {
                out.append(ResolvedPermission(
                    resourceAppId: appId, resourceOrigin: declared.origin, resourceName: resourceName, id: .absent, idOrigin: nil,
                    name: nil, type: .unknown, typeOrigin: declared.origin, risk: "unknown", origin: resource.origin, isBareResource: true))
            }
            accesses?.forEachListItem { access, _ in
                let typeText = access.member("type")?.string
                let type: ResolvedPermission.Kind = typeText.map {
                    CaseInsensitive.equal($0, "Role") ? .application : CaseInsensitive.equal($0, "Scope") ? .delegated : .unknown
                } ?? .unknown
                let idNode = access.member("id")
                var id: FactValue<String> = idNode.map { written($0, what: "permission") } ?? .absent
                var name: String?
                var risk = "unknown"
                if let app = appId.value, let text = id.value, let permission = catalog.permission(resourceAppId: app, reference: text, type: type.rawValue) {
                    id = .known(permission.id)
                    name = permission.name
                    risk = permission.risk
                }
                out.append(ResolvedPermission(
                    resourceAppId: appId, resourceOrigin: declared.origin, resourceName: resourceName, id: id, idOrigin: idNode?.origin,
                    name: name, type: type, typeOrigin: access.member("type")?.origin ?? access.origin, risk: risk, origin: access.origin))
            }
        }
        return out
    }

    /// A resource app id or permission id as written: a string, unknown when it is a template
    /// placeholder or not a string, absent when null.
    private static func written(_ node: ModelNode, what: String) -> FactValue<String> {
        if let text = node.string {
            return PermissionCatalog.isTemplate(text) ? .unknown(reason: "the \(what) '\(text)' is a template placeholder filled in at deploy time") : .known(text)
        }
        if let reason = node.unknownReason { return .unknown(reason: reason) }
        if node.isNull { return .absent }
        return .unknown(reason: "the \(what) id is not a string")
    }

    /// A credential's dates judged at `now`. A date that is present but cannot be read makes what
    /// depends on it unknown, never a silent pass and never a rolled-over date.
    func credentialFacts(_ node: ModelNode, kind: CredentialFacts.Kind, index: Int) -> CredentialFacts {
        let start = date(node, "startDateTime")
        let end = date(node, "endDateTime")
        var lifetime: FactValue<Int> = .absent
        var months: FactValue<Int> = .absent
        var left: FactValue<Int> = .absent
        if let start = start.value, let end = end.value {
            lifetime = .known(start.wholeDays(to: end))
            months = .known(start.calendarMonthsCeiling(to: end))
        }
        if let end = end.value { left = .known(now.wholeDays(to: end)) }
        if case .unknown(let reason) = start {
            lifetime = .unknown(reason: reason)
            months = .unknown(reason: reason)
        }
        if case .unknown(let reason) = end {
            lifetime = .unknown(reason: reason)
            months = .unknown(reason: reason)
            left = .unknown(reason: reason)
        }
        return CredentialFacts(
            kind: kind, index: index, description: node.member("displayname")?.string ?? node.member("name")?.string,
            keyId: node.member("keyid")?.string, start: start, end: end, lifetimeDays: lifetime, lifetimeMonths: months, daysUntilExpiry: left)
    }

    /// A date member: known, absent (missing, null or empty), or unknown (cut off by an export's
    /// depth limit, or present but not a date).
    private func date(_ node: ModelNode, _ member: String) -> FactValue<Instant> {
        guard let value = node.member(member.lowercased()), !value.isNull else { return .absent }
        if let instant = value.instant { return .known(instant) }
        if let reason = value.unknownReason { return .unknown(reason: reason) }
        guard let text = value.string else { return .unknown(reason: "\(member) is not a date") }
        return text.isEmpty ? .absent : .unknown(reason: "\(member) '\(text)' is not a date")
    }

    private func merged(_ node: ModelNode, with overlay: ModelMembers) -> ModelNode {
        switch node {
        case .json(let value):
            return .object(overlay, fallback: value, origin: node.origin)
        case .object(let object):
            var members = object.members
            members.merge(overlay)
            return .object(members, fallback: object.fallback, origin: object.origin)
        default:
            return node
        }
    }
}
