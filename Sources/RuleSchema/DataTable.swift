import Foundation

/// A data table shipped with the rules (`rules/data/NAME.json`): permission ids to names and risk,
/// first-party resources, and the like. Each file names its source and licence; the build checks
/// both, and that `entries` is a list of objects, so a table cannot ship without its provenance.
public struct DataTable: Sendable {
    public let name: String
    public let source: String
    public let licence: String
    /// The rows, as JSON objects of strings and string lists.
    public let entries: [[String: DataValue]]

    /// A cell: a string, a list of strings, or another JSON value kept as text.
    public enum DataValue: Sendable, Hashable {
        case string(String)
        case list([String])

        public var string: String? { if case .string(let s) = self { s } else { nil } }
        public var list: [String] { if case .list(let l) = self { l } else { [] } }
    }

    /// Parses and checks one table; errors name the file.
    public static func parse(_ text: String, file: String) throws(RuleFileError) -> DataTable {
        func fail(_ message: String) -> RuleFileError { RuleFileError(file: file, line: 1, column: 1, field: "", message: message) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw fail("not a JSON object")
        }
        for key in object.keys where !["table", "source", "licence", "generatedBy", "entries"].contains(key) {
            throw fail("unknown key '\(key)' (known: table, source, licence, generatedBy, entries)")
        }
        guard let name = object["table"] as? String, !name.isEmpty else { throw fail("'table' (the table's name) is required") }
        let expected = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        guard name == expected else { throw fail("the table is named '\(name)' but the file is \(expected).json") }
        guard let source = object["source"] as? String, !source.isEmpty else { throw fail("'source' (where the data came from) is required") }
        guard let licence = object["licence"] as? String, !licence.isEmpty else { throw fail("'licence' is required") }
        guard let rows = object["entries"] as? [[String: Any]] else { throw fail("'entries' must be a list of objects") }
        var entries: [[String: DataValue]] = []
        for (index, row) in rows.enumerated() {
            var entry: [String: DataValue] = [:]
            for (key, value) in row {
                if let s = value as? String {
                    entry[key] = .string(s)
                } else if let l = value as? [String] {
                    entry[key] = .list(l)
                } else {
                    throw fail("entries[\(index)].\(key) must be a string or a list of strings")
                }
            }
            entries.append(entry)
        }
        return DataTable(name: name, source: source, licence: licence, entries: entries)
    }
}

extension DataTable {
    /// The list tables among `files` (those whose entries carry a `value`), by name, for
    /// `{table: NAME}` parameters.
    public static func lists(_ files: [(path: String, text: String)]) -> [String: [String]] {
        var lists: [String: [String]] = [:]
        for file in files {
            guard let table = try? DataTable.parse(file.text, file: file.path) else { continue }
            let values = table.entries.compactMap { $0["value"]?.string }
            if !values.isEmpty { lists[table.name] = values }
        }
        return lists
    }
}

/// The text of one embedded data table, as the build embeds it.
public struct EmbeddedDataFile: Sendable {
    public let path: String
    public let text: String
    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}
