/// How serious a finding is; the three SARIF levels, ordered so thresholds can compare them.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
    case note, warning, error

    /// 0 for note, 1 for warning, 2 for error.
    public var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    /// The SARIF `security-severity` score of this level (reports.md: 8.0 error, 5.5 warning, 2.0 note).
    public var securityScore: String {
        switch self {
        case .error: "8.0"
        case .warning: "5.5"
        case .note: "2.0"
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
