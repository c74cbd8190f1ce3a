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
    var permissions: [PermissionKey: Permission] = [:]
    var permissionNames: [PermissionKey: Permission] = [:]

    /// A permission's resource, id or lower-cased name, and type, hashed as they are (a string
    /// joined from them was made for every permission of every registration).
    struct PermissionKey: Hashable {
        var resourceAppId: String
        var reference: String
        var type: String

        /// The reference (a permission's GUID or name) and type alone: equal keys still hash
        /// alike, and the 36 bytes of the resource's GUID were a third of every lookup's hashing.
        func hash(into hasher: inout Hasher) {
            hasher.combine(reference)
            hasher.combine(type)
        }
    }

    /// The catalog of the embedded tables, built on first use (only runs whose registrations
    /// request permissions, or that report on them, pay for it).
    public static let shipped = PermissionCatalog(files: embeddedDataFiles)

    init(files: [EmbeddedDataFile]) {
        for file in files {
            switch file.path {
            case let path where path.hasSuffix("/resources.json"):
                for row in Self.entries(of: file) {
                    guard let appId = row.string("appid")?.lowercased(), let name = row.string("name") else { continue }
                    resources[appId] = Resource(appId: appId, name: name)
                    for alias in [name] + row.strings("aliases") { resourceNames[alias.lowercased()] = appId }
                }
            case let path where path.hasSuffix("/permissions.json"):
                for row in Self.entries(of: file) {
                    guard let app = row.string("resourceappid")?.lowercased(), let id = row.string("id")?.lowercased(),
                          let name = row.string("name"), let type = row.string("type"), let risk = row.string("risk") else { continue }
                    let permission = Permission(resourceAppId: app, id: id, name: name, type: type, risk: risk)
                    permissions[PermissionKey(resourceAppId: app, reference: id, type: type)] = permission
                    permissionNames[PermissionKey(resourceAppId: app, reference: name.lowercased(), type: type)] = permission
                }
            default:
                continue
            }
        }
    }

    /// The `entries` of an embedded table, read with the tape parser: the build has validated
    /// the table (`DataTable.parse`), and Foundation's JSON objects made every start slower.
    static func entries(of file: EmbeddedDataFile) -> [JSONValue] {
        guard let document = try? JSONParser().parse(Array(file.text.utf8)) else { return [] }
        return document.root.member("entries")?.value.elements ?? []
    }
    /// The resource's app id from an id or a name ("Microsoft Graph"); nil when unknown.
    public func resourceAppId(_ reference: String) -> String? {
        let key = Self.lowercased(reference)
        if resources[key] != nil { return key }
        return resourceNames[key]
    }

    public func resource(_ appId: String) -> Resource? { resources[Self.lowercased(appId)] }

    /// A permission by id or by name, of the given type (`delegated` for `Scope`, `application` for `Role`).
    public func permission(resourceAppId: String, reference: String, type: String) -> Permission? {
        let key = PermissionKey(resourceAppId: Self.lowercased(resourceAppId), reference: Self.lowercased(reference), type: type)
        return permissions[key] ?? permissionNames[key]
    }

    /// `text` lower-cased; itself when it is ASCII without capitals (GUIDs as exports write
    /// them), without a copy.
    static func lowercased(_ text: String) -> String {
        // On the stored bytes (a `UTF8View` walked byte by byte cost twice as much).
        UTF8Bytes.with(text, { $0.allSatisfy { $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) } }) ? text : text.lowercased()
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

private extension JSONValue {
    /// A string member of a table row; `lowercasedKey` as `member` wants it.
    func string(_ lowercasedKey: String) -> String? { member(Array(lowercasedKey.utf8))?.value.string }

    /// A list-of-strings member of a table row (empty when absent).
    func strings(_ lowercasedKey: String) -> [String] {
        member(Array(lowercasedKey.utf8))?.value.elements.compactMap(\.string) ?? []
    }
}
