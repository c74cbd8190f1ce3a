import Synchronization

/// What cross-file rules need to know about the whole run: which input holds each password
/// credential keyId and each application appId (REG302 compares configuration settings to them).
///
/// It is kept until the last configuration file is linted, over a tenant of 100,000 files, so
/// it holds 24 bytes per identifier: the GUID's bits and the input's position. Where in that
/// input the identifier is (`IdentifierPlaces`) is worked out again for the few a setting names,
/// by reading that input once more (`places`).
public struct RunIndex: Sendable {
    /// A credential or application elsewhere in the run.
    public typealias Target = RunMatch
    typealias Key = IdentifierPlaces.Key

    struct Entry: GUIDKeyed {
        var key: Key
        var input: Int32
    }

    private var credentials = Chunks<Entry>()
    private var applications = Chunks<Entry>()
    /// Once sealed: the entries' positions sorted by key, then by position (the earlier wins).
    private var credentialOrder: [Int32]?
    private var applicationOrder: [Int32]?
    /// Where a found identifier's place comes from.
    var places: PlaceLookup?

    public init() {}

    /// The identifiers of the input at `position`.
    init(_ identifiers: IdentifierPlaces, input position: Int) {
        let input = Int32(clamping: position)
        identifiers.credentialKeys { credentials.append(Entry(key: $0, input: input)) }
        identifiers.applicationKeys { applications.append(Entry(key: $0, input: input)) }
    }

    /// The number of credentials and applications recorded (an identifier seen twice counts twice).
    public var count: (credentials: Int, applications: Int) { (credentials.count, applications.count) }

    /// The password credential whose keyId is `guid` (any case), if the run has one.
    public func credential(_ guid: String) -> Target? {
        guard let key = Key(guid), let found = credentials.firstPosition(of: key, order: credentialOrder) else { return nil }
        return places?.place(of: guid, input: Int(credentials[found].input), credential: true)
    }

    /// The application whose appId is `guid` (any case), if the run has one.
    public func application(_ guid: String) -> Target? {
        guard let key = Key(guid), let found = applications.firstPosition(of: key, order: applicationOrder) else { return nil }
        return places?.place(of: guid, input: Int(applications[found].input), credential: false)
    }

    /// Adds the next input's identifiers; the earlier input wins a lookup.
    mutating func merge(_ other: RunIndex) {
        if credentials.count == 0 && applications.count == 0 {
            self.credentials = other.credentials
            self.applications = other.applications
        } else {
            other.credentials.forEach { credentials.append($0) }
            other.applications.forEach { applications.append($0) }
        }
        credentialOrder = nil
        applicationOrder = nil
    }

    /// Sorts the identifiers for lookups, once every input is in (before, a lookup scans them all).
    public mutating func seal() {
        credentialOrder = credentials.keyOrder()
        applicationOrder = applications.keyOrder()
    }
}

/// Finds where an identifier is in the input the run index names, reading that input again
/// (each at most once a run) through `identify`. Should the input no longer hold it (changed
/// during the run), the match is still reported, at the input's first line.
final class PlaceLookup: Sendable {
    private let identify: @Sendable (Int) -> (path: String, places: IdentifierPlaces)
    private let known = Mutex<[Int: (path: String, places: IdentifierPlaces)]>([:])

    init(_ identify: @escaping @Sendable (Int) -> (path: String, places: IdentifierPlaces)) { self.identify = identify }

    func place(of guid: String, input: Int, credential: Bool) -> RunMatch {
        let file = known.withLock { known in
            if let file = known[input] { return file }
            var file = identify(input)
            file.places.seal()
            known[input] = file
            return file
        }
        let found = credential ? file.places.credential(guid) : file.places.application(guid)
        let start = SourcePosition(line: 1, column: 1, offset: 0)
        return found ?? RunMatch(location: SourceLocation(path: file.path, start: start, end: start, pointer: ""), label: "(changed during the run)")
    }
}
