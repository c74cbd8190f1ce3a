/// A problem in a rule file, with the position of the offending field.
public struct RuleFileError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// The field path inside the rule (`examples.flag[1].at`), empty when the file as a whole is wrong.
    public var field: String
    public var message: String

    public init(file: String, line: Int, column: Int, field: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public var description: String {
        let location = "\(file):\(line):\(column)"
        return field.isEmpty ? "\(location): error: \(message)" : "\(location): error: '\(field)': \(message)"
    }
}
