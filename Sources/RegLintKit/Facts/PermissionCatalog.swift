import Foundation
import RuleSchema

/// The shipped tables `rules/data/resources.json` and `rules/data/permissions.json`, indexed: a
/// resource by app id or by name (Teams Toolkit manifests write "Microsoft Graph"), a permission
/// by id or by name ("User.Read") with its type and risk. Parsed once, on first use.
public struct PermissionCatalog: Sendable {
    /// A first-party API.
    public struct Resource: Sendable, Hashable {
        public var appId: String
        public var name: String
    }

    /// A permission of a resource, with how risky Microsoft's and ScubaGear's tables rate it.
    public struct Permission: Sendable, Hashable {
        public var resourceAppId: String
        public var id: String
        public var name: String
        /// `delegated` or `application`.
        public var type: String
        /// `critical`, `high`, `medium` or `low`.
        public var risk: String
    }

    var resources: [String: Resource] = [:]
    var resourceNames: [String: String] = [:]
    var permissions: [String: Permission] = [:]
    var permissionNames: [String: Permission] = [:]

    /// The catalog of the embedded tables.
    public static let shipped = PermissionCatalog(files: embeddedDataFiles)

    init(files: [EmbeddedDataFile]) {
        for file in files {
            guard let table = try? DataTable.parse(file.text, file: file.path) else { continue }
            switch table.name {
            case "resources":
                for row in table.entries {
                    guard let appId = row["appId"]?.string?.lowercased(), let name = row["name"]?.string else { continue }
                    resources[appId] = Resource(appId: appId, name: name)
                    for alias in [name] + (row["aliases"]?.list ?? []) { resourceNames[alias.lowercased()] = appId }
                }
            case "permissions":
                for row in table.entries {
                    guard let app = row["resourceAppId"]?.string?.lowercased(), let id = row["id"]?.string?.lowercased(),
                          let name = row["name"]?.string, let type = row["type"]?.string, let risk = row["risk"]?.string else { continue }
                    let permission = Permission(resourceAppId: app, id: id, name: name, type: type, risk: risk)
                    permissions["\(app)|\(id)|\(type)"] = permission
                    permissionNames["\(app)|\(name.lowercased())|\(type)"] = permission
                }
            default:
                continue
            }
        }
    }

    /// The resource's app id from an id or a name ("Microsoft Graph"); nil when unknown.
    public func resourceAppId(_ reference: String) -> String? {
        let key = reference.lowercased()
        if resources[key] != nil { return key }
        return resourceNames[key]
    }

    public func resource(_ appId: String) -> Resource? { resources[appId.lowercased()] }

    /// A permission by id or by name, of the given type (`delegated` for `Scope`, `application` for `Role`).
    public func permission(resourceAppId: String, reference: String, type: String) -> Permission? {
        let app = resourceAppId.lowercased()
        let key = reference.lowercased()
        return permissions["\(app)|\(key)|\(type)"] ?? permissionNames["\(app)|\(key)|\(type)"]
    }

    /// True for a GUID written `8-4-4-4-12`.
    static func isGUID(_ text: String) -> Bool { SecretValue.isGUID(text.lowercased()) }

    /// True for a template placeholder a toolkit fills in at deploy time (`${{…}}`, `{{…}}`, `$(…)`).
    static func isTemplate(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        let first = utf8.next()
        if first == UInt8(ascii: "$"), let second = utf8.next(), second == UInt8(ascii: "(") || second == UInt8(ascii: "{") { return true }
        // `{{` anywhere (which `${{` contains), compared on bytes.
        var previous = first
        for byte in text.utf8.dropFirst() {
            if byte == UInt8(ascii: "{"), previous == UInt8(ascii: "{") { return true }
            previous = byte
        }
        return false
    }
}
