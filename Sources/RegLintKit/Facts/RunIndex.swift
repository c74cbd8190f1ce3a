/// What cross-file rules need to know about the whole run: every password credential's keyId
/// and every application's appId, with where they are (REG302 compares config settings to them).
public struct RunIndex: Sendable {
    /// A credential or application elsewhere in the run.
    public typealias Target = RunMatch

    /// Lower-cased keyId → the password credential's keyId value.
    public private(set) var credentials: [String: Target] = [:]
    /// Lower-cased appId → the application's appId value.
    public private(set) var applications: [String: Target] = [:]

    public init() {}

    /// Records a credential keyId (lower-cased key) unless an earlier one is there.
    mutating func recordCredential(_ key: String, _ target: Target) {
        if credentials[key] == nil { credentials[key] = target }
    }

    /// Records an appId (lower-cased key) unless an earlier one is there.
    mutating func recordApplication(_ key: String, _ target: Target) {
        if applications[key] == nil { applications[key] = target }
    }

    /// Adds another file's entries; the earlier file wins, so the result follows input order.
    mutating func merge(_ other: RunIndex) {
        // The first file's index is taken whole (a 10,000-app collection's, without rehashing it).
        if credentials.isEmpty { credentials = other.credentials } else { credentials.merge(other.credentials) { mine, _ in mine } }
        if applications.isEmpty { applications = other.applications } else { applications.merge(other.applications) { mine, _ in mine } }
    }

    /// Room for about this many more credentials and applications.
    mutating func reserve(credentials extra: Int, applications more: Int) {
        credentials.reserveCapacity(credentials.count + extra)
        applications.reserveCapacity(applications.count + more)
    }
}
