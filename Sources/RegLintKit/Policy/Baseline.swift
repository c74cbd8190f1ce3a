import Foundation

/// The fingerprints of findings a team has accepted as they are: with a baseline, only findings
/// not in it count toward the exit code (`reglint baseline` writes it, `--baseline` reads it).
///
/// The file is JSON (`docs/configuration.md`): a version, and one entry per finding with its
/// fingerprint and, for people reading a diff, the rule, file and registration. No messages, so
/// no secret can reach it.
public struct Baseline: Sendable, Hashable {
    public static let version = 1

    /// One accepted finding.
    public struct Entry: Sendable, Hashable, Codable {
        public var fingerprint: String
        public var ruleId: String
        public var file: String
        public var registration: String
    }

    public var entries: [Entry]
    public let fingerprints: Set<String>

    public init(entries: [Entry]) {
        self.entries = entries.sorted { ($0.file, $0.ruleId, $0.registration, $0.fingerprint) < ($1.file, $1.ruleId, $1.registration, $1.fingerprint) }
        self.fingerprints = Set(entries.map { $0.fingerprint.lowercased() })
    }

    /// A baseline of every finding of a report, suppressed ones included.
    public init(findings: [Finding]) {
        var seen = Set<String>()
        self.init(entries: findings.compactMap { finding in
            guard seen.insert(finding.fingerprint).inserted else { return nil }
            return Entry(fingerprint: finding.fingerprint, ruleId: finding.ruleID, file: finding.subject.file, registration: finding.registration.label)
        })
    }

    public func contains(_ finding: Finding) -> Bool { fingerprints.contains(finding.fingerprint.lowercased()) }

    struct File: Codable {
        var tool: String
        var version: Int
        var findings: [Entry]
    }

    /// The file's bytes: sorted entries, sorted keys, one entry per line block: diffs stay small.
    public func serialized() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(File(tool: "reglint", version: Baseline.version, findings: entries))) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a baseline file; errors name the file.
    public static func load(path: String) throws(ConfigurationError) -> Baseline {
        let data: Data
        switch InputFileReader.readSmall(path) {
        case .success(let bytes): data = Data(bytes)
        case .failure(let error): throw ConfigurationError(file: path, line: 1, column: 1, message: "\(error.message) (the baseline file)")
        }
        do {
            let file = try JSONDecoder().decode(File.self, from: data)
            guard file.version == Baseline.version else {
                throw ConfigurationError(file: path, line: 1, column: 1, message: "unsupported baseline version \(file.version) (this reglint reads version \(Baseline.version))")
            }
            return Baseline(entries: file.findings)
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(file: path, line: 1, column: 1, message: "not a reglint baseline file (expected {\"tool\": \"reglint\", \"version\": 1, \"findings\": [...]}); write one with `reglint baseline`")
        }
    }
}
