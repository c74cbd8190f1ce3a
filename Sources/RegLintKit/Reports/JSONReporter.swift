import RuleSchema

/// reglint's own JSON: a versioned, documented schema (docs/json-output.md) of files and findings.
public struct JSONReporter: Reporter {
    public static let schemaVersion = 1

    public init() {}

    public func render(_ report: LintReport) -> String { String(decoding: renderBytes(report), as: UTF8.self) }

    public func renderBytes(_ report: LintReport) -> [UInt8] {
        var json = JSONWriter(capacity: JSONReporter.estimatedSize(of: report))
        write(Head(report), into: &json, files: { json in
            for file in report.reportedFiles {
                writeFileOpening(file, registrations: file.registrations.count, into: &json)
                writeNotEvaluated(file, into: &json)
                JSONReporter.writeFileClosing(into: &json)
            }
        }, diagnostics: { json in
            for diagnostic in report.diagnostics { writeDiagnostic(diagnostic, into: &json) }
        }, findings: { json in
            for finding in report.findings { writeFinding(finding, into: &json) }
        })
        return json.finished()
    }

    /// What the document says before its lists: a whole report's, or a streamed run's added up.
    struct Head {
        var toolName = "reglint"
        var toolVersion: String
        var now: Instant
        var failOn: Severity?
        var exitCode: Int32
        var counts = FindingCounts([])
        var files = 0
        var failedInputs = 0
        var skippedFiles = 0
        var configurationFile: String?
        var baselineFile: String?

        init(toolVersion: String, now: Instant, failOn: Severity?, exitCode: Int32, configurationFile: String?, baselineFile: String?) {
            self.toolVersion = toolVersion
            self.now = now
            self.failOn = failOn
            self.exitCode = exitCode
            self.configurationFile = configurationFile
            self.baselineFile = baselineFile
        }

        init(_ report: LintReport) {
            self.init(toolVersion: report.toolVersion, now: report.now, failOn: report.failOn, exitCode: report.exitCode,
                      configurationFile: report.configurationFile, baselineFile: report.baselineFile)
            toolName = report.toolName
            counts = report.counts
            files = report.reportedFiles.count
            failedInputs = report.result.failedInputs.count
            skippedFiles = report.skippedCount
        }
    }

    /// The document: the head's members, then the three lists, each written by its closure
    /// inside its open array (depth 2).
    func write(_ head: Head, into json: inout JSONWriter, files: (inout JSONWriter) -> Void,
               diagnostics: (inout JSONWriter) -> Void, findings: (inout JSONWriter) -> Void) {
        json.beginObject()
        json.member("schemaVersion", JSONReporter.schemaVersion)
        json.key("tool")
        json.beginObject()
        json.member("name", head.toolName)
        json.member("version", head.toolVersion)
        json.endObject()
        json.member("now", head.now.dateString)
        json.member("failOn", head.failOn?.rawValue ?? "none")
        json.member("exitCode", Int(head.exitCode))
        writeSummary(head, into: &json)
        json.member("configuration", head.configurationFile)
        json.member("baseline", head.baselineFile)
        json.key("files")
        json.beginArray()
        files(&json)
        json.endArray()
        json.key("diagnostics")
        json.beginArray()
        diagnostics(&json)
        json.endArray()
        json.key("findings")
        json.beginArray()
        findings(&json)
        json.endArray()
        json.endObject()
    }

    /// The depth of the document's three lists (where their values are written).
    static let listDepth = 2
    /// The depth of a file's `notEvaluated` list.
    static let notEvaluatedDepth = 4

    /// A little more than the bytes of the document (a finding takes about 1.1 KB), so the buffer
    /// seldom grows.
    static func estimatedSize(of report: LintReport) -> Int {
        16_384 + 1_280 * report.findings.count + 384 * report.diagnostics.count
    }

    private func writeSummary(_ head: Head, into json: inout JSONWriter) {
        json.key("summary")
        json.beginObject()
        for severity in Severity.allCases.reversed() { json.member(severity.rawValue, head.counts.total(severity)) }
        json.member("files", head.files)
        json.member("failedInputs", head.failedInputs)
        json.member("skippedFiles", head.skippedFiles)
        json.member("suppressed", head.counts.suppressed.values.reduce(0, +))
        json.member("baselined", head.counts.baselined.values.reduce(0, +))
        json.endObject()
    }

