import Synchronization
import Foundation
import RuleSchema

/// The one view of a run every reporter formats: findings with their dispositions, diagnostics in
/// one wording, the per-registration check matrix and the exit code the policy gave. Reporters
/// read nothing else (no clock, no environment) and decide nothing.
public struct LintReport: Sendable {
    public var toolName = "reglint"
    public var toolVersion: String
    /// The rules that ran, sorted by id (configured severities applied).
    public var rules: [RuleSpec]
    public let result: LintResult
    /// Every finding to report, in file order then position then rule id (sorted once);
    /// suppressed ones are left out when the run was asked to.
    public let findings: [Finding]
    /// Input errors, export-depth cuts, notices, not-evaluated checks and the policy's own notes,
    /// in input order.
    public let diagnostics: [Diagnostic]
    /// Where each file's findings and diagnostics end in `findings` and `diagnostics` (one entry
    /// per `result.files` entry; the diagnostics after the last file's are the run's own).
    public let findingEnds: [Int]
    public let diagnosticEnds: [Int]
    /// The last-line-of-defence masking, worked out once and shared by every format written
    /// (40,000 secrets took a second per format to sort, escape and build into an automaton).
    let masking = ReportMasking()
    /// The exit code the policy gave this run (DESIGN §8).
    public let exitCode: Int32
    public var now: Instant
    public let policy: Policy
    /// Findings at or above this severity fail the run; nil for `--fail-on none`.
    public var failOn: Severity? { policy.failOn }
    /// Findings counted by disposition and severity, once.
    public let counts: FindingCounts
    /// The configuration file and baseline used, as shown to people (run metadata).
    public var configurationFile: String?
    public var baselineFile: String?

    public init(toolVersion: String, rules: [RuleSpec], result: LintResult, now: Instant, policy: Policy,
                policyDiagnostics: [Diagnostic] = [], keepSuppressed: Bool = true,
                configurationFile: String? = nil, baselineFile: String? = nil) {
        self.toolVersion = toolVersion
        self.rules = rules
        self.result = result
        self.now = now
        self.policy = policy
        self.configurationFile = configurationFile
        self.baselineFile = baselineFile
        // Gathered file by file straight from the outcomes, then sorted into one list: a finding
        // is large, and each intermediate list copied every one of them.
        var all: [Finding] = []
        var lists: [[Finding]] = []
        var kept: [Finding] = []
        var findingEnds: [Int] = []
        findingEnds.reserveCapacity(result.files.count)
        for file in result.files {
            lists.removeAll(keepingCapacity: true)
            for registration in file.registrations {
                for outcome in registration.outcomes {
                    if case .findings(let list) = outcome.status, !list.isEmpty { lists.append(list) }
                }
            }
            let start = all.count
            Self.appendSorted(lists, to: &all)
            if !keepSuppressed {
                for index in start..<all.count {
                    if case .suppressed = all[index].disposition { continue }
                    kept.append(all[index])
                }
            }
            findingEnds.append(keepSuppressed ? all.count : kept.count)
        }
        self.counts = FindingCounts(all)
        self.findings = keepSuppressed ? all : kept
        self.findingEnds = findingEnds
        var diagnostics: [Diagnostic] = []
        var diagnosticEnds: [Int] = []
        diagnosticEnds.reserveCapacity(result.files.count)
        for file in result.files {
            diagnostics.append(contentsOf: LintReport.diagnostics(of: file))
            diagnosticEnds.append(diagnostics.count)
        }
        self.diagnosticEnds = diagnosticEnds
        if policy.isEmpty(result.files) { diagnostics.append(Self.noInputDiagnostic) }
        self.notEvaluated = diagnostics.indices.reduce(0) { $0 + (diagnostics[$1].kind == .ruleNotEvaluated ? 1 : 0) }
            + policyDiagnostics.filter { $0.kind == .ruleNotEvaluated }.count
        diagnostics.append(contentsOf: policyDiagnostics)
        self.diagnostics = diagnostics
        self.exitCode = policy.exitCode(files: result.files, findings: all)
    }

    /// A run that found nothing to lint says so (exit 2, unless `--allow-empty`).
    public static let noInputDiagnostic = Diagnostic(
        kind: .noInput, path: ".", reportPath: ".", position: nil,
        message: "nothing to lint: no app registration export or configuration file was found; check the paths (--allow-empty passes an empty run)")

