import RuleSchema

/// reglint's own JSON: a versioned, documented schema (docs/json-output.md) of files and findings.
public struct JSONReporter: Reporter {
    public static let schemaVersion = 1

    public init() {}

    public func render(_ report: LintReport) -> String {
        let files = report.reportedFiles.map { file -> JSONOutput in
            var members: [(String, JSONOutput)] = [("path", .string(file.input.reportPath))]
            members.append(("format", file.format.map { .string($0.rawValue) } ?? .null))
            if let error = file.error {
                members.append(("error", .object([
                    ("kind", .string(error.kind.rawValue)),
                    ("message", .string(error.message)),
                    ("line", error.position.map { .int($0.line) } ?? .null),
                    ("column", error.position.map { .int($0.column) } ?? .null),
                ])))
            }
            members.append(("registrations", .int(file.registrations.count)))
            members.append(("truncations", .array(file.truncations.map { cut in
                .object([("property", .string(cut.property)), ("placeholder", .string(cut.placeholder)), ("line", .int(cut.position.line)), ("column", .int(cut.position.column)), ("message", .string(cut.message))])
            })))
            members.append(("notices", .array(file.notices.map { .object([("message", .string($0.message)), ("line", .int($0.position.line)), ("column", .int($0.position.column))]) })))
            members.append(("notEvaluated", .array(file.registrations.flatMap { registration in
                registration.outcomes.compactMap { outcome -> JSONOutput? in
                    guard case .notEvaluated(let reason) = outcome.status else { return nil }
                    return .object([("ruleId", .string(outcome.ruleID)), ("registration", .string(registration.reference.label)), ("reason", .string(reason))])
                }
            })))
            return .object(members)
        }
        let findings = report.findings.map { f -> JSONOutput in
            .object([
                ("ruleId", .string(f.ruleID)),
                ("ruleName", .string(f.ruleName)),
                ("severity", .string(f.severity.rawValue)),
                ("message", .string(f.message)),
                ("path", .string(f.location.path)),
                ("line", .int(f.location.start.line)),
                ("column", .int(f.location.start.column)),
                ("endLine", .int(f.location.end.line)),
                ("endColumn", .int(f.location.end.column)),
                ("pointer", .string(f.location.pointer)),
                ("registration", .object([
                    ("displayName", f.registration.displayName.map { .string($0) } ?? .null),
                    ("appId", f.registration.appId.map { .string($0) } ?? .null),
                    ("objectId", f.registration.objectId.map { .string($0) } ?? .null),
                    ("pointer", .string(f.registration.pointer)),
                ])),
                ("fingerprint", .string(f.fingerprint)),
                ("disposition", .string(JSONReporter.disposition(f.disposition))),
                ("suppression", JSONReporter.justification(f.disposition)),
                ("related", .array(f.related.map { r in
                    .object([("path", .string(r.location.path)), ("line", .int(r.location.start.line)), ("column", .int(r.location.start.column)), ("pointer", .string(r.location.pointer)), ("message", .string(r.message))])
                })),
            ])
        }
        let counts = Severity.allCases.reversed().map { s in (s.rawValue, JSONOutput.int(report.counts.total(s))) }
        return JSONOutput.object([
            ("schemaVersion", .int(JSONReporter.schemaVersion)),
            ("tool", .object([("name", .string(report.toolName)), ("version", .string(report.toolVersion))])),
            ("now", .string(report.now.dateString)),
            ("failOn", report.failOn.map { .string($0.rawValue) } ?? .string("none")),
            ("exitCode", .int(Int(report.exitCode))),
            ("summary", .object(counts + [("files", .int(report.reportedFiles.count)), ("failedInputs", .int(report.result.failedInputs.count)), ("skippedFiles", .int(report.skippedCount)),
                ("suppressed", .int(report.counts.suppressed.values.reduce(0, +))),
                ("baselined", .int(report.counts.baselined.values.reduce(0, +)))])),
            ("configuration", report.configurationFile.map { .string($0) } ?? .null),
            ("baseline", report.baselineFile.map { .string($0) } ?? .null),
            ("files", .array(files)),
            ("diagnostics", .array(report.diagnostics.map { d in
                .object([
                    ("id", .string(d.kind.rawValue)), ("kind", .string(d.kind.name)), ("level", .string(d.level.rawValue)),
                    ("path", .string(d.reportPath)), ("line", d.position.map { .int($0.line) } ?? .null),
                    ("column", d.position.map { .int($0.column) } ?? .null), ("ruleId", d.ruleID.map { .string($0) } ?? .null),
                    ("message", .string(d.message)),
                ])
            })),
            ("findings", .array(findings)),
        ]).serialized()
    }

    static func disposition(_ disposition: Disposition) -> String {
        switch disposition {
        case .open: "open"
        case .suppressed: "suppressed"
        case .baselined: "baselined"
        }
    }

    static func justification(_ disposition: Disposition) -> JSONOutput {
        guard case .suppressed(let why) = disposition else { return .null }
        return .object([("reason", .string(why.reason)), ("expires", why.expires.map { .string($0) } ?? .null), ("source", .string(why.source))])
    }
}
