import RuleSchema

/// One problem found by one rule in one registration, with its exact place in the file.
public struct Finding: Sendable, Hashable {
    public var ruleID: String
    public var ruleName: String
    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    public var registration: RegistrationReference
    /// FNV-1a 64 of rule id, appId (or file) and the logical path: survives re-export and reordering.
    public var fingerprint: String
    /// Other places the finding names (the manifest credential a config setting points at).
    public var related: [RelatedLocation] = []
}

/// A second place a finding refers to, and what it is.
public struct RelatedLocation: Sendable, Hashable {
    public var location: SourceLocation
    public var message: String
}

/// Names the registration a finding belongs to.
public struct RegistrationReference: Sendable, Hashable {
    public var displayName: String?
    public var appId: String?
    public var objectId: String?
    /// Source pointer of the registration's object in its file (`/value/3`, or empty).
    public var pointer: String
    public var location: SourceLocation

    public var label: String {
        switch (displayName, appId) {
        case let (name?, id?): "\(name) (\(id))"
        case let (name?, nil): name
        case let (nil, id?): id
        case (nil, nil): pointer.isEmpty ? "(unnamed registration)" : pointer
        }
    }
}

/// A stable, documented, non-cryptographic hash for fingerprints (FNV-1a, 64 bit).
public enum Fingerprint {
    public static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16).leftPadded(16)
    }
}