    /// A report with the default policy (tests, rule examples).
    public init(toolVersion: String, rules: [RuleSpec], result: LintResult, now: Instant, failOn: Severity?) {
        var policy = Policy()
        policy.failOn = failOn
        self.init(toolVersion: toolVersion, rules: rules, result: result, now: now, policy: policy)
    }

    /// One file's findings (its outcomes' lists, in outcome order) in report order, appended to
    /// `out`. Sorted as places on keys (position and rule id; messages read only on ties), then
    /// gathered once straight from the lists: a `Finding` is large, and sorting the values
    /// themselves copied each one many times (so did first joining the lists into one). The rule
    /// id is in the keys because on a one-line export every finding shares line 1 and many share
    /// a column.
    static func appendSorted(_ lists: [[Finding]], to out: inout [Finding]) {
        var keys: [(line: Int, column: Int, rule: String, offset: Int, list: Int32, item: Int32)] = []
        keys.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for (l, list) in lists.enumerated() {
            for (k, finding) in list.enumerated() {
                let start = finding.location.start
                keys.append((start.line, start.column, finding.ruleID, start.offset, Int32(l), Int32(k)))
            }
        }
        keys.sort { a, b in
            if a.line != b.line { return a.line < b.line }
            if a.column != b.column { return a.column < b.column }
            if a.rule != b.rule { return a.rule < b.rule }
            if a.offset != b.offset { return a.offset < b.offset }
            let x = lists[Int(a.list)][Int(a.item)].message, y = lists[Int(b.list)][Int(b.item)].message
            if x != y { return x < y }
            return (a.list, a.item) < (b.list, b.item)
        }
        // No reserveCapacity here: called once per file, an exact reservation would copy the
        // whole list every time (quadratic in files); appends grow it geometrically.
        for key in keys { out.append(lists[Int(key.list)][Int(key.item)]) }
    }

    static func order(_ a: Finding, _ b: Finding) -> Bool {
        (a.location.start.line, a.location.start.column, a.ruleID, a.location.start.offset, a.message)
            < (b.location.start.line, b.location.start.column, b.ruleID, b.location.start.offset, b.message)
    }

    /// The diagnostics of one file, each worded once (a check not evaluated when its words are
    /// read).
    static func diagnostics(of file: FileResult) -> [Diagnostic] {
        guard !file.skipped else { return [] }
        let input = file.input
        // Made once: a walk's report path is put together when asked.
        let path = input.displayPath, reportPath = input.reportPath
        func make(_ kind: Diagnostic.Kind, _ position: SourcePosition?, _ message: String) -> Diagnostic {
            Diagnostic(kind: kind, path: path, reportPath: reportPath, isOutsideRoot: input.isOutsideRoot, position: position, message: message)
        }
        var out: [Diagnostic] = []
        if let error = file.error {
            out.append(make(.inputUnreadable, error.position, error.message))
            return out
        }
        for cut in file.truncations { out.append(make(.exportTooShallow, cut.position, cut.message)) }
        for notice in file.notices { out.append(make(.inputNotice, notice.position, notice.message)) }
        for registration in file.registrations {
            // Made once per registration (a collection's registrations have five each).
            var label: String?
            for outcome in registration.outcomes {
                guard case .notEvaluated(let reason) = outcome.status else { continue }
                let name = label ?? registration.reference.label
                label = name
                out.append(Diagnostic(notEvaluated: outcome.ruleID, registration: name, reason: reason, path: path, reportPath: reportPath,
                                      isOutsideRoot: input.isOutsideRoot, position: registration.reference.location.start))
            }
        }
        return out
    }

    /// A message as a sentence: capitalised, ending with a period (SARIF, JUnit, HTML).
    public static func sentence(_ text: String) -> String {
        // Most messages begin with an ASCII capital or a quote and end with a full stop: told
        // from their bytes, without reading characters (and their Unicode properties). ASCII
        // bytes after the first and before the stop: no mark joins either into a character
        // of its own case (a quote and U+0345 are one lower-case character).
        let bytes = text.utf8
        if bytes.count >= 2, keepsStart(bytes[bytes.startIndex], bytes[bytes.index(after: bytes.startIndex)]),
           bytes.last == UInt8(ascii: "."), bytes[bytes.index(bytes.endIndex, offsetBy: -2)] < 0x80 {
            return text
        }
        var t = text
        if let first = t.first, first.isLowercase { t = first.uppercased() + t.dropFirst() }
        return t.hasSuffix(".") ? t : t + "."
    }

