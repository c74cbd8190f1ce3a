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

/// Facts computed once per registration, before any rule runs.
public struct RegistrationFacts: Sendable {
    public var kinds: Set<AppKind>
    public var redirectURIs: [RedirectURI]
    public var isConfidential: Bool { kinds.contains(.web) || kinds.contains(.daemon) }
}

/// A redirect URI of any platform, parsed once.
public struct RedirectURI: Sendable {
    public var uri: String
    public var platform: String
    public var scheme: String
    public var host: String
    public var isLoopback: Bool
    public var hasWildcard: Bool
    public var origin: NodeOrigin
    /// The text after the first `?` up to any `#` (empty for a bare `?`); nil without a `?`.
    public var query: String? = nil
    /// The characters Entra does not support in redirect URIs (`! $ ' ( ) , ;`) that the URI
    /// contains, each once, in order of appearance, separated by spaces; empty when none.
    public var unsupportedCharacters: String = ""
}
