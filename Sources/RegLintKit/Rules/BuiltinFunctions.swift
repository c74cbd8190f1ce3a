import Foundation
import RuleSchema

/// What a built-in function sees: the subject, the registration, its arguments and the clock.
public struct FunctionInput: Sendable {
    public var subject: ModelNode
    public var root: ModelNode
    public var args: [String: ParamValue]
    public var params: [String: ParamValue]
    public var now: Instant

    /// The node at a dotted `path` below the subject (`args: {path: displayName}`), its names
    /// compared without case; nil when a member on the way is missing. Read segment by segment,
    /// without a list of them (the name checks run it for every registration).
    public func node(atPath path: String) -> ModelNode? {
        var node = subject
        var rest = Substring(path)
        while true {
            let dot = rest.firstIndex(of: ".")
            let segment = rest[..<(dot ?? rest.endIndex)]
            if !segment.isEmpty {
                guard let next = Self.member(of: node, named: segment) else { return nil }
                node = next
            }
            guard let dot else { return node }
            rest = rest[rest.index(after: dot)...]
        }
    }

    /// The member of `node` named `segment` in any case: an ASCII name lower-cased into a scratch
    /// buffer (`lowercased()` made a string for each call), any other as before.
    private static func member(of node: ModelNode, named segment: Substring) -> ModelNode? {
        let bytes = segment.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return node.member(segment.lowercased()) }
        return CaseInsensitive.withLowercased(bytes) { node.member(named: $0) }
    }
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

    /// This registry in a list of its own: each evaluation of a rule copies (retains) the list,
    /// and one registration's evaluator with its own list keeps those retains off the list the
    /// registrations linted on other cores use.
    var ownCopy: BuiltinFunctions {
        var list: [BuiltinFunction] = []
        list.reserveCapacity(all.count)
        list.append(contentsOf: all)
        return BuiltinFunctions(all: list)
    }

    /// Every built-in, by area; each area's functions live in a file of their own
    /// (`BuiltinFunctions+Area.swift`), so rules of different areas can grow them apart.
    public static let standard = BuiltinFunctions(all: redirectFunctions + credentialFunctions + permissionFunctions + registrationFunctions)
}
