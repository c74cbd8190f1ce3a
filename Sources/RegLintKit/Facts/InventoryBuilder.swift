import RuleSchema

extension Inventory {
    /// The inventory of one registration, read from its typed facts (the same the rules judge),
    /// judged at `now`.
    public static func of(_ registration: Registration, now: Instant, expiringWithinDays: Int = 30) -> Inventory {
        let credentials = registration.facts.credentials.map { CredentialRecord(facts: $0, now: now, expiringWithinDays: expiringWithinDays) }
        let permissions = (registration.facts.permissions ?? []).map { permission in
            PermissionRecord(
                resourceAppId: text(permission.resourceAppId), resourceName: permission.resourceName,
                permissionId: permission.isBareResource ? nil : text(permission.id), permissionName: permission.name,
                type: PermissionRecord.Kind(rawValue: permission.type.rawValue) ?? .unknown)
        }
        return Inventory(credentials: credentials, permissions: permissions)
    }

    private static func text(_ fact: FactValue<String>) -> String {
        fact.value ?? "(unknown)"
    }
}

extension CredentialRecord {
    /// A credential judged at `now`: an end that cannot be read is unknown, not "never expires".
    init(facts: CredentialFacts, now: Instant, expiringWithinDays: Int) {
        let kind: Kind = switch facts.kind {
        case .password: .secret
        case .certificate: .certificate
        case .federated: .federated
        }
        let status: Status
        switch (facts.kind, facts.end) {
        case (.federated, _):
            status = .active
        case (_, .known(let end)):
            if end.dateString >= "2099-01-01" {
                status = .neverExpires
            } else if end < now {
                status = .expired
            } else if let start = facts.start.value, now < start {
                status = .notYetValid
            } else if now.wholeDays(to: end) <= expiringWithinDays {
                status = .expiringSoon
            } else {
                status = .active
            }
        case (_, .unknown):
            status = .unknown
        case (_, .absent):
            status = .neverExpires
        }
        self.init(kind: kind, description: facts.description, keyId: facts.keyId, start: facts.start.value, end: facts.end.value,
                  lifetimeDays: facts.lifetimeDays.value, daysLeft: facts.daysUntilExpiry.value, status: status)
    }
}
