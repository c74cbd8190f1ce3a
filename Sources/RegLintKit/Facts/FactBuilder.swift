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

    public init(now: Instant) { self.now = now }

    /// Builds the entity for an app configuration file from its canonical settings object.
    public func configuration(from canonical: ModelNode, index: RunIndex = RunIndex()) -> Registration {
        var secretSettings: [ModelNode] = []
        var exposed: [ModelNode] = []
        var secrets: [String] = []
        for setting in canonical.member("settings")?.asList ?? [] {
            guard let name = setting.member("name")?.string, let valueNode = setting.member("value"), let value = valueNode.string else { continue }
            let key = setting.member("key")?.string ?? name
            let shaped = SecretValue.shapedSecrets(in: value)
            secrets += shaped
            if SecretSettingName.isSecretBearing(name), !SecretValue.isPlaceholder(value) {
                secrets.append(value)
                var trimmed = value.trimmingCharacters(in: .whitespaces).lowercased()
                if trimmed.count == 38, trimmed.hasPrefix("{"), trimmed.hasSuffix("}") { trimmed = String(trimmed.dropFirst().dropLast()) }
                let isGUID = SecretValue.isGUID(trimmed)
                var fields: [String: ModelNode] = [
                    "key": .scalar(.string(key), origin: valueNode.origin),
                    "value": .scalar(.string(SecretMask.mask(value)), origin: valueNode.origin),
                    "isguid": .scalar(.bool(isGUID), origin: valueNode.origin),
                ]
                if isGUID, let target = index.credentials[trimmed] {
                    fields["matchedcredential"] = match(target)
                } else if isGUID, let target = index.applications[trimmed] {
                    fields["matchedapp"] = match(target)
                }
                secretSettings.append(.object(fields, fallback: nil, origin: valueNode.origin))
                if !isGUID {
                    exposed.append(exposure(kind: "configuration literal", field: key, value: value, origin: valueNode.origin))
                    continue
                }
            }
            for match in shaped {
                exposed.append(exposure(kind: "client-secret-shaped string", field: key, value: match, origin: valueNode.origin))
            }
        }
        let uris = FactBuilder.configuredRedirectURIs(canonical)
        let facts = RegistrationFacts(kinds: [.config], redirectURIs: uris)
        let overlay: [String: ModelNode] = ["facts": .object([
            "kinds": .array([.scalar(.string("config"), origin: .computed)], origin: .computed),
            "secretsettings": .array(secretSettings, origin: .computed),
            "exposedsecrets": .array(exposed, origin: .computed),
            "redirecturis": .array(FactBuilder.redirectNodes(uris), origin: .computed),
        ], fallback: nil, origin: .computed)]
        var registration = Registration(
            root: merged(canonical, with: overlay), displayName: canonical.member("displayname")?.string,
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
            guard let name = setting.member("name")?.string, let valueNode = setting.member("value"), let value = valueNode.string else { continue }
            let leaf = name.split(whereSeparator: { $0 == ":" || $0 == "." }).last.map(String.init) ?? name
            let key = SecretSettingName.normalized(leaf)
            guard redirectSettingNames.contains(key) || redirectSettingNames.contains(SecretSettingName.normalized(name)),
                  value.contains("://"), !SecretValue.isPlaceholder(value) else { continue }
            uris.append(RedirectURIParser.parse(value, platform: "config", origin: valueNode.origin))
        }
        return uris
    }

    /// The redirect URIs as the rule vocabulary reads them. Repeats and port-only duplicates are
    /// found in one pass, so a rule that asks once per URI stays linear in their number.
    static func redirectNodes(_ redirectURIs: [RedirectURI]) -> [ModelNode] {
        var seen = Set<String>()
        var loopbackByPortless: [String: Set<String>] = [:]
        return redirectURIs.enumerated().map { index, uri -> ModelNode in
            let at = uri.origin
            let key = RedirectURIShape.normalized(uri.uri)
            let isRepeat = !seen.insert(key).inserted
            var isPortOnlyDuplicate = false
            if uri.isLoopback {
                let portless = RedirectURIShape.withoutPort(uri.uri)
                let earlier = loopbackByPortless[portless, default: []]
                isPortOnlyDuplicate = earlier.contains { $0 != key }
                loopbackByPortless[portless, default: []].insert(key)
            }
            var members: [String: ModelNode] = [
                "uri": .scalar(.string(uri.uri), origin: at),
                "platform": .scalar(.string(uri.platform), origin: at),
                "scheme": .scalar(.string(uri.scheme), origin: at),
                "host": .scalar(.string(uri.host), origin: at),
                "isloopback": .scalar(.bool(uri.isLoopback), origin: at),
                "haswildcard": .scalar(.bool(uri.hasWildcard), origin: at),
                "length": .scalar(.number(Double(uri.uri.unicodeScalars.count)), origin: at),
                "position": .scalar(.number(Double(index + 1)), origin: at),
                "isrepeat": .scalar(.bool(isRepeat), origin: at),
                "isportonlyduplicate": .scalar(.bool(isPortOnlyDuplicate), origin: at),
            ]
            if let query = uri.query { members["query"] = .scalar(.string(query), origin: at) }
            if !uri.unsupportedCharacters.isEmpty { members["unsupportedcharacters"] = .scalar(.string(uri.unsupportedCharacters), origin: at) }
            return .object(members, fallback: nil, origin: at)
        }
    }

    /// Every value a credential holds in a secret member: the canonical one and, for JSON, every
    /// duplicate key too (a hidden second `secretText` is still a leaked secret).
    static func secretValues(of credential: ModelNode) -> [ModelNode] {
        let secretMembers = SecretFields.credentialValueMembers
        var found = secretMembers.compactMap { credential.member($0) }
        var raw: JSONValue?
        if case .json(let value) = credential { raw = value }
        if case .object(_, let fallback?, _) = credential { raw = fallback }
        if let raw {
            for (key, value) in raw.members where secretMembers.contains((key.string ?? "").lowercased()) { found.append(.json(value)) }
        }
        return found
    }

    /// A place elsewhere in the run, as a node whose origin is already resolved.
    private func match(_ target: RunIndex.Target) -> ModelNode {
        let origin = NodeOrigin(span: nil, resolved: target.location)
        return .object(["app": .scalar(.string(target.label), origin: origin), "path": .scalar(.string(target.location.path), origin: origin)], fallback: nil, origin: origin)
    }

    private func exposure(kind: String, field: String, value: String, origin: NodeOrigin) -> ModelNode {
        .object([
            "kind": .scalar(.string(kind), origin: origin),
            "field": .scalar(.string(field), origin: origin),
            "masked": .scalar(.string(SecretMask.mask(value)), origin: origin),
        ], fallback: nil, origin: origin)
    }

    /// Builds the registration from its canonical application object.
    public func registration(from canonical: ModelNode) -> Registration {
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
        let hasCredentials = [passwords, keys, federated].contains { !($0?.asList.isEmpty ?? true) }
        let hasRedirects = !uris.isEmpty
        var kinds = Set<AppKind>()
        if !web.isEmpty || (hasCredentials && hasRedirects) { kinds.insert(.web) }
        if hasCredentials && !hasRedirects { kinds.insert(.daemon) }
        if !spa.isEmpty { kinds.insert(.spa) }
        if !publicClient.isEmpty && !hasCredentials { kinds.insert(.public) }
        let exposes = [canonical.member("identifieruris"), canonical.member("api")?.member("oauth2permissionscopes"), canonical.member("approles")]
        if exposes.contains(where: { !($0?.asList.isEmpty ?? true) }) { kinds.insert(.api) }
        if FactBuilder.isAgentBlueprint(canonical) { kinds.insert(.agentBlueprint) }
        let facts = RegistrationFacts(kinds: kinds, redirectURIs: uris)

        var secrets: [String] = []
        var exposed: [ModelNode] = []
        for (index, credential) in (passwords?.asList ?? []).enumerated() {
            for valueNode in FactBuilder.secretValues(of: credential) {
                guard let value = valueNode.string, !value.isEmpty, !secrets.contains(value) else { continue }
                secrets.append(value)
                exposed.append(exposure(kind: "secret value", field: "passwordCredentials[\(index)]", value: value, origin: valueNode.origin))
            }
        }
        for (value, origin) in SecretScan.shapedStrings(in: canonical) where !secrets.contains(value) {
            secrets.append(value)
            exposed.append(exposure(kind: "client-secret-shaped string", field: "a string value", value: value, origin: origin))
        }
        var overlay: [String: ModelNode] = ["facts": factsNode(facts, exposed: exposed, permissions: resolvesPermissions ? FactBuilder.permissions(of: canonical) : [])]
        if let passwords, !passwords.isUnknown, !passwords.isNull {
            overlay["passwordcredentials"] = .array(passwords.asList.map { credential($0, kind: "password") }, origin: passwords.origin)
        }
        if let keys, !keys.isUnknown, !keys.isNull {
            overlay["keycredentials"] = .array(keys.asList.map { credential($0, kind: "certificate") }, origin: keys.origin)
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
    /// as GUIDs (friendly names like "Microsoft Graph" and "User.Read" resolved), `resource` and
    /// `name` where known, `type` (delegated, application), `risk` (critical … low, or unknown).
    /// Template placeholders (`${{…}}`) are unknown values, never findings.
    static func permissions(of canonical: ModelNode) -> [ModelNode] {
        let catalog = PermissionCatalog.shipped
        var out: [ModelNode] = []
        for resource in canonical.member("requiredresourceaccess")?.asList ?? [] {
            guard let declared = resource.member("resourceappid") else { continue }
            let resourceOrigin = declared.origin
            var appId: ModelNode = declared
            var resourceName: String?
            if let text = declared.string {
                if PermissionCatalog.isTemplate(text) {
                    appId = .scalar(.unknown(reason: "the resource '\(text)' is a template placeholder filled in at deploy time"), origin: resourceOrigin)
                } else if let resolved = catalog.resourceAppId(text) {
                    appId = .scalar(.string(resolved), origin: resourceOrigin)
                    resourceName = catalog.resource(resolved)?.name
                }
            }
            for access in resource.member("resourceaccess")?.asList ?? [] {
                let origin = access.origin
                let typeText = access.member("type")?.string
                let type = typeText.map { $0.caseInsensitiveCompare("Role") == .orderedSame ? "application" : $0.caseInsensitiveCompare("Scope") == .orderedSame ? "delegated" : "unknown" } ?? "unknown"
                var fields: [String: ModelNode] = ["resourceappid": appId, "type": .scalar(.string(type), origin: access.member("type")?.origin ?? origin)]
                if let resourceName { fields["resource"] = .scalar(.string(resourceName), origin: resourceOrigin) }
                var risk = "unknown"
                if let idNode = access.member("id") {
                    fields["id"] = idNode
                    if let text = idNode.string {
                        if PermissionCatalog.isTemplate(text) {
                            fields["id"] = .scalar(.unknown(reason: "the permission '\(text)' is a template placeholder filled in at deploy time"), origin: idNode.origin)
                        } else if let app = appId.string, let permission = catalog.permission(resourceAppId: app, reference: text, type: type) {
                            fields["id"] = .scalar(.string(permission.id), origin: idNode.origin)
                            fields["name"] = .scalar(.string(permission.name), origin: idNode.origin)
                            risk = permission.risk
                        }
                    }
                }
                fields["risk"] = .scalar(.string(risk), origin: origin)
                out.append(.object(fields, fallback: nil, origin: access.member("id")?.origin ?? origin))
            }
        }
        return out
    }

    private func factsNode(_ facts: RegistrationFacts, exposed: [ModelNode], permissions: [ModelNode] = []) -> ModelNode {
        let kinds = AppKind.allCases.filter(facts.kinds.contains).map { ModelNode.scalar(.string($0.rawValue), origin: .computed) }
        let uris = FactBuilder.redirectNodes(facts.redirectURIs)
        return .object([
            "kinds": .array(kinds, origin: .computed),
            "isconfidential": .scalar(.bool(facts.isConfidential), origin: .computed),
            "redirecturis": .array(uris, origin: .computed),
            "exposedsecrets": .array(exposed, origin: .computed),
            "permissions": .array(permissions, origin: .computed),
        ], fallback: nil, origin: .computed)
    }

    private func credential(_ node: ModelNode, kind: String) -> ModelNode {
        guard node.isObject else { return node }
        var facts: [String: ModelNode] = ["kind": .scalar(.string(kind), origin: .computed)]
        let start = node.member("startdatetime")?.instant
        let end = node.member("enddatetime")?.instant
        if let start, let end {
            facts["lifetimedays"] = .scalar(.number(Double(start.wholeDays(to: end))), origin: .computed)
        }
        if let end {
            facts["daysuntilexpiry"] = .scalar(.number(Double(now.wholeDays(to: end))), origin: .computed)
        }
        // A date that is present but cannot be read makes what depends on it unknown.
        for (member, value) in [("startDateTime", start), ("endDateTime", end)] where value == nil {
            guard let text = node.member(member.lowercased())?.string, !text.isEmpty else { continue }
            let unknown = ModelNode.scalar(.unknown(reason: "\(member) '\(text)' is not a date"), origin: .computed)
            facts["lifetimedays"] = unknown
            if member == "endDateTime" { facts["daysuntilexpiry"] = unknown }
        }
        if kind == "certificate" && readsCertificates { facts.merge(CertificateFacts.facts(of: node)) { current, _ in current } }
        return merged(node, with: ["facts": .object(facts, fallback: nil, origin: .computed)])
    }

    private func merged(_ node: ModelNode, with overlay: [String: ModelNode]) -> ModelNode {
        switch node {
        case .json(let value):
            return .object(overlay, fallback: value, origin: node.origin)
        case .object(var members, let fallback, let origin):
            members.merge(overlay) { _, new in new }
            return .object(members, fallback: fallback, origin: origin)
        default:
            return node
        }
    }
}
