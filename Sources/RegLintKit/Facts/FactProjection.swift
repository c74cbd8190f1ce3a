import RuleSchema

/// Lays the typed facts into the model rules read (`facts.…`), under the names `FactRegistry`
/// gives them: the one place where a typed fact becomes a path. A test checks that every object
/// projected here has exactly the registry's members.
enum FactProjection {
    /// A registration's (or configuration file's) `facts`.
    /// `map`: how a long list is mapped (`FactBuilder.map`, on several threads).
    static func node(_ facts: RegistrationFacts, map: (Int, @Sendable (Int) -> ModelNode) -> [ModelNode] = { count, body in (0..<count).map(body) }) -> ModelNode {
        let kinds = AppKind.allCases.filter(facts.kinds.contains).map { ModelNode.scalar(.string($0.rawValue), origin: .computed) }
        let permissions = (facts.permissions ?? []).filter { !$0.isBareResource }.map(node)
        let exposed = facts.exposedSecrets
        return .object([
            "kinds": .array(kinds, origin: .computed),
            "isconfidential": .scalar(.bool(facts.isConfidential), origin: .computed),
            "redirecturis": facts.redirectURIsUnknown.map { ModelNode.scalar(.unknown(reason: $0), origin: .computed) }
                ?? .array(facts.redirectURIs.map(node), origin: .computed),
            "exposedsecrets": .array(map(exposed.count) { node(exposed[$0]) }, origin: .computed),
            "permissions": .array(permissions, origin: .computed),
            "secretsettings": .array(facts.secretSettings.map(node), origin: .computed),
        ], fallback: nil, origin: .computed)
    }

    /// A credential's `facts`: absent values are left out, unknown ones are unknown.
    static func node(_ credential: CredentialFacts) -> ModelNode {
        var members: ModelMembers = ["kind": .scalar(.string(credential.kind.rawValue), origin: .computed)]
        if let days = number(credential.lifetimeDays) { members["lifetimedays"] = days }
        if let months = number(credential.lifetimeMonths) { members["lifetimemonths"] = months }
        if let days = number(credential.daysUntilExpiry) { members["daysuntilexpiry"] = days }
        if let certificate = credential.certificate {
            let at = certificate.origin
            members["keyalgorithm"] = value(certificate.keyAlgorithm, origin: at)
            members["keysizebits"] = value(certificate.keySizeBits.map { Double($0) }, origin: at) { .number($0) }
            members["signaturealgorithm"] = value(certificate.signatureAlgorithm, origin: at)
            members["signaturehash"] = value(certificate.signatureHash, origin: at)
            members["isselfsigned"] = value(certificate.isSelfSigned, origin: at) { .bool($0) }
            members["certificatesubject"] = value(certificate.subject, origin: at)
        }
        return .object(members, fallback: nil, origin: .computed)
    }

    static func node(_ uri: RedirectURI) -> ModelNode {
        let at = uri.origin
        var members: ModelMembers = [
            "uri": .scalar(.string(uri.uri), origin: at),
            "platform": .scalar(.string(uri.platform), origin: at),
            "scheme": .scalar(.string(uri.scheme), origin: at),
            "host": .scalar(.string(uri.host), origin: at),
            "isloopback": .scalar(.bool(uri.isLoopback), origin: at),
            "haswildcard": .scalar(.bool(uri.hasWildcard), origin: at),
            "length": .scalar(.number(Double(uri.uri.unicodeScalars.count)), origin: at),
            "position": .scalar(.number(Double(uri.position)), origin: at),
            "isrepeat": .scalar(.bool(uri.isRepeat), origin: at),
            "isportonlyduplicate": .scalar(.bool(uri.isPortOnlyDuplicate), origin: at),
        ]
        if let query = uri.query { members["query"] = .scalar(.string(query), origin: at) }
        if !uri.unsupportedCharacters.isEmpty { members["unsupportedcharacters"] = .scalar(.string(uri.unsupportedCharacters), origin: at) }
        return .object(members, fallback: nil, origin: at)
    }

    static func node(_ permission: ResolvedPermission) -> ModelNode {
        let idOrigin = permission.idOrigin ?? permission.origin
        var members: ModelMembers = [
            "type": .scalar(.string(permission.type.rawValue), origin: permission.typeOrigin),
            "risk": .scalar(.string(permission.risk), origin: permission.origin),
        ]
        if let appId = value(permission.resourceAppId, origin: permission.resourceOrigin) { members["resourceappid"] = appId }
        if let id = value(permission.id, origin: idOrigin) { members["id"] = id }
        if let resource = permission.resourceName { members["resource"] = .scalar(.string(resource), origin: permission.resourceOrigin) }
        if let name = permission.name { members["name"] = .scalar(.string(name), origin: idOrigin) }
        return .object(members, fallback: nil, origin: idOrigin)
    }

    static func node(_ secret: ExposedSecret) -> ModelNode {
        let at = secret.origin
        return .object([
            "kind": .scalar(.string(secret.kind), origin: at),
            "field": .scalar(.string(secret.field), origin: at),
            "masked": .scalar(.string(secret.masked), origin: at),
        ], fallback: nil, origin: at)
    }

    static func node(_ setting: SecretSetting) -> ModelNode {
        let at = setting.origin
        var members: ModelMembers = [
            "key": .scalar(.string(setting.key), origin: at),
            "value": .scalar(.string(setting.masked), origin: at),
            "isguid": .scalar(.bool(setting.isGUID), origin: at),
        ]
        if let match = setting.matchedCredential { members["matchedcredential"] = node(match) }
        if let match = setting.matchedApp { members["matchedapp"] = node(match) }
        return .object(members, fallback: nil, origin: at)
    }

    /// A place elsewhere in the run, as a node whose origin is already resolved.
    static func node(_ match: RunMatch) -> ModelNode {
        let origin = NodeOrigin(span: nil, resolved: match.location)
        return .object(["app": .scalar(.string(match.label), origin: origin), "path": .scalar(.string(match.location.path), origin: origin)], fallback: nil, origin: origin)
    }

    private static func number(_ fact: FactValue<Int>) -> ModelNode? {
        switch fact {
        case .known(let days): .scalar(.number(Double(days)), origin: .computed)
        case .absent: nil
        case .unknown(let reason): .scalar(.unknown(reason: reason), origin: .computed)
        }
    }

    private static func value(_ fact: FactValue<String>, origin: NodeOrigin) -> ModelNode? {
        value(fact, origin: origin) { .string($0) }
    }

    private static func value<T>(_ fact: FactValue<T>, origin: NodeOrigin, _ scalar: (T) -> ModelScalar) -> ModelNode? {
        switch fact {
        case .known(let known): .scalar(scalar(known), origin: origin)
        case .absent: .scalar(.null, origin: origin)
        case .unknown(let reason): .scalar(.unknown(reason: reason), origin: origin)
        }
    }
}