    /// Whether `sentence` leaves the first character of a text whose UTF-8 begins with `first`
    /// and `second` as it is: an ASCII byte that is no lower-case letter, then another ASCII
    /// byte (no mark joins them into a character of another case).
    static func keepsStart(_ first: UInt8, _ second: UInt8) -> Bool {
        first < 0x80 && !(first >= 0x61 && first <= 0x7A) && second < 0x80
    }

    /// Files that were linted or failed (walked files that were not exports are left out).
    public var reportedFiles: [FileResult] { result.files.filter { !$0.skipped } }
    public var skippedCount: Int { result.files.filter(\.skipped).count }

    /// Every secret value seen in any input.
    /// Longest first, then by bytes: ordered on UTF-8 sizes and bytes, since counting characters
    /// and comparing strings as Unicode took a tenth of a run with 40,000 secrets.
    /// Huge values are neither hashed nor copied to be ordered (`DistinctSecrets`); their repeats
    /// are dropped once sorted.
    public var secrets: [String] {
        var distinct = DistinctSecrets()
        for file in result.files { distinct.add(file.secrets) }
        var all = distinct.values
        all.sort { a, b in a.utf8.count != b.utf8.count ? a.utf8.count > b.utf8.count : UTF8Bytes.order(b, a) < 0 }
        return all.indices.compactMap { k in k > 0 && UTF8Bytes.order(all[k - 1], all[k]) == 0 ? nil : all[k] }
    }

    /// True when the finding counts toward the exit code.
    public func failsThreshold(_ finding: Finding) -> Bool { policy.fails(finding) }

    public func rule(_ id: String) -> RuleSpec? { rules.first { $0.id == id } }
    public func ruleIndex(_ id: String) -> Int? { rules.firstIndex { $0.id == id } }

    /// The number of (registration, rule) checks that could not be evaluated.
    public var notEvaluatedCount: Int { notEvaluated }
    /// Counted once (the summary line asks; counting copied every diagnostic).
    private let notEvaluated: Int

    /// Diagnostics of the given kinds.
    public func diagnostics(_ kinds: Set<Diagnostic.Kind>) -> [Diagnostic] { diagnostics.filter { kinds.contains($0.kind) } }
}

/// How many findings a run has, by disposition and severity (reporters' summaries read these
/// rather than filtering tens of thousands of findings again).
public struct FindingCounts: Sendable {
    public var open: [Severity: Int] = [:]
    public var baselined: [Severity: Int] = [:]
    public var suppressed: [Severity: Int] = [:]

    public init(_ findings: [Finding]) {
        add(findings)
    }

    /// More findings counted in.
    public mutating func add(_ findings: [Finding]) {
        for i in findings.indices {
            let severity = findings[i].severity
            switch findings[i].disposition {
            case .open: open[severity, default: 0] += 1
            case .baselined: baselined[severity, default: 0] += 1
            case .suppressed: suppressed[severity, default: 0] += 1
            }
        }
    }

    /// Another set of counts added in (a streamed run counts file by file).
    public mutating func add(_ other: FindingCounts) {
        open.merge(other.open, uniquingKeysWith: +)
        baselined.merge(other.baselined, uniquingKeysWith: +)
        suppressed.merge(other.suppressed, uniquingKeysWith: +)
    }

    /// Open and baselined findings of a severity: what the text output lists.
    public func shown(_ severity: Severity) -> Int { (open[severity] ?? 0) + (baselined[severity] ?? 0) }

    /// Every finding of a severity, whatever its disposition.
    public func total(_ severity: Severity) -> Int { shown(severity) + (suppressed[severity] ?? 0) }
}

/// The status of one (registration, rule) check after the policy: the audit report's matrix cell.
public enum CheckStatus: String, Sendable, CaseIterable {
    case passed, failed, notEvaluated = "not evaluated", suppressed, baselined
}

extension RuleResult {
    /// Passed, failed (an open finding), suppressed or baselined (every finding accepted), or
    /// not evaluated.
    public var checkStatus: CheckStatus {
        switch status {
        case .passed: return .passed
        case .notEvaluated: return .notEvaluated
        case .findings(let findings):
            if findings.contains(where: \.isOpen) { return .failed }
            if findings.contains(where: { if case .suppressed = $0.disposition { true } else { false } }) { return .suppressed }
            return .baselined
        }
    }
}

