import Foundation
import RuleSchema

/// One accepted finding, from the configuration: a rule, at least one target, a required reason and
/// an optional expiry after which the finding comes back.
public struct Suppression: Sendable, Hashable {
    /// The rule id (`REG202`), or `*` for every rule.
    public var rule: String
    public var appId: String?
    /// A `fnmatch(3)` pattern over the registration's display name.
    public var displayName: Glob?
    /// A `fnmatch(3)` pattern over the input's report path.
    public var file: Glob?
    public var keyId: String?
    public var uri: String?
    public var permission: String?
    /// A finding's fingerprint, as in the baseline and SARIF `partialFingerprints`.
    public var fingerprint: String?
    public var reason: String
    /// The last day the suppression applies (inclusive), as written and as an instant.
    public var expires: String?
    public var expiresAt: Instant?
    /// Where the entry is written.
    public var origin: ConfigurationPosition

    public init(rule: String, reason: String, origin: ConfigurationPosition) {
        self.rule = rule
        self.reason = reason
        self.origin = origin
    }

    /// `file:line:col` of the entry.
    public var source: String { origin.description }

    /// True when every target the entry names matches the finding (identifiers case-insensitively).
    public func matches(_ finding: Finding) -> Bool {
        guard rule == "*" || CaseInsensitive.equal(rule, finding.ruleID) else { return false }
        let subject = finding.subject
        if let appId, !Suppression.same(appId, finding.registration.appId) { return false }
        if let keyId, !Suppression.same(keyId, subject.keyId) { return false }
        if let permission, !Suppression.same(permission, subject.permission) { return false }
        if let fingerprint, !Suppression.same(fingerprint, finding.fingerprint) { return false }
        if let uri, subject.uri != uri { return false }
        if let displayName, !displayName.matches(text: finding.registration.displayName ?? "") { return false }
        if let file, !file.matches(path: subject.file) { return false }
        return true
    }

    /// True once `now` is past the expiry day.
    public func isExpired(at now: Instant) -> Bool {
        guard let expiresAt else { return false }
        return now.dateString > expiresAt.dateString
    }

    public var justification: Justification { Justification(reason: reason, expires: expires, source: source) }

    /// What the entry targets, for messages: `REG202 appId=… uri=…`.
    public var summary: String {
        var parts = [rule]
        if let appId { parts.append("appId=\(appId)") }
        if let displayName { parts.append("displayName=\(displayName)") }
        if let file { parts.append("file=\(file)") }
        if let keyId { parts.append("keyId=\(keyId)") }
        if let uri { parts.append("uri=\(uri)") }
        if let permission { parts.append("permission=\(permission)") }
        if let fingerprint { parts.append("fingerprint=\(fingerprint)") }
        return parts.joined(separator: " ")
    }

    static func same(_ a: String, _ b: String?) -> Bool {
        guard let b else { return false }
        return CaseInsensitive.equal(a, b)
    }
}
