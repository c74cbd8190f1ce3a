import Foundation

/// EntraExporter's folder layout: `Applications/<objectId>/<objectId>.json`, with the owners in
/// `Owners/<ownerId>/<ownerId>.json` beside it (formats.md §4). The application file is Graph
/// JSON; the owners are attached so ownership rules can run.
public enum EntraExporterTree {
    /// The application folder when `path` is an EntraExporter application file
    /// (`…/Applications/<id>/<id>.json`, the names compared without case, as before).
    /// String operations only: `URL` path handling cost more than linting a small file.
    public static func applicationFolder(of path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 3, parts[parts.count - 3].lowercased() == "applications" else { return nil }
        let file = parts[parts.count - 1]
        guard file.utf8.count > 5, file.lowercased().hasSuffix(".json"), file.dropLast(5) == parts[parts.count - 2],
              let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }

    /// Sub-object folders of an application folder, which are not inputs of their own.
    public static let subObjectFolders: Set<String> = ["owners", "extensionproperties", "tokenissuancepolicies", "tokenlifetimepolicies", "appmanagementpolicies"]

    /// The owners recorded beside an application, as canonical `owners` entries (sorted by id).
    public static func owners(inApplicationFolder folder: String, parser: JSONParser) -> [ModelNode] {
        let ownersFolder = (folder as NSString).appendingPathComponent("Owners")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: ownersFolder) else { return [] }
        var owners: [ModelNode] = []
        for name in names.sorted() {
            let file = ((ownersFolder as NSString).appendingPathComponent(name) as NSString).appendingPathComponent("\(name).json")
            guard case .success(let bytes) = InputFileReader(limit: 1 << 20).read(file, named: false) else { continue }
            guard let document = try? parser.parse(TextDecoding.utf8(bytes, encoding: TextDecoding.detect(bytes))) else { continue }
            var members: [String: ModelNode] = [:]
            for key in ["id", "displayName", "userPrincipalName", "@odata.type"] {
                if let value = document.root.member(Array(key.lowercased().utf8))?.value.string {
                    members[key.lowercased()] = .scalar(.string(value), origin: .computed)
                }
            }
            owners.append(.object(members, fallback: nil, origin: .computed))
        }
        return owners
    }

    /// True for a folder a walk must not enter: a sub-object folder inside an application folder.
    static func isSubObjectFolder(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 3, subObjectFolders.contains(parts[parts.count - 1].lowercased()) else { return false }
        return parts[parts.count - 3].lowercased() == "applications"
    }
}