    /// A `files[]` entry up to its open `notEvaluated` list (`registrations`: the file's count,
    /// every piece's for a collection handed on in pieces).
    func writeFileOpening(_ file: FileResult, registrations: Int, into json: inout JSONWriter) {
        json.beginObject()
        json.member("path", file.input.reportPath)
        json.member("format", file.format?.rawValue)
        if let error = file.error {
            json.key("error")
            json.beginObject()
            json.member("kind", error.kind.rawValue)
            json.member("message", error.message)
            json.member("line", error.position?.line)
            json.member("column", error.position?.column)
            json.endObject()
        }
        json.member("registrations", registrations)
        json.key("truncations")
        json.beginArray()
        for cut in file.truncations {
            json.beginObject()
            json.member("property", cut.property)
            json.member("placeholder", cut.placeholder)
            json.member("line", cut.position.line)
            json.member("column", cut.position.column)
            json.member("message", cut.message)
            json.endObject()
        }
        json.endArray()
        json.key("notices")
        json.beginArray()
        for notice in file.notices {
            json.beginObject()
            json.member("message", notice.message)
            json.member("line", notice.position.line)
            json.member("column", notice.position.column)
            json.endObject()
        }
        json.endArray()
        json.key("notEvaluated")
        json.beginArray()
    }

    /// Closes the `notEvaluated` list and the entry `writeFileOpening` opened.
    static func writeFileClosing(into json: inout JSONWriter) {
        json.endArray()
        json.endObject()
    }

    /// The file's (registration, rule) checks that could not be evaluated, with the reason, as
    /// values of the open `notEvaluated` list.
    func writeNotEvaluated(_ file: FileResult, into json: inout JSONWriter) {
        for registration in file.registrations {
            for outcome in registration.outcomes {
                guard case .notEvaluated(let reason) = outcome.status else { continue }
                json.beginObject()
                json.member("ruleId", outcome.ruleID)
                json.member("registration", registration.reference.label)
                json.member("reason", reason)
                json.endObject()
            }
        }
    }

    func writeDiagnostic(_ diagnostic: Diagnostic, into json: inout JSONWriter) {
        json.beginObject()
        json.member("id", diagnostic.kind.rawValue)
        json.member("kind", diagnostic.kind.name)
        json.member("level", diagnostic.level.rawValue)
        json.member("path", diagnostic.reportPath)
        json.member("line", diagnostic.position?.line)
        json.member("column", diagnostic.position?.column)
        json.member("ruleId", diagnostic.ruleID)
        json.member("message", diagnostic.message)
        json.endObject()
    }

    func writeFinding(_ finding: Finding, into json: inout JSONWriter) {
        json.beginObject()
        json.member("ruleId", finding.ruleID)
        json.member("ruleName", finding.ruleName)
        json.member("severity", finding.severity.rawValue)
        json.member("message", finding.message)
        json.member("path", finding.location.path)
        json.member("line", finding.location.start.line)
        json.member("column", finding.location.start.column)
        json.member("endLine", finding.location.end.line)
        json.member("endColumn", finding.location.end.column)
        json.member("pointer", finding.location.pointer)
        json.key("registration")
        json.beginObject()
        json.member("displayName", finding.registration.displayName)
        json.member("appId", finding.registration.appId)
        json.member("objectId", finding.registration.objectId)
        json.member("pointer", finding.registration.pointer)
        json.endObject()
        json.member("fingerprint", finding.fingerprint)
        json.member("disposition", JSONReporter.disposition(finding.disposition))
        JSONReporter.writeJustification(finding.disposition, into: &json)
        json.key("related")
        json.beginArray()
        for related in finding.related {
            json.beginObject()
            json.member("path", related.location.path)
            json.member("line", related.location.start.line)
            json.member("column", related.location.start.column)
            json.member("pointer", related.location.pointer)
            json.member("message", related.message)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    static func disposition(_ disposition: Disposition) -> String {
        switch disposition {
        case .open: "open"
        case .suppressed: "suppressed"
        case .baselined: "baselined"
        }
    }

    /// The `suppression` member: the entry's reason, expiry and source, or null.
    static func writeJustification(_ disposition: Disposition, into json: inout JSONWriter) {
        json.key("suppression")
        guard case .suppressed(let why) = disposition else { json.null(); return }
        json.beginObject()
        json.member("reason", why.reason)
        json.member("expires", why.expires)
        json.member("source", why.source)
        json.endObject()
    }
}
