import Foundation
import RuleSchema

/// What a built-in function sees: the subject, the registration, its arguments and the clock.
public struct FunctionInput: Sendable {
    public var subject: ModelNode
    public var root: ModelNode
    public var args: [String: ParamValue]
    public var params: [String: ParamValue]
    public var now: Instant
}

/// A named check written in Swift for what a condition cannot say; rule files call it by name.
public struct BuiltinFunction: Sendable {
    public var name: String
    public var summary: String
    public var evaluate: @Sendable (FunctionInput) -> (holds: Bool, witness: ModelNode?)
}

/// The registry of built-in functions rule files may call with `function: NAME`.
public struct BuiltinFunctions: Sendable {
    public var all: [BuiltinFunction]

    public func function(named name: String) -> BuiltinFunction? { all.first { $0.name == name } }

    /// Every built-in, by area; each area's functions live in a file of their own
    /// (`BuiltinFunctions+Area.swift`), so rules of different areas can grow them apart.
    public static let standard = BuiltinFunctions(all: redirectFunctions + credentialFunctions + permissionFunctions + registrationFunctions)
}


/// Redirect URI comparisons for built-in functions.
enum RedirectURIShape {
    /// The URI without surrounding blanks, its scheme and authority lower-cased (they are not
    /// case-sensitive) and its path, query and fragment as they are (Entra matches paths by case).
    static func normalized(_ uri: String) -> String {
        let trimmed = uri.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        guard let range = trimmed.range(of: "://") else { return trimmed }
        let afterScheme = trimmed[range.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        return (trimmed[..<authorityEnd]).lowercased() + trimmed[authorityEnd...]
    }

    /// The URI normalized, with any `:port` after the host removed.
    static func withoutPort(_ uri: String) -> String {
        let text = normalized(uri)
        guard let range = text.range(of: "://") else { return text }
        let afterScheme = text[range.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        var authority = afterScheme[..<authorityEnd]
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") { authority = authority[..<colon] }
        return String(text[..<range.upperBound] + authority + afterScheme[authorityEnd...])
    }

    /// Two URIs that are the same but for their ports (and not simply the same URI).
    static func differOnlyInPort(_ a: String, _ b: String) -> Bool {
        withoutPort(a) == withoutPort(b) && normalized(a) != normalized(b)
    }
}
