/// The input formats reglint recognises; detection is by content, with the file name as a hint.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Microsoft Graph `application` JSON: one object, a bare array, or a `value` envelope.
    case graphJSON = "graph-json"
    /// The legacy Azure AD Graph app manifest (`replyUrlsWithType`, `allowPublicClient`, ...).
    case legacyManifest = "aad-graph-manifest"
    /// `Get-MgApplication` / `Get-AzADApplication` piped to `ConvertTo-Json`.
    case powerShellJSON = "powershell-json"
    /// `Export-Clixml` of an application object (PowerShell serialization XML).
    case cliXml = "cli-xml"

    public var summary: String {
        switch self {
        case .graphJSON: "Microsoft Graph application JSON (portal manifest, az ad app, Graph REST, value envelope)"
        case .legacyManifest: "legacy Azure AD Graph app manifests"
        case .powerShellJSON: "PowerShell ConvertTo-Json of Get-MgApplication or Get-AzADApplication"
        case .cliXml: "PowerShell Export-Clixml"
        }
    }
}

/// What an adapter made of one file: canonical registrations and what to tell the user.
public struct AdaptedInput: Sendable {
    public var format: InputFormat
    public var registrations: [ModelNode]
    /// Things the user should know that are not findings (a paged export, say).
    public var notices: [InputNotice]
    /// Properties the exporter cut off ("export too shallow").
    public var truncations: [Truncation]
    /// Secret values the adapter saw outside canonical secret fields (CliXml SecureString).
    public var secrets: [String] = []
}

/// A note about an input that is neither a finding nor an error.
public struct InputNotice: Sendable, Hashable {
    public var message: String
    public var span: SourceSpan?
}
