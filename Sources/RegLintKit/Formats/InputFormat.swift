/// The input formats reglint recognises; detection is by content, with the file name as a hint.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Microsoft Graph `application` JSON: one object, a bare array, or a `value` envelope.
    case graphJSON = "graph-json"

    public var summary: String {
        switch self {
        case .graphJSON: "Microsoft Graph application JSON (portal manifest, az ad app, Graph REST, value envelope)"
        }
    }
}

/// A registration as an adapter found it: the canonical object and where it is in the file.
public struct AdaptedRegistration: Sendable {
    public var canonical: ModelNode
}

/// What an adapter made of one file.
public struct AdaptedInput: Sendable {
    public var format: InputFormat
    public var registrations: [AdaptedRegistration]
    /// Things the user should know that are not findings (a paged export, say).
    public var notices: [InputNotice]
}

/// A note about an input that is neither a finding nor an error.
public struct InputNotice: Sendable, Hashable {
    public var message: String
    public var span: SourceSpan?
}
