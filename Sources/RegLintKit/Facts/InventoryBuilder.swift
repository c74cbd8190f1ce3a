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
                permissions.append(PermissionRecord(resourceAppId: resourceAppId, resourceName: KnownResources.name(of: resourceAppId),
                                                    permissionId: nil, permissionName: nil, type: .unknown))
            }
            for access in resource.member("resourceaccess")?.asList ?? [] {
                let id = access.member("id")?.string ?? "(unknown)"
                let type = access.member("type")?.string
                permissions.append(PermissionRecord(
                    resourceAppId: resourceAppId, resourceName: KnownResources.name(of: resourceAppId),
                    permissionId: id, permissionName: KnownResources.permissionName(resourceAppId: resourceAppId, id: id, type: type),
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

/// First-party resources and the permissions people meet most, by id. A stop-gap until the
/// shipped data tables (the catalog issue) replace it: unknown ids are printed as they are.
enum KnownResources {
    static let resources: [String: String] = [
        "00000003-0000-0000-c000-000000000000": "Microsoft Graph",
        "00000002-0000-0000-c000-000000000000": "Azure AD Graph (retired)",
        "4f6778d8-5aef-43dc-a1ff-b073724b9495": "Azure Healthcare APIs (FHIR)",
        "75e725bf-66ce-4cea-9b9a-5c4caae57f33": "Azure API for DICOM",
        "e406a681-f3d4-42a8-90b6-c2b029497af1": "Azure Storage",
        "cfa8b339-82a2-471a-a3c9-0fc0be7a4093": "Azure Key Vault",
        "797f4846-ba00-4fd7-ba43-dac1f8f63013": "Azure Service Management",
        "00000002-0000-0ff1-ce00-000000000000": "Office 365 Exchange Online",
        "00000003-0000-0ff1-ce00-000000000000": "Office 365 SharePoint Online",
    ]

    /// Microsoft Graph permissions by id (Microsoft Graph permissions reference).
    static let graph: [String: String] = [
        "e1fe6dd8-ba31-4d61-89e7-88639da4683d": "User.Read",
        "37f7f235-527c-4136-accd-4a02d197296e": "openid",
        "14dad69e-099b-42c9-810b-d002981feec1": "profile",
        "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0": "email",
        "7427e0e9-2fba-42fe-b0c0-848c9e6a8182": "offline_access",
        "df021288-bdef-4463-88db-98f22de89214": "User.Read.All",
        "741f803b-c850-494e-b5df-cde7c675a1ca": "User.ReadWrite.All",
        "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9": "Application.ReadWrite.All",
        "19dbc75e-c2e2-444c-a770-ec69d8559fc7": "Directory.ReadWrite.All",
        "7ab1d382-f21e-4acd-a863-ba3e13f7da61": "Directory.Read.All",
        "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8": "RoleManagement.ReadWrite.Directory",
        "06b708a9-e830-4db3-a914-8e69da51d44f": "AppRoleAssignment.ReadWrite.All",
        "810c84a8-4a9e-49e6-bf7d-12d183f40d01": "Mail.Read",
        "b633e1c5-b582-4048-a93e-9f11b44c7e96": "Mail.Send",
        "5b567255-7703-4780-807c-7be8301ae99b": "Group.Read.All",
        "62a82d76-70ea-41e2-9197-370581804d09": "Group.ReadWrite.All",
    ]

    static func name(of resourceAppId: String) -> String? { resources[resourceAppId.lowercased()] }

    static func permissionName(resourceAppId: String, id: String, type: String?) -> String? {
        let resource = resourceAppId.lowercased()
        if resource == "00000003-0000-0000-c000-000000000000" { return graph[id.lowercased()] }
        return nil
    }
}
