import RuleSchema

/// SARIF 2.1.0 for code scanning: one run, every rule's metadata, results with repo-relative
/// regions, unreadable inputs and unevaluated rules as tool execution notifications.
/// Mapping: `../shared/reference/reports.md` §2.5; spec: docs.oasis-open.org/sarif/sarif/v2.1.0.
public struct SARIFReporter: Reporter {
    public init() {}

    static let notifications: [(id: String, name: String, text: String, level: String)] = [
        ("REGN001", "InputUnreadable", "An input file could not be read or parsed.", "error"),
        ("REGN002", "RuleNotEvaluated", "A rule was not evaluated because the export lacks a field it needs.", "note"),
        ("REGN003", "InputNotice", "Something about an input worth knowing that is not a finding.", "note"),
        ("REGN004", "ExportTooShallow", "The exporter cut the registration off at its depth limit, so some rules could not judge it.", "error"),
    ]

    public func render(_ report: LintReport) -> String {
        let rules = report.rules.map(ruleDescriptor)
        var uriOf: [String: (String, Bool)] = [:]
        for file in report.result.files { uriOf[file.input.displayPath] = (file.input.reportPath, file.input.isOutsideRoot) }
        func uri(for path: String) -> (String, Bool) { uriOf[path] ?? (path, false) }
        func location(_ path: String, _ start: SourcePosition, _ end: SourcePosition?) -> JSONOutput {
            let (uri, outside) = uriOf[path] ?? (path, false)
            var region: [(String, JSONOutput)] = [("startLine", .int(start.line)), ("startColumn", .int(start.column))]
            if let end {
                region += [("endLine", .int(end.line)), ("endColumn", .int(max(end.column, end.line == start.line ? start.column + 1 : 1)))]
            }
            var artifact: [(String, JSONOutput)] = [("uri", .string(outside ? URIEncoding.fileURI(uri) : URIEncoding.relative(uri)))]
            if !outside { artifact.append(("uriBaseId", .string("%SRCROOT%"))) }
            return .object([("physicalLocation", .object([("artifactLocation", .object(artifact)), ("region", .object(region))]))])
        }

        var toolNotifications: [JSONOutput] = []
        for file in report.reportedFiles {
            if let error = file.error {
                let place = error.position ?? SourcePosition(line: 1, column: 1, offset: 0)
                toolNotifications.append(.object([
                    ("descriptor", .object([("id", .string("REGN001")), ("index", .int(0))])),
                    ("level", .string("error")),
                    ("message", .object([("text", .string(SARIFReporter.inputErrorText(file.input.reportPath, error)))])),
                    ("locations", .array([location(file.input.displayPath, place, nil)])),
                ]))
            }
            for cut in file.truncations {
                toolNotifications.append(.object([
                    ("descriptor", .object([("id", .string("REGN004")), ("index", .int(3))])),
                    ("level", .string("error")),
                    ("message", .object([("text", .string("'\(file.input.reportPath)': \(cut.message)."))])),
                    ("locations", .array([location(file.input.displayPath, cut.position, nil)])),
                ]))
            }
            for notice in file.notices {
                toolNotifications.append(.object([
                    ("descriptor", .object([("id", .string("REGN003")), ("index", .int(2))])),
                    ("level", .string("note")),
                    ("message", .object([("text", .string(notice.message))])),
                    ("locations", .array([location(file.input.displayPath, notice.position, nil)])),
                ]))
            }
            for registration in file.registrations {
                for outcome in registration.outcomes {
                    guard case .notEvaluated(let reason) = outcome.status else { continue }
                    var members: [(String, JSONOutput)] = [("descriptor", .object([("id", .string("REGN002")), ("index", .int(1))]))]
                    if let index = report.ruleIndex(outcome.ruleID) {
                        members.append(("associatedRule", .object([("id", .string(outcome.ruleID)), ("index", .int(index))])))
                    }
                    members += [
                        ("level", .string("note")),
                        ("message", .object([("text", .string("\(outcome.ruleID) was not evaluated for '\(registration.reference.label)': \(reason)."))])),
                        ("locations", .array([location(file.input.displayPath, registration.reference.location.start, nil)])),
                    ]
                    toolNotifications.append(.object(members))
                }
            }
        }

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
            if let index = report.ruleIndex(finding.ruleID) { members.append(("ruleIndex", .int(index))) }
            members += [
                ("level", .string(finding.severity.rawValue)),
                ("message", .object([("text", .string(finding.message))])),
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
            members += [
                ("partialFingerprints", .object([("reglintFingerprint/v1", .string(finding.fingerprint))])),
                ("properties", .object([("jsonPointer", .string(finding.location.pointer))])),
            ]
            return .object(members)
        }

        let failed = report.exitCode == 2
        let run: JSONOutput = .object([
            ("tool", .object([("driver", .object([
                ("name", .string(report.toolName)),
                ("semanticVersion", .string(report.toolVersion)),
                ("rules", .array(rules)),
                ("notifications", .array(SARIFReporter.notifications.map { n in
                    .object([
                        ("id", .string(n.id)), ("name", .string(n.name)),
                        ("shortDescription", .object([("text", .string(n.text))])),
                        ("defaultConfiguration", .object([("level", .string(n.level))])),
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
            ("name", .string(SARIFReporter.pascalCase(rule.name))),
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

    /// "Cannot parse 'x.json': expected ',' or '}' at line 3, column 3."
    static func inputErrorText(_ path: String, _ error: InputError) -> String {
        let at = error.position.map { " at line \($0.line), column \($0.column)" } ?? ""
        return "Cannot read '\(path)': \(error.message)\(at)."
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

    /// `file:///abs/path` with the path percent-encoded.
    static func fileURI(_ uri: String) -> String {
        guard uri.hasPrefix("file://") else { return relative(uri) }
        return "file://" + relative(String(uri.dropFirst(7)))
    }
}
