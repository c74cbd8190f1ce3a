/// What cross-file rules need to know about the whole run: every password credential's keyId
/// and every application's appId, with where they are (REG302 compares config settings to them).
public struct RunIndex: Sendable {
    /// A credential or application elsewhere in the run.
    public struct Target: Sendable, Hashable {
        public var location: SourceLocation
        /// The registration it belongs to (`displayName (appId)`).
        public var label: String
    }

    /// Lower-cased keyId → the password credential's keyId value.
    public private(set) var credentials: [String: Target] = [:]
    /// Lower-cased appId → the application's appId value.
    public private(set) var applications: [String: Target] = [:]

    public init() {}

    mutating func record(_ registration: Registration, locator: Locator) {
        let label = registration.displayName ?? registration.appId ?? "(unnamed registration)"
        for credential in registration.root.member("passwordcredentials")?.asList ?? [] {
            guard let keyID = credential.member("keyid"), let value = keyID.string, keyID.origin.span != nil else { continue }
            let key = value.lowercased()
            if credentials[key] == nil { credentials[key] = Target(location: locator.location(keyID.origin), label: label) }
        }
        if let appID = registration.root.member("appid"), let value = appID.string, appID.origin.span != nil {
            let key = value.lowercased()
            if applications[key] == nil { applications[key] = Target(location: locator.location(appID.origin), label: label) }
        }
    }

    /// Adds another file's entries; the earlier file wins, so the result follows input order.
    mutating func merge(_ other: RunIndex) {
        credentials.merge(other.credentials) { mine, _ in mine }
        applications.merge(other.applications) { mine, _ in mine }
    }
}
