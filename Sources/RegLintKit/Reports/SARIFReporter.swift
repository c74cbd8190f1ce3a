import RuleSchema

/// SARIF 2.1.0 for code scanning: one run, every rule's metadata, results with repo-relative
/// regions, unreadable inputs and unevaluated rules as tool execution notifications.
/// Mapping: `../shared/reference/reports.md` §2.5; spec: docs.oasis-open.org/sarif/sarif/v2.1.0.
public struct SARIFReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        let rules = report.rules.map(ruleDescriptor)
        // Looked up once per rule, not once per result.
        var ruleIndex: [String: Int] = [:]
        for (index, rule) in report.rules.enumerated() { ruleIndex[rule.id] = index }
        let highest = report.rules.map(\.highestSeverity)
        let scores = report.rules.map(\.securitySeverityScore)
        var uriOf: [String: (String, Bool)] = [:]
        for file in report.result.files { uriOf[file.input.displayPath] = (file.input.reportPath, file.input.isOutsideRoot) }
        func location(_ path: String, _ start: SourcePosition, _ end: SourcePosition?) -> JSONOutput {
            let (uri, outside) = uriOf[path] ?? (path, false)
            return SARIFReporter.location(uri: uri, outside: outside, start, end)
        }
        let kinds = Diagnostic.Kind.allCases
        let toolNotifications = SARIFReporter.groupedDiagnostics(report.diagnostics).map { diagnostic -> JSONOutput in
            var members: [(String, JSONOutput)] = [("descriptor", .object([("id", .string(diagnostic.kind.rawValue)), ("index", .int(kinds.firstIndex(of: diagnostic.kind) ?? 0))]))]
            if let rule = diagnostic.ruleID, let index = report.ruleIndex(rule) {
                members.append(("associatedRule", .object([("id", .string(rule)), ("index", .int(index))])))
            }
            members += [
                ("level", .string(diagnostic.level.rawValue)),
                ("message", .object([("text", .string(SARIFReporter.text(of: diagnostic)))])),
                ("locations", .array([SARIFReporter.location(uri: diagnostic.reportPath, outside: diagnostic.isOutsideRoot, diagnostic.position ?? SourcePosition(line: 1, column: 1, offset: 0), nil)])),
            ]
            return .object(members)
        }
        let baselineInPlay = report.policy.baseline != nil
        // SARIF §3.27.23: once any result carries `suppressions`, every result does ([] = not suppressed).
        let suppressionsInPlay = !report.policy.suppressions.isEmpty

        let results = report.findings.map { finding -> JSONOutput in
            var loc = location(finding.location.path, finding.location.start, finding.location.end)
            if case .object(var members) = loc {
                var logical: [(String, JSONOutput)] = [("name", .string(finding.registration.displayName ?? finding.registration.label))]
                if let appId = finding.registration.appId { logical.append(("fullyQualifiedName", .string("applications/\(appId)"))) }
                logical.append(("kind", .string("resource")))
                members.append(("logicalLocations", .array([.object(logical)])))
                loc = .object(members)
            }
            var members: [(String, JSONOutput)] = [("ruleId", .string(finding.ruleID))]
            let index = ruleIndex[finding.ruleID]
            if let index { members.append(("ruleIndex", .int(index))) }
            // Related locations are linked from the message, so GitHub shows them ("[text](1)").
            var text = finding.message
            for (index, related) in finding.related.enumerated() {
                text += " See [\(SARIFReporter.linkText(related.location.path)):\(related.location.start.line)](\(index + 1))."
            }
            members += [
                ("level", .string(finding.severity.rawValue)),
                ("message", .object([("text", .string(text))])),
                ("locations", .array([loc])),
            ]
            if !finding.related.isEmpty {
                members.append(("relatedLocations", .array(finding.related.enumerated().map { index, related in
                    guard case .object(var fields) = location(related.location.path, related.location.start, related.location.end) else { return .null }
                    fields.insert(("id", .int(index + 1)), at: 0)
                    fields.append(("message", .object([("text", .string(related.message))])))
                    return .object(fields)
                })))
            }
            if case .suppressed(let why) = finding.disposition {
                var suppression: [(String, JSONOutput)] = [("kind", .string("external")), ("status", .string("accepted")), ("justification", .string(why.reason))]
                var properties: [(String, JSONOutput)] = [("source", .string(why.source))]
                if let expires = why.expires { properties.append(("expires", .string(expires))) }
                suppression.append(("properties", .object(properties)))
                members.append(("suppressions", .array([.object(suppression)])))
            } else if suppressionsInPlay {
                members.append(("suppressions", .array([])))
            }
            if baselineInPlay {
                members.append(("baselineState", .string(finding.disposition == .baselined ? "unchanged" : "new")))
            }
            members += [
                ("partialFingerprints", .object([("reglintFingerprint/v1", .string(finding.fingerprint))])),
                ("properties", .object([
                    ("jsonPointer", .string(finding.location.pointer)),
                    ("security-severity", .string(index.map { finding.severity == highest[$0] ? scores[$0] : SARIFReporter.score(finding.severity) } ?? SARIFReporter.score(finding.severity))),
                ])),
            ]
            return .object(members)
        }

        let failed = report.exitCode == 2
        let run: JSONOutput = .object([
            ("tool", .object([("driver", .object([
                ("name", .string(report.toolName)),
                ("version", .string(report.toolVersion)),
                ("semanticVersion", .string(report.toolVersion)),
                ("informationUri", .string(SARIFReporter.informationURI)),
                ("rules", .array(rules)),
                ("notifications", .array(Diagnostic.Kind.allCases.map { kind in
                    .object([
                        ("id", .string(kind.rawValue)), ("name", .string(kind.name)),
                        ("shortDescription", .object([("text", .string(kind.summary))])),
                        ("defaultConfiguration", .object([("level", .string(kind.level.rawValue))])),
                    ])
                })),
            ]))])),
            ("invocations", .array([.object([
                ("executionSuccessful", .bool(!failed)),
                ("exitCode", .int(Int(report.exitCode))),
                ("toolExecutionNotifications", .array(toolNotifications)),
            ])])),
            ("originalUriBaseIds", .object([("%SRCROOT%", .object([
                ("description", .object([("text", .string("The repository root (the directory reglint reports paths against)."))])),
            ]))])),
            ("columnKind", .string("utf16CodeUnits")),
            ("results", .array(results)),
        ])
        return JSONOutput.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ]).serialized()
    }

    func ruleDescriptor(_ rule: RuleSpec) -> JSONOutput {
        var tags = ["security", "entra-id"]
        for tag in rule.tags where !tags.contains(tag) { tags.append(tag) }
        let help = "\(rule.remediation)"
        let markdown = "\(rule.description)\n\n**Fix:** \(rule.remediation)\n\nSee [\(rule.helpURI)](\(rule.helpURI))."
        return .object([
            ("id", .string(rule.id)),
            ("name", .string(rule.name)),
            ("shortDescription", .object([("text", .string(SARIFReporter.sentence(rule.title)))])),
            ("fullDescription", .object([("text", .string(String(rule.description.prefix(1024))))])),
            ("defaultConfiguration", .object([("level", .string(rule.severity.rawValue))])),
            ("helpUri", .string(rule.helpURI)),
            ("help", .object([("text", .string(help)), ("markdown", .string(markdown))])),
            ("properties", .object([
                ("tags", .array(Array(tags.prefix(10)).map { .string($0) })),
                ("precision", .string(rule.precision)),
                ("security-severity", .string(rule.securitySeverityScore)),
            ])),
        ])
    }

    static let informationURI = "https://github.com/reglint/reglint"


    /// Above this many registrations of one file not evaluated by one rule for one reason, SARIF
    /// says it once with the count (a tenant export omits owners for every app: 10,000
    /// notifications would bury the ones that matter).
    static let groupingThreshold = 10

    /// The diagnostics with large groups of not-evaluated checks folded into one each.
    static func groupedDiagnostics(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var counts: [String: Int] = [:]
        func key(_ d: Diagnostic) -> String? {
            guard d.kind == .ruleNotEvaluated, let rule = d.ruleID, let reason = d.reason else { return nil }
            return "\(d.reportPath)\u{0}\(rule)\u{0}\(reason)"
        }
        for d in diagnostics { if let k = key(d) { counts[k, default: 0] += 1 } }
        guard counts.values.contains(where: { $0 > groupingThreshold }) else { return diagnostics }
        var emitted = Set<String>()
        var out: [Diagnostic] = []
        for d in diagnostics {
            guard let k = key(d), let count = counts[k], count > groupingThreshold else { out.append(d); continue }
            guard emitted.insert(k).inserted else { continue }
            var folded = d
            folded.message = "\(d.ruleID ?? "") was not evaluated for \(count) registrations of this file (the first: '\(d.registration ?? "")'): \(d.reason ?? "")"
            out.append(folded)
        }
        return out
    }

    /// A diagnostic as a SARIF message: the file, the position and the sentence.
    static func text(of diagnostic: Diagnostic) -> String {
        let at = diagnostic.position.map { " (line \($0.line), column \($0.column))" } ?? ""
        return "'\(diagnostic.reportPath)'\(at): \(LintReport.sentence(diagnostic.message))"
    }

    /// The `security-severity` of one result: the rule's own score when the finding has the rule's
    /// highest level, else the score of the finding's level (a 182-day secret is not High).
    static func securitySeverity(_ severity: Severity, rule: RuleSpec?) -> String {
        if let rule, severity == rule.highestSeverity { return rule.securitySeverityScore }
        return score(severity)
    }

    /// The score of a level (reports.md: 8.0 error, 5.5 warning, 2.0 note).
    static func score(_ severity: Severity) -> String {
        switch severity {
        case .error: return "8.0"
        case .warning: return "5.5"
        case .note: return "2.0"
        }
    }

    /// A physical location.
    static func location(uri: String, outside: Bool, _ start: SourcePosition, _ end: SourcePosition?) -> JSONOutput {
        var region: [(String, JSONOutput)] = [("startLine", .int(start.line)), ("startColumn", .int(start.column))]
        if let end {
            region += [("endLine", .int(end.line)), ("endColumn", .int(max(end.column, end.line == start.line ? start.column + 1 : 1)))]
        }
        // Always relative to %SRCROOT% (`../` outside it): upload-sarif drops `file://` URIs.
        let artifact: [(String, JSONOutput)] = [("uri", .string(URIEncoding.relative(uri))), ("uriBaseId", .string("%SRCROOT%"))]
        return .object([("physicalLocation", .object([("artifactLocation", .object(artifact)), ("region", .object(region))]))])
    }

    /// Link text in a message may not hold brackets.
    static func linkText(_ path: String) -> String {
        path.replacingOccurrences(of: "[", with: "(").replacingOccurrences(of: "]", with: ")")
    }

    static func pascalCase(_ slug: String) -> String {
        slug.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func sentence(_ title: String) -> String {
        let t = title.trimmingCharacters(in: .whitespaces)
        return t.hasSuffix(".") ? t : t + "."
    }
}

import Foundation

/// RFC 3986 percent-encoding for artifact URIs.
enum URIEncoding {
    static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)

    static func relative(_ path: String) -> String {
        if path.utf8.allSatisfy(unreserved.contains) { return path }
        var out = ""
        for byte in path.utf8 {
            if unreserved.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }

}
