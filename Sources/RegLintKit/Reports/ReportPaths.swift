import Synchronization

/// The repository-relative path of each input, by the path reglint shows, for the places a
/// finding names in another file (REG302's related locations). Most runs never ask, and a walk
/// of 100,000 files would spend megabytes on the table, so it is made on the first question.
final class ReportPaths: Sendable {
    private let inputs: [InputFile]
    private let table = Mutex<[String: String]?>(nil)

    init(_ inputs: [InputFile]) { self.inputs = inputs }

    /// The report path of the input shown as `path` (`path` itself for a path no input has).
    func reportPath(_ path: String) -> String {
        table.withLock { table in
            if table == nil { table = Dictionary(inputs.lazy.map { ($0.displayPath, $0.reportPath) }) { _, last in last } }
            return table?[path] ?? path
        }
    }
}
