import RuleSchema

/// A registration as the report names it: "displayName (appId)" in one line, or its two parts
/// for a cell that shows the id under the name.
struct AppName {
    var label: String
    var name: String
    /// The appId when the name is a display name (else it is already the label).
    var appId: String?

    init(_ reference: RegistrationReference) {
        label = reference.label
        name = reference.displayName ?? reference.label
        appId = reference.displayName == nil ? nil : reference.appId
    }
}

/// The audit report's sections as rows, built once from a `LintReport`, so that the Markdown and
/// HTML reporters only format and always agree on every number. Built from the report alone: no
/// clock, no environment.
struct AuditReport {
    /// Above this many registrations the matrix lists only those with a failing check.
    static let matrixLimit = 200

    var metadata: Metadata
    var inputs: [InputRow]
    var bySeverity: [SeverityRow]
    var byRule: [RuleRow]
    var matrix: Matrix
    var registrations: [RegistrationSection]
    /// Registrations linted, and how many of them have no finding.
    var registrationCount: Int
    var cleanCount: Int
    var credentials: [CredentialRow]
    var permissions: [PermissionRow]
    var suppressions: [SuppressionRow]
    var suppressionNotes: [NoteRow]
    var notEvaluated: [NotEvaluatedRow]
    /// Inputs that could not be read, or were cut off by the exporter (both exit 2).
    var unreadable: [NoteRow]
    var notices: [NoteRow]
    var now: Instant
    /// Secret values of the inputs: text a formatter shortens must be masked first, since the
    /// last-line masking of `renderMasked` cannot recognise a cut secret.
    var secrets: [String]

    /// Run metadata: what was judged, when, with what, and the outcome.
    struct Metadata {
        var date: String
        var version: String
        var rulesRun: Int
        var configuration: String
        var baseline: String
        var failOn: String
        var exitCode: Int32
        var exitMeaning: String
        var skippedFiles: Int
    }

    /// One input file.
    struct InputRow {
        var path: String
        var format: String
        var registrations: Int
        var sha256: String?
        /// Nil when read; else the error with its `line:col`.
        var error: String?
    }

    /// Finding counts of one severity.
    struct SeverityRow {
        var severity: Severity
        var open = 0, baselined = 0, suppressed = 0
        var total: Int { open + baselined + suppressed }
    }

    /// Finding counts of one rule that ran.
    struct RuleRow {
        var id: String
        var name: String
        var title: String
        var severity: Severity
        var findings = 0, open = 0, notEvaluated = 0
    }

    /// The check matrix: one column per rule applied to some registration, one row per registration.
    struct Matrix {
        var ruleIDs: [String]
        /// Rules that ran but applied to no registration (no column).
        var inapplicable: [String]
        var rows: [MatrixRow]
        /// True when only registrations with a failing check are listed.
        var filtered: Bool
    }

    /// One registration's checks; nil cells are rules that do not apply to it.
    struct MatrixRow {
        var app: AppName
        var anchor: String?
        var cells: [CheckStatus?]
    }

    /// One registration with findings, and the findings.
    struct RegistrationSection {
        var app: AppName
        var file: String
        var anchor: String
        var findings: [FindingItem]

        /// Open findings of a severity.
        func open(_ severity: Severity) -> Int { findings.filter { $0.severity == severity && $0.disposition == .open }.count }
        var accepted: Int { findings.filter { $0.disposition != .open }.count }
    }

    /// One finding with what the reviewer needs to judge and fix it.
    struct FindingItem {
        var severity: Severity
        var ruleID: String
        var ruleName: String
        var location: String
        var message: String
        var disposition: Disposition
        var remediation: String?
        var helpURI: String?
        var fix: Remediation?
    }

    /// One credential of the inventory.
    struct CredentialRow {
        var app: AppName
        var record: CredentialRecord
    }

    /// One requested permission of the inventory.
    struct PermissionRow {
        var app: AppName
        var record: PermissionRecord

        /// "Microsoft Graph (00000003-…)", or the resource app id alone.
        var resource: String { record.resourceName.map { "\($0) (\(record.resourceAppId))" } ?? record.resourceAppId }
        /// "User.Read (e1fe6dd8-…)", the id alone, or a note that none is listed.
        var permission: String {
            record.permissionId.map { id in record.permissionName.map { "\($0) (\(id))" } ?? id } ?? "(no permission listed)"
        }
    }

