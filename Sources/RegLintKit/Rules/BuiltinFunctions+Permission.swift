import Foundation
import RuleSchema

extension BuiltinFunctions {
    /// Built-ins over requested permissions (requiredResourceAccess).
    static let permissionFunctions: [BuiltinFunction] = []
}
