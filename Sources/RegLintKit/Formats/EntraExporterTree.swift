import Foundation

/// EntraExporter's folder layout: `Applications/<objectId>/<objectId>.json`, with the owners in
/// `Owners/<ownerId>/<ownerId>.json` beside it (formats.md §4). The application file is Graph
/// JSON; the owners are attached so ownership rules can run.
public enum EntraExporterTree {
    /// The application folder when `path` is an EntraExporter application file
    /// (`…/Applications/<id>/<id>.json`, the names compared without case, as before).
    /// String operations only: `URL` path handling cost more than linting a small file.
    public static func applicationFolder(of path: String) -> String? {
        // The last three components found from the end on UTF-8 bytes (`/` is ASCII): no list of
        // components and no lower-cased copies per file.
        guard let fileSlash = path.utf8.lastIndex(of: 0x2F) else { return nil }
        let file = path[path.utf8.index(after: fileSlash)...]
        let folder = path[..<fileSlash]
        guard file.utf8.count > 5, ASCIIText.equalIgnoringCase(file.utf8.suffix(5), ".json"),
              let idSlash = folder.utf8.lastIndex(of: 0x2F) else { return nil }
        let id = folder[folder.utf8.index(after: idSlash)...]
        guard file.utf8.dropLast(5).elementsEqual(id.utf8) else { return nil }
        let parent = folder[..<idSlash]
        let applications = parent.utf8.lastIndex(of: 0x2F).map { parent[parent.utf8.index(after: $0)...] } ?? parent
        guard ASCIIText.equalIgnoringCase(applications.utf8, "applications") else { return nil }
        return String(folder)
    }

    /// Sub-object folders of an application folder, which are not inputs of their own.
    public static let subObjectFolders: Set<String> = ["owners", "extensionproperties", "tokenissuancepolicies", "tokenlifetimepolicies", "appmanagementpolicies"]

    /// The name of the folder of an application's owners.
    static let ownersFolderName = "Owners"

    /// The owners recorded beside an application, as canonical `owners` entries (sorted by id).
    public static func owners(inApplicationFolder folder: String, parser: JSONParser) -> [ModelNode] {
        let ownersFolder = folder.hasSuffix("/") ? folder + ownersFolderName : folder + "/" + ownersFolderName
        // Most application folders have no Owners folder: `opendir` says so, where FileManager
        // built and threw an error for each (a fiftieth of a 10,000-file walk's time).
        guard let listing = FolderListing(ownersFolder) else { return [] }
        var owners: [ModelNode] = []
        for name in (0..<listing.count).map({ listing[$0] }).sorted() {
            let file = "\(ownersFolder)/\(name)/\(name).json"
            guard case .success(let bytes) = InputFileReader(limit: 1 << 20).read(file, named: false) else { continue }
            guard let document = try? parser.parse(TextDecoding.utf8(bytes, encoding: TextDecoding.detect(bytes))) else { continue }
            var members: ModelMembers = [:]
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
        // The last name first (a walk asks for every folder of a tenant, almost none of them one).
        guard subObjectFolders.contains(PathText.lastComponent(path).lowercased()) else { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 3 else { return false }
        return parts[parts.count - 3].lowercased() == "applications"
    }
}

/// ASCII comparisons on UTF-8 bytes, without lower-cased copies.
enum ASCIIText {
    /// `bytes` equal `lowercase` (ASCII lower case), ignoring ASCII case.
    static func equalIgnoringCase(_ bytes: some Collection<UInt8>, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { a, b in (a >= 65 && a <= 90 ? a + 32 : a) == b }
        }
    }
}
