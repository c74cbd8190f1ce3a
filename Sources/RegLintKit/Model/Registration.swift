/// One app registration found in an input, in the canonical model, with its derived facts.
public struct Registration: Sendable {
    /// The canonical application object (facts included under `facts`).
    public var root: ModelNode
    public var displayName: String?
    public var appId: String?
    public var objectId: String?
    /// Where the registration's object is in its file.
    public var origin: NodeOrigin
    public var facts: RegistrationFacts
    /// Secret values in this registration, for masking every output.
    public var secrets: [String] = []

    /// `displayName (appId)`, or whichever of the two exists, for reports.
    public var label: String {
        switch (displayName, appId) {
        case let (name?, id?): "\(name) (\(id))"
        case let (name?, nil): name
        case let (nil, id?): id
        case (nil, nil): "(unnamed registration)"
        }
    }
}

/// The kinds an app registration can be, derived from its platforms and credentials (DESIGN §13).
public enum AppKind: String, Sendable, CaseIterable, Hashable {
    case web, daemon, spa, `public`, api
    /// An agent identity blueprint (`@odata.type` `#microsoft.graph.agentIdentityBlueprint` in an
    /// `/applications` export): the template AI agents' identities are created from. Credential
    /// rules apply to it as to any application.
    case agentBlueprint
    /// Not an application: an app configuration file's credential settings. Only rules that
    /// name `config` in `appliesTo` run on it.
    case config
}

extension AppKind {
    /// The kind's bit among `allCases` (a registration's kinds and a rule's `appliesTo` are
    /// compared as bits, for every rule and registration).
    public var bit: UInt16 {
        switch self {
        case .web: 1
        case .daemon: 2
        case .spa: 4
        case .public: 8
        case .api: 16
        case .agentBlueprint: 32
        case .config: 64
        }
    }

    public static func bits(of kinds: Set<AppKind>) -> UInt16 {
        kinds.reduce(0) { $0 | $1.bit }
    }
}
