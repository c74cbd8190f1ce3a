import RuleSchema

extension Inventory {
    /// The inventory of one registration, judged at `now`.
    public static func of(_ registration: Registration, now: Instant, expiringWithinDays: Int = 30) -> Inventory {
        let root = registration.root
        var credentials: [CredentialRecord] = []
        for (member, kind) in [("passwordcredentials", CredentialRecord.Kind.secret), ("keycredentials", .certificate), ("federatedidentitycredentials", .federated)] {
            for node in root.member(member)?.asList ?? [] {
                credentials.append(CredentialRecord(node: node, kind: kind, now: now, expiringWithinDays: expiringWithinDays))
            }
        }
        var permissions: [PermissionRecord] = []
        for resource in root.member("requiredresourceaccess")?.asList ?? [] {
            let resourceAppId = resource.member("resourceappid")?.string ?? "(unknown)"
            let accesses = resource.member("resourceaccess")?.asList ?? []
            if accesses.isEmpty {
                permissions.append(PermissionRecord(resourceAppId: resourceAppId, resourceName: PermissionCatalog.shipped.resourceName(resourceAppId),
                                                    permissionId: nil, permissionName: nil, type: .unknown))
            }
            for access in resource.member("resourceaccess")?.asList ?? [] {
                let id = access.member("id")?.string ?? "(unknown)"
                let type = access.member("type")?.string
                permissions.append(PermissionRecord(
                    resourceAppId: resourceAppId, resourceName: PermissionCatalog.shipped.resourceName(resourceAppId),
                    permissionId: id, permissionName: PermissionCatalog.shipped.permissionName(resourceAppId: resourceAppId, id: id, type: type),
                    type: type == "Role" ? .application : type == "Scope" ? .delegated : .unknown))
            }
        }
        return Inventory(credentials: credentials, permissions: permissions)
    }
}

extension CredentialRecord {
    /// A credential judged at `now`.
    init(node: ModelNode, kind: Kind, now: Instant, expiringWithinDays: Int) {
        var status = Status.unknown
        var lifetimeDays: Int?
        var daysLeft: Int?
        let start = node.member("startdatetime")?.instant
        let end = node.member("enddatetime")?.instant
        if let start, let end { lifetimeDays = start.wholeDays(to: end) }
        if let end { daysLeft = now.wholeDays(to: end) }
        if kind == .federated {
            status = .active
        } else if let end {
            if end.dateString >= "2099-01-01" {
                status = .neverExpires
            } else if end < now {
                status = .expired
            } else if let start, now < start {
                status = .notYetValid
            } else if now.wholeDays(to: end) <= expiringWithinDays {
                status = .expiringSoon
            } else {
                status = .active
            }
        } else if node.member("enddatetime")?.isUnknown ?? false {
            status = .unknown
        } else {
            status = .neverExpires
        }
        self.init(kind: kind, description: node.member("displayname")?.string ?? node.member("name")?.string, keyId: node.member("keyid")?.string,
                  start: start, end: end, lifetimeDays: lifetimeDays, daysLeft: daysLeft, status: status)
    }
}
