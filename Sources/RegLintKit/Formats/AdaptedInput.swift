/// What an adapter made of one file: canonical registrations and what to tell the user.
public struct AdaptedInput: Sendable {
    public var format: InputFormat
    public var registrations: [ModelNode]
    /// The source pointer of each registration's object when the adapter knows it (`/value/3`).
    public var pointers: [String?] = []
    /// Things the user should know that are not findings (a paged export, say).
    public var notices: [InputNotice]
    /// Properties the exporter cut off ("export too shallow").
    public var truncations: [Truncation]
    /// Secret values the adapter saw outside canonical secret fields (CliXml SecureString).
    public var secrets: [String] = []
    /// For an app configuration file: its settings as one canonical entity.
    public var configuration: ModelNode?
}

/// A note about an input that is neither a finding nor an error.
public struct InputNotice: Sendable, Hashable {
    public var message: String
    public var span: SourceSpan?
}