    /// One configured suppression and how many findings it hid.
    struct SuppressionRow {
        var rule: String
        var target: String
        var reason: String
        var expires: String?
        var source: String
        var hidden: Int
        var expired: Bool
    }

    /// A diagnostic with its place.
    struct NoteRow {
        var location: String
        var message: String
    }

    /// A check that could not be evaluated, and why.
    struct NotEvaluatedRow {
        var registration: String
        var ruleID: String
        var reason: String
        var location: String
    }

    init(_ report: LintReport) {
        let files = report.reportedFiles
        now = report.now
        secrets = report.secrets.filter(SecretMask.isScrubbable)
        metadata = AuditReport.metadata(report)
        inputs = files.map(AuditReport.input)
        bySeverity = AuditReport.severities(report.findings)
        byRule = AuditReport.rules(report)
        registrationCount = files.reduce(0) { $0 + $1.registrations.count }
        matrix = AuditReport.matrix(report, files: files)
        registrations = AuditReport.sections(report, files: files)
        cleanCount = registrationCount - registrations.count
        credentials = files.flatMap { $0.registrations.flatMap { r in r.inventory.credentials.map { CredentialRow(app: AppName(r.reference), record: $0) } } }
        permissions = files.flatMap { $0.registrations.flatMap { r in r.inventory.permissions.map { PermissionRow(app: AppName(r.reference), record: $0) } } }
        suppressions = AuditReport.suppressions(report)
        suppressionNotes = report.diagnostics([.suppressionExpired, .suppressionUnused]).map(AuditReport.note)
        notEvaluated = AuditReport.notEvaluated(files)
        unreadable = report.diagnostics([.inputUnreadable, .exportTooShallow, .noInput]).map(AuditReport.note)
        notices = report.diagnostics([.inputNotice]).map(AuditReport.note)
    }

    /// `path:line:col`, or the path alone.
    static func place(_ path: String, _ position: SourcePosition?) -> String {
        guard let position else { return path }
        return "\(path):\(position.line):\(position.column)"
    }

    static func metadata(_ report: LintReport) -> Metadata {
        let threshold = report.failOn?.rawValue ?? "none"
        let meaning: String
        switch report.exitCode {
        case 0: meaning = report.failOn == nil ? "pass (--fail-on none: findings never fail the run)" : "pass: no open finding at or above \(threshold)"
        case 1: meaning = "fail: open findings at or above \(threshold)"
        default: meaning = "error: an input could not be read or judged, or there was nothing to lint"
        }
        return Metadata(date: report.now.dateString, version: report.toolVersion, rulesRun: report.rules.count,
                        configuration: report.configurationFile ?? "none", baseline: report.baselineFile ?? "none",
                        failOn: threshold, exitCode: report.exitCode, exitMeaning: meaning, skippedFiles: report.skippedCount)
    }

    static func input(_ file: FileResult) -> InputRow {
        InputRow(path: file.input.displayPath, format: file.format?.rawValue ?? "—", registrations: file.registrations.count,
                 sha256: file.sha256, error: file.error.map { error in
                     error.position.map { "\(error.message) (at \($0.line):\($0.column))" } ?? error.message
                 })
    }

    static func severities(_ findings: [Finding]) -> [SeverityRow] {
        Severity.allCases.reversed().map { severity in
            var row = SeverityRow(severity: severity)
            for finding in findings where finding.severity == severity {
                switch finding.disposition {
                case .open: row.open += 1
                case .baselined: row.baselined += 1
                case .suppressed: row.suppressed += 1
                }
            }
            return row
        }
    }

    static func rules(_ report: LintReport) -> [RuleRow] {
        var rows = report.rules.map { RuleRow(id: $0.id, name: $0.name, title: $0.title, severity: $0.severity) }
        var index: [String: Int] = [:]
        for (k, row) in rows.enumerated() { index[row.id] = k }
        for finding in report.findings {
            guard let k = index[finding.ruleID] else { continue }
            rows[k].findings += 1
            if finding.isOpen { rows[k].open += 1 }
        }
        for diagnostic in report.diagnostics([.ruleNotEvaluated]) {
            if let rule = diagnostic.ruleID, let k = index[rule] { rows[k].notEvaluated += 1 }
        }
        return rows
    }

    static func note(_ diagnostic: Diagnostic) -> NoteRow {
        NoteRow(location: place(diagnostic.path, diagnostic.position), message: LintReport.sentence(diagnostic.message))
    }
}