/// An output format; each maps to its reporter (exhaustively, so a new format must be wired).
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, github, markdown, html, codequality

    /// `workers`: threads a reporter may render on (`--jobs`), where it renders in parallel.
    public func reporter(color: Bool = false, workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> any Reporter {
        switch self {
        case .text: TextReporter(color: color, workers: workers)
        case .json: JSONReporter()
        case .sarif: SARIFReporter(workers: workers)
        case .junit: JUnitReporter()
        case .github: GitHubReporter()
        case .markdown: MarkdownReporter()
        case .html: HTMLReporter()
        case .codequality: CodeQualityReporter()
        }
    }
}

/// Renders a whole report; pure: the same report gives the same bytes.
public protocol Reporter: Sendable {
    func render(_ report: LintReport) -> String
    /// The same as UTF-8 bytes: reporters that write bytes (JSON, SARIF, Code Quality) give a
    /// report of tens of megabytes without copying it into text and back.
    func renderBytes(_ report: LintReport) -> [UInt8]
    /// Writes the masked report to a sink (a requirement, so a reporter that streams is called
    /// as one through `any Reporter`; the default renders whole and sends it once).
    func stream(_ report: LintReport, to sink: ByteSink) throws
}

extension Reporter {
    public func renderBytes(_ report: LintReport) -> [UInt8] { Array(render(report).utf8) }

    /// Renders and then masks every known secret value, as a last line of defence.
    public func renderMasked(_ report: LintReport) -> String {
        report.masking.scrubber(report).scrub(render(report))
    }

    /// `renderMasked` as UTF-8 bytes (what the command line writes): the same masking.
    public func renderMaskedBytes(_ report: LintReport) -> [UInt8] {
        report.masking.scrubber(report).scrub(renderBytes(report))
    }
}

/// Every scrubbable secret in each form a report may write it in (escaped for XML, JSON,
/// terminal lines, Markdown, GitHub workflow commands, and percent-encoded as in a URI).
enum LintReportMaskedForms {
    static func compute(_ report: LintReport) -> [String] { compute(secrets: report.secrets) }

    static func compute(secrets all: [String]) -> [String] {
        let secrets = all.filter(SecretMask.isScrubbable)
        return secrets.flatMap { secret -> [String] in
            // Letters, digits, '-' and '.' only: every escaped form is the secret itself (and
            // escaping 40,000 secrets, or a 50 MB one, nine times each took seconds).
            if isPlain(secret) { return [secret] }
            return [secret, XMLText.escape(secret), XMLText.attribute(secret), JSONText.escape(secret), TextLine.escape(secret), MarkdownText.escape(secret),
                    GitHubReporter.escapeData(secret), GitHubReporter.escapeProperty(secret),
                    secret.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? secret]
        }
    }
}

extension LintReportMaskedForms {
    /// Letters, digits, '-' and '.' only: a byte loop over the string's storage (the generic
    /// `allSatisfy` over a 500 MB secret's UTF-8 view took seconds).
    static func isPlain(_ secret: String) -> Bool {
        var secret = secret
        return secret.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return true }
            var k = 0
            // Eight bytes a step, each tested at once in its own lane (SWAR): a 500 MB secret
            // is read in a fraction of a second.
            func lanes(_ byte: UInt64) -> UInt64 { byte &* 0x0101_0101_0101_0101 }
            /// The high bit of each lane set where `lo <= x <= hi` (every lane below 0x80).
            func inRange(_ w: UInt64, _ lo: UInt64, _ hi: UInt64) -> UInt64 {
                (w &+ lanes(0x80 - lo)) & ~(w &+ lanes(0x7F - hi)) & lanes(0x80)
            }
            while k + 8 <= bytes.count {
                let w = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
                guard w & lanes(0x80) == 0 else { return false }
                let ok = inRange(w, 48, 57) | inRange(w | lanes(0x20), 97, 122) | inRange(w, 45, 46)
                guard ok == lanes(0x80) else { return false }
                k += 8
            }
            while k < bytes.count {
                let c = bytes[k]
                guard (c >= 48 && c <= 57) || (c | 0x20 >= 97 && c | 0x20 <= 122) || c == 45 || c == 46 else { return false }
                k += 1
            }
            return true
        }
    }
}

/// The automaton over the secrets a report masks, in each written form, made on first use and
/// kept for the report's other formats.
final class ReportMasking: Sendable {
    private let made = Mutex<SecretScrubber?>(nil)

    func scrubber(_ report: LintReport) -> SecretScrubber {
        if let known = made.withLock({ $0 }) { return known }
        let scrubber = SecretScrubber(secrets: LintReportMaskedForms.compute(report), minimumLength: 8)
        made.withLock { $0 = scrubber }
        return scrubber
    }
}
