import Foundation
import RuleSchema

extension BuiltinFunctions {
    /// Built-ins over the registration as a whole (audience, identifiers, owners, names).
    static let registrationFunctions: [BuiltinFunction] = []
}
