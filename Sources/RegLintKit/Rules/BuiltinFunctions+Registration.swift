import Foundation
import RuleSchema

extension BuiltinFunctions {
    /// Built-ins over the registration as a whole (audience, identifiers, owners, names).
    static let registrationFunctions: [BuiltinFunction] = [
        BuiltinFunction(
            name: "nowAtLeast",
            summary: "The run's `--now` is on or after a date: `args: {date: YYYY-MM-DD}` or `args: {param: NAME}` naming a date parameter (a retirement that turns a warning into an error on a given day).",
            evaluate: { input in
                var text: String?
                if case .string(let date)? = input.args["date"] { text = date }
                if case .string(let name)? = input.args["param"], case .string(let date)? = input.params[name] { text = date }
                guard let text, let date = Instant(parsing: text) else { return (false, nil) }
                return (input.now >= date, nil)
            }),
    ]
}
