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
        credentials.merge(other.credentials) { mine, _ in mine }
        applications.merge(other.applications) { mine, _ in mine }
    }
}
