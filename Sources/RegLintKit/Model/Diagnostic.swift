import RuleSchema

/// Something a run has to say that is not a finding: an input that could not be read, a check
/// that could not be evaluated, a notice about an export, a suppression that expired or matched
/// nothing. Built once, in one wording, for every reporter to format.
public struct Diagnostic: Sendable, Hashable {
    /// The kind, with the stable id SARIF uses for its notification descriptor.
    public enum Kind: String, Sendable, CaseIterable {
        case inputUnreadable = "REGN001"
        case ruleNotEvaluated = "REGN002"
        case inputNotice = "REGN003"
        case exportTooShallow = "REGN004"
        case suppressionExpired = "REGN005"
        case suppressionUnused = "REGN006"
        case noInput = "REGN007"

        /// The SARIF notification descriptor's name.
        public var name: String {
            switch self {
            case .inputUnreadable: "InputUnreadable"
            case .ruleNotEvaluated: "RuleNotEvaluated"
            case .inputNotice: "InputNotice"
            case .exportTooShallow: "ExportTooShallow"
            case .suppressionExpired: "SuppressionExpired"
            case .suppressionUnused: "SuppressionUnused"
            case .noInput: "NoInput"
            }
        }

        /// One sentence on what the kind means.
        public var summary: String {
            switch self {
            case .inputUnreadable: "An input file could not be read or parsed."
            case .ruleNotEvaluated: "A rule was not evaluated because the export lacks a field it needs."
            case .inputNotice: "Something about an input worth knowing that is not a finding."
            case .exportTooShallow: "The exporter cut the registration off at its depth limit, so some rules could not judge it."
            case .suppressionExpired: "A suppression passed its expiry date; the findings it hid are reported again."
            case .suppressionUnused: "A suppression matches no finding; remove it or correct its target."
            case .noInput: "The run found nothing to lint."
            }
        }

        /// The level a diagnostic of this kind has.
        public var level: Severity {
            switch self {
            case .inputUnreadable, .exportTooShallow, .noInput: .error
            case .suppressionExpired: .warning
            case .ruleNotEvaluated, .inputNotice, .suppressionUnused: .note
            }
        }
    }

    public var kind: Kind
    /// The file it is about (an input or the configuration file), as shown to people.
    public var path: String
    /// The same file for SARIF, JUnit and GitHub: relative to the repository root (`../` outside it).
    public var reportPath: String
    public var isOutsideRoot: Bool
    public var position: SourcePosition?
    /// One or more sentences, ending with a period; never the file name or position.
    public var message: String {
        get { storedMessage ?? "\(ruleID ?? "") was not evaluated for '\(registration ?? "")': \(reason ?? "")" }
        set { storedMessage = newValue }
    }
    /// The parts a not-evaluated check's message is worded from when read (`message` is
    /// "RULE was not evaluated for 'REGISTRATION': REASON"), nil once a message is set: for
    /// writers that append the parts without making the message.
    public var notEvaluatedParts: (rule: String, registration: String, reason: String)? {
        guard storedMessage == nil else { return nil }
        return (ruleID ?? "", registration ?? "", reason ?? "")
    }
    /// The message as set; nil for a check not evaluated, worded from its rule, registration and
    /// reason when asked (a 10,000-app collection has 54,000 of them, and most outputs fold them
    /// by rule and reason without reading each one's words).
    private var storedMessage: String?
    /// The rule concerned (not-evaluated checks, suppressions).
    public var ruleID: String?
    /// The registration concerned (not-evaluated checks): its label.
    public var registration: String?
    /// Why a check was not evaluated (not-evaluated checks), for outputs that group them.
    public var reason: String?

    public var level: Severity { kind.level }

    public init(kind: Kind, path: String, reportPath: String, isOutsideRoot: Bool = false, position: SourcePosition?,
                message: String, ruleID: String? = nil, registration: String? = nil) {
        self.kind = kind
        self.path = path
        self.reportPath = reportPath
        self.isOutsideRoot = isOutsideRoot
        self.position = position
        self.storedMessage = message
        self.ruleID = ruleID
        self.registration = registration
    }

    /// A check not evaluated: rule `ruleID` for the registration labelled `registration`, for
    /// `reason`; its message is worded when read.
    init(notEvaluated ruleID: String, registration: String, reason: String, path: String, reportPath: String, isOutsideRoot: Bool, position: SourcePosition?) {
        kind = .ruleNotEvaluated
        self.path = path
        self.reportPath = reportPath
        self.isOutsideRoot = isOutsideRoot
        self.position = position
        self.ruleID = ruleID
        self.registration = registration
        self.reason = reason
    }
}
