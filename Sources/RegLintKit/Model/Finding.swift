import RuleSchema

/// One problem found by one rule in one registration, with its exact place in the file.
///
/// A value with its fields in one shared box, copied on write: a report copies, sorts and
/// gathers hundreds of thousands of findings, and a copy of the fields themselves retained ten
/// strings each, mostly cache misses (a third of the time a 160,000-finding file spent in its
/// report). A copy is now one retain.
public struct Finding: Sendable, Hashable {
    /// The fields, as a plain value.
    struct Fields: Sendable, Hashable {
        var ruleID: String
        var ruleName: String
        var severity: Severity
        var message: String
        var location: SourceLocation
        var registration: RegistrationReference
        var subject: FindingSubject
        var fingerprint: String
        var related: [RelatedLocation]
        var disposition: Disposition
    }

    /// Mutated only while uniquely referenced (`fields` below), so shared boxes are read-only.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    public init(ruleID: String, ruleName: String, severity: Severity, message: String, location: SourceLocation,
                registration: RegistrationReference, subject: FindingSubject, fingerprint: String,
                related: [RelatedLocation] = [], disposition: Disposition = .open) {
        box = Box(Fields(ruleID: ruleID, ruleName: ruleName, severity: severity, message: message, location: location,
                         registration: registration, subject: subject, fingerprint: fingerprint, related: related, disposition: disposition))
    }

    /// Every field; set in place when this value is the box's only holder, else on a copy.
    var fields: Fields {
        get { box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    public var ruleID: String {
        get { box.fields.ruleID }
        set { fields.ruleID = newValue }
    }
    public var ruleName: String {
        get { box.fields.ruleName }
        set { fields.ruleName = newValue }
    }
    /// The severity after the configuration's overrides (the rule's or its branch's otherwise).
    public var severity: Severity {
        get { box.fields.severity }
        set { fields.severity = newValue }
    }
    public var message: String {
        get { box.fields.message }
        set { fields.message = newValue }
    }
    public var location: SourceLocation {
        get { box.fields.location }
        set { fields.location = newValue }
    }
    public var registration: RegistrationReference {
        get { box.fields.registration }
        set { fields.registration = newValue }
    }
    /// What the finding is about, in the terms suppressions and baselines match on.
    public var subject: FindingSubject {
        get { box.fields.subject }
        set { fields.subject = newValue }
    }
    /// FNV-1a 64 of rule id, file stem, app identity and logical path (see `Fingerprint`).
    public var fingerprint: String {
        get { box.fields.fingerprint }
        set { fields.fingerprint = newValue }
    }
    /// Other places the finding names (the manifest credential a config setting points at).
    public var related: [RelatedLocation] {
        get { box.fields.related }
        set { fields.related = newValue }
    }
    /// Open, suppressed by a configured entry, or already in the baseline (set by the policy stage).
    public var disposition: Disposition {
        get { box.fields.disposition }
        set { fields.disposition = newValue }
    }

    /// True when the finding counts toward the exit code (neither suppressed nor baselined).
    public var isOpen: Bool { disposition == .open }

    public static func == (a: Finding, b: Finding) -> Bool { a.box === b.box || a.box.fields == b.box.fields }
    public func hash(into hasher: inout Hasher) { box.fields.hash(into: &hasher) }
}

/// The logical subject of a finding beyond its registration (`Finding.registration` names the
/// app): the file, and where the rule looked at one, the credential, redirect URI or permission.
/// Suppressions and baselines match on these, never on bytes or positions.
public struct FindingSubject: Sendable, Hashable {
    /// The input's report path (relative, `/`-separated).
    public var file: String
    /// The credential's keyId, for credential rules.
    public var keyId: String?
    /// The redirect URI, for redirect rules.
    public var uri: String?
    /// The resource app id or permission the rule judged, for permission rules.
    public var permission: String?

    public init(file: String, keyId: String? = nil, uri: String? = nil, permission: String? = nil) {
        self.file = file
        self.keyId = keyId
        self.uri = uri
        self.permission = permission
    }
}

/// What the policy stage decided about a finding.
public enum Disposition: Sendable, Hashable {
    /// Counts toward the exit code.
    case open
    /// Hidden by a suppression entry of the configuration, with its reason.
    case suppressed(Justification)
    /// Present in the baseline: listed, but does not fail the run.
    case baselined
}

/// Why a finding is suppressed, and where that was said.
public struct Justification: Sendable, Hashable {
    public var reason: String
    /// The day after which the suppression no longer applies (`YYYY-MM-DD`), if any.
    public var expires: String?
    /// `file:line:col` of the suppression entry.
    public var source: String

    public init(reason: String, expires: String?, source: String) {
        self.reason = reason
        self.expires = expires
        self.source = source
    }
}

/// A second place a finding refers to, and what it is.
public struct RelatedLocation: Sendable, Hashable {
    public var location: SourceLocation
    public var message: String
}

/// Names the registration a finding belongs to.
///
/// A class, shared by every finding of one registration: as a struct its seven fields were copied
/// (and each string retained) into every finding and every copy of one, 150 bytes a finding.
public final class RegistrationReference: Sendable, Hashable {
    public let displayName: String?
    public let appId: String?
    public let objectId: String?
    /// Source pointer of the registration's object in its file (`/value/3`, or empty).
    public let pointer: String
    public let location: SourceLocation
    /// An agent identity blueprint rather than an ordinary application (reported as such).
    public let isAgentBlueprint: Bool

    public init(displayName: String?, appId: String?, objectId: String?, pointer: String, location: SourceLocation, isAgentBlueprint: Bool = false) {
        self.displayName = displayName
        self.appId = appId
        self.objectId = objectId
        self.pointer = pointer
        self.location = location
        self.isAgentBlueprint = isAgentBlueprint
    }

    public static func == (a: RegistrationReference, b: RegistrationReference) -> Bool {
        a === b || (a.displayName == b.displayName && a.appId == b.appId && a.objectId == b.objectId && a.pointer == b.pointer
            && a.location == b.location && a.isAgentBlueprint == b.isAgentBlueprint)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(displayName)
        hasher.combine(appId)
        hasher.combine(objectId)
        hasher.combine(pointer)
        hasher.combine(location)
        hasher.combine(isAgentBlueprint)
    }

    public var label: String {
        let base: String
        switch (displayName, appId) {
        case let (name?, id?): base = "\(name) (\(id))"
        case let (name?, nil): base = name
        case let (nil, id?): base = id
        case (nil, nil): base = pointer.isEmpty ? "(unnamed registration)" : pointer
        }
        return isAgentBlueprint ? "\(base) [agent identity blueprint]" : base
    }
}

/// A stable, documented, non-cryptographic hash for fingerprints (FNV-1a, 64 bit).
///
/// A fingerprint names the subject, not the bytes: rule id, the file's path without its extension
/// (so a re-export in another format keeps it, and the same app in two files gives two), the app's
/// identity (appId, else objectId, else displayName) and the logical path with stable keys
/// (`passwordcredentials[keyid=…]`). Reformatting, reordering keys and moving the app within the
/// export change none of them.
public enum Fingerprint {
    public static func fnv1a(_ text: String) -> String {
        hex(fnv1a(text, after: nil))
    }

    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// FNV-1a over parts joined by `|`, a part at a time: the hash continued over `|` and `part`
    /// from `hash` (the parts before), or begun with `part` when there is none (no list of parts,
    /// no joined string).
    static func fnv1a(_ part: String, after hash: UInt64?) -> UInt64 {
        var value = hash ?? offsetBasis
        if hash != nil {
            value ^= UInt64(UInt8(ascii: "|"))
            value = value &* 0x100_0000_01b3
        }
        for byte in part.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        return value
    }

    /// Sixteen lower-case hex digits.
    static func hex(_ hash: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            for k in 0..<16 {
                let digit = UInt8((hash >> UInt64(60 - 4 * k)) & 0xF)
                buffer[k] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
            }
            return 16
        }
    }

    /// The fingerprint of a finding of `ruleID` in `file` on `registration` at `logicalPath`.
    public static func of(ruleID: String, file: String, registration: RegistrationReference, logicalPath: String) -> String {
        of(ruleID: ruleID, scope: scope(file: file, registration: registration), logicalPath: logicalPath)
    }

    /// The part every finding of one registration shares: `stem|identity` (computed once per registration).
    public static func scope(file: String, registration: RegistrationReference) -> String {
        let identity = registration.appId?.lowercased() ?? registration.objectId?.lowercased() ?? registration.displayName ?? registration.pointer
        return "\(stem(file))|\(identity)"
    }

    /// The fingerprint from a precomputed scope.
    public static func of(ruleID: String, scope: String, logicalPath: String) -> String {
        of(ruleScope: hash(ruleID: ruleID, scope: scope), logicalPath: logicalPath)
    }

    /// The hash of a rule and a scope, from which the fingerprints of that rule's findings on
    /// the scope's registration continue (`of(ruleScope:logicalPath:)`).
    static func hash(ruleID: String, scope: String) -> UInt64 {
        fnv1a(scope, after: fnv1a(ruleID, after: nil))
    }

    /// The fingerprint at `logicalPath` continued from `hash(ruleID:scope:)`.
    static func of(ruleScope: UInt64, logicalPath: String) -> String {
        hex(fnv1a(logicalPath, after: ruleScope))
    }

    /// The path without its last extension: `exports/contoso.json` and `exports/contoso.xml` agree.
    static func stem(_ path: String) -> String {
        // A Character test: `contains("/")` with a string is Foundation's substring search.
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains(where: { $0 == "/" }) else { return path }
        return String(path[..<dot])
    }
}
