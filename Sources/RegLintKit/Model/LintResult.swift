import RuleSchema

/// Everything one run found, file by file, in input order; reports are made from it.
public struct LintResult: Sendable {
    public var files: [FileResult]

    public var findings: [Finding] { files.flatMap { $0.registrations.flatMap(\.findings) } }
    public var failedInputs: [FileResult] { files.filter { $0.error != nil } }
}

/// What became of one input file.
public struct FileResult: Sendable {
    public var input: InputFile
    public var format: InputFormat?
    public var error: InputError?
    public var registrations: [RegistrationResult]
    public var notices: [LocatedNotice]
    /// Properties the exporter cut off: the export is too shallow to judge them (exit 2).
    public var truncations: [LocatedTruncation] = []
    /// Secret values seen in this file; every output masks them.
    public var secrets: [String]
    /// True when a walked file was not recognised and skipped (not an error).
    public var skipped: Bool
    /// SHA-256 of the file's bytes, hex, collected only for the audit report.
    public var sha256: String?
    /// More registrations of the file the result before this one is about (a collection handed
    /// on in pieces, `Linter.deliversPieces`); the first piece carries the file's own results.
    public var continued = false
}

/// A property lost to the exporter's depth limit, with its position.
public struct LocatedTruncation: Sendable, Hashable {
    public var property: String
    public var placeholder: String
    public var position: SourcePosition
    public var pointer: String

    /// "Export too shallow: 'web.implicitGrantSettings' holds only the type name '…'; …".
    public var message: String {
        "export too shallow: '\(property)' holds only the type name '\(placeholder)', so the rules that read it were not evaluated; re-export with ConvertTo-Json -Depth 10 (or Export-Clixml -Depth 10)"
    }
}

/// A notice with its resolved position.
public struct LocatedNotice: Sendable, Hashable {
    public var message: String
    public var position: SourcePosition
}

/// The outcome of every rule for one registration.
public struct RegistrationResult: Sendable {
    public var reference: RegistrationReference
    public var outcomes: [RuleResult]
    /// Credentials and permissions, collected only for the audit report (else empty).
    public var inventory = Inventory()

    public var findings: [Finding] {
        outcomes.flatMap { outcome -> [Finding] in
            if case .findings(let list) = outcome.status { return list }
            return []
        }
    }
}

/// One rule's result on one registration (rules that do not apply have none).
public struct RuleResult: Sendable {
    /// Passed, failed with findings, or could not be judged.
    public enum Status: Sendable {
        case passed
        case findings([Finding])
        case notEvaluated(reason: String)
    }

    public var ruleID: String
    public var status: Status
}

extension FileResult {
    /// The result for a named path that does not exist.
    public static func missing(_ input: InputFile, reason: String = "no such file or folder") -> FileResult {
        FileResult(input: input, format: nil,
                   error: InputError(kind: .unreadable, message: reason, position: nil),
                   registrations: [], notices: [], secrets: [], skipped: false)
    }
}

