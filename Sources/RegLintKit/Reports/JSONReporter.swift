import RuleSchema

/// reglint's own JSON: a versioned, documented schema (docs/json-output.md) of files and findings.
public struct JSONReporter: Reporter {
    public static let schemaVersion = 1

    public init() {}

    public func render(_ report: LintReport) -> String { String(decoding: renderBytes(report), as: UTF8.self) }

    public func renderBytes(_ report: LintReport) -> [UInt8] {
        var json = JSONWriter(capacity: JSONReporter.estimatedSize(of: report))
        json.beginObject()
        json.member("schemaVersion", JSONReporter.schemaVersion)
        json.key("tool")
        json.beginObject()
        json.member("name", report.toolName)
        json.member("version", report.toolVersion)
        json.endObject()
        json.member("now", report.now.dateString)
        json.member("failOn", report.failOn?.rawValue ?? "none")
        json.member("exitCode", Int(report.exitCode))
        writeSummary(report, into: &json)
        json.member("configuration", report.configurationFile)
        json.member("baseline", report.baselineFile)
        json.key("files")
        json.beginArray()
        for file in report.reportedFiles { writeFile(file, into: &json) }
        json.endArray()
        json.key("diagnostics")
        json.beginArray()
        for diagnostic in report.diagnostics { writeDiagnostic(diagnostic, into: &json) }
        json.endArray()
        json.key("findings")
        json.beginArray()
        for finding in report.findings { writeFinding(finding, into: &json) }
        json.endArray()
        json.endObject()
        return json.finished()
    }

    /// A little more than the bytes of the document (a finding takes about 1.1 KB), so the buffer
    /// seldom grows.
    static func estimatedSize(of report: LintReport) -> Int {
        16_384 + 1_280 * report.findings.count + 384 * report.diagnostics.count
    }

    private func writeSummary(_ report: LintReport, into json: inout JSONWriter) {
        json.key("summary")
        json.beginObject()
        for severity in Severity.allCases.reversed() { json.member(severity.rawValue, report.counts.total(severity)) }
        json.member("files", report.reportedFiles.count)
        json.member("failedInputs", report.result.failedInputs.count)
        json.member("skippedFiles", report.skippedCount)
        json.member("suppressed", report.counts.suppressed.values.reduce(0, +))
        json.member("baselined", report.counts.baselined.values.reduce(0, +))
        json.endObject()
    }

    private func writeFile(_ file: FileResult, into json: inout JSONWriter) {
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
        json.member("registrations", file.registrations.count)
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
        writeNotEvaluated(file, into: &json)
        json.endObject()
    }

    /// The file's (registration, rule) checks that could not be evaluated, with the reason.
    private func writeNotEvaluated(_ file: FileResult, into json: inout JSONWriter) {
        json.key("notEvaluated")
        json.beginArray()
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
        json.endArray()
    }

    private func writeDiagnostic(_ diagnostic: Diagnostic, into json: inout JSONWriter) {
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

    private func writeFinding(_ finding: Finding, into json: inout JSONWriter) {
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
