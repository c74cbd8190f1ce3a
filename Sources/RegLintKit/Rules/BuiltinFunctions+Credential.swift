import Foundation
import RuleSchema

extension BuiltinFunctions {
    /// Built-ins over credentials (password, key and federated).
    static let credentialFunctions: [BuiltinFunction] = []
}
