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
        let lifetimeDays = number(credential.lifetimeDays), lifetimeMonths = number(credential.lifetimeMonths)
        let daysUntilExpiry = number(credential.daysUntilExpiry)
        var object = FactObject(capacity: 1 + [lifetimeDays, lifetimeMonths, daysUntilExpiry].count { $0 != nil } + (credential.certificate == nil ? 0 : 6))
        object.add("kind", .string(credential.kind.rawValue), .computed)
        if let lifetimeDays { object.add("lifetimedays", lifetimeDays, .computed) }
        if let lifetimeMonths { object.add("lifetimemonths", lifetimeMonths, .computed) }
        if let daysUntilExpiry { object.add("daysuntilexpiry", daysUntilExpiry, .computed) }
        if let certificate = credential.certificate {
            let at = certificate.origin
            object.add("keyalgorithm", scalar(certificate.keyAlgorithm), at)
            object.add("keysizebits", scalar(certificate.keySizeBits.map { Double($0) }) { .number($0) }, at)
            object.add("signaturealgorithm", scalar(certificate.signatureAlgorithm), at)
            object.add("signaturehash", scalar(certificate.signatureHash), at)
            object.add("isselfsigned", scalar(certificate.isSelfSigned) { .bool($0) }, at)
            object.add("certificatesubject", scalar(certificate.subject), at)
        }
        return object.node(origin: .computed)
    }

    static func node(_ uri: RedirectURI) -> ModelNode {
        let at = uri.origin
        var object = FactObject(capacity: 10 + (uri.query == nil ? 0 : 1) + (uri.unsupportedCharacters.isEmpty ? 0 : 1))
        object.add("uri", .string(uri.uri), at)
        object.add("platform", .string(uri.platform), at)
        object.add("scheme", .string(uri.scheme), at)
        object.add("host", .string(uri.host), at)
        object.add("isloopback", .bool(uri.isLoopback), at)
        object.add("haswildcard", .bool(uri.hasWildcard), at)
        object.add("length", .number(Double(uri.uri.unicodeScalars.count)), at)
        object.add("position", .number(Double(uri.position)), at)
        object.add("isrepeat", .bool(uri.isRepeat), at)
        object.add("isportonlyduplicate", .bool(uri.isPortOnlyDuplicate), at)
        if let query = uri.query { object.add("query", .string(query), at) }
        if !uri.unsupportedCharacters.isEmpty { object.add("unsupportedcharacters", .string(uri.unsupportedCharacters), at) }
        return object.node(origin: at)
    }

    static func node(_ permission: ResolvedPermission) -> ModelNode {
        let idOrigin = permission.idOrigin ?? permission.origin
        var object = FactObject(capacity: 4 + (permission.resourceName == nil ? 0 : 1) + (permission.name == nil ? 0 : 1))
        object.add("type", .string(permission.type.rawValue), permission.typeOrigin)
        object.add("risk", .string(permission.risk), permission.origin)
        object.add("resourceappid", scalar(permission.resourceAppId), permission.resourceOrigin)
        object.add("id", scalar(permission.id), idOrigin)
        if let resource = permission.resourceName { object.add("resource", .string(resource), permission.resourceOrigin) }
        if let name = permission.name { object.add("name", .string(name), idOrigin) }
        return object.node(origin: idOrigin)
    }

    static func node(_ secret: ExposedSecret) -> ModelNode {
        let at = secret.origin
        var object = FactObject(capacity: 3)
        object.add("kind", .string(secret.kind), at)
        object.add("field", .string(secret.field), at)
        object.add("masked", .string(secret.masked), at)
        return object.node(origin: at)
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

    /// A count of days or months; an absent one is left out (nil).
    private static func number(_ fact: FactValue<Int>) -> ModelScalar? {
        switch fact {
        case .known(let count): .number(Double(count))
        case .absent: nil
        case .unknown(let reason): .unknown(reason: reason)
        }
    }

    /// A value that is there as null when absent.
    private static func scalar(_ fact: FactValue<String>) -> ModelScalar {
        scalar(fact) { .string($0) }
    }

    private static func scalar<T>(_ fact: FactValue<T>, _ make: (T) -> ModelScalar) -> ModelScalar {
        switch fact {
        case .known(let known): make(known)
        case .absent: .null
        case .unknown(let reason): .unknown(reason: reason)
        }
    }
}

/// A projected fact object being made: its names and values side by side, then one node whose
/// members share the values (`ModelNode.field`).
private struct FactObject {
    private var names: [String] = []
    private var fields: [ProjectedField] = []

    /// `capacity`: the members it will have (the lists are kept with the registration's facts,
    /// 40,000 credentials' worth in one hostile app).
    init(capacity: Int) {
        names.reserveCapacity(capacity)
        fields.reserveCapacity(capacity)
    }

    mutating func add(_ name: String, _ value: ModelScalar, _ origin: NodeOrigin) {
        names.append(name)
        fields.append(ProjectedField(value, origin: origin))
    }

    func node(origin: NodeOrigin) -> ModelNode {
        .object(ModelMembers(names: names, fields: fields), fallback: nil, origin: origin)
    }
}
