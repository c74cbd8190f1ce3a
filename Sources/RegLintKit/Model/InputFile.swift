import Foundation

/// One input to lint: where to read it and how to name it in reports.
public struct InputFile: Sendable, Hashable {
    /// The name in text output and errors: the path as given (or found by the walk).
    public var displayPath: String
    /// The name in SARIF, JUnit and GitHub annotations: relative to the repository root,
    /// `/`-separated (`../` for a file outside it).
    public var reportPath: String {
        get {
            switch report {
            case .own(let path): path
            case .prefixed(let prefix): prefix + displayPath
            }
        }
        set { report = .own(newValue) }
    }
    /// The report path, or (for a walk's files below the current folder) the prefix that makes
    /// it from the path shown: one string per file instead of two in a walk of 100,000.
    var report: ReportPath
    public var source: Source
    /// True when the file is outside the repository root (its `reportPath` starts with `../`).
    public var isOutsideRoot: Bool
    /// Named explicitly on the command line (an unrecognised named file is an error, a walked one is skipped).
    public var named: Bool
    /// A rule example's `app:`: its root object is one application, without detection (examples
    /// are partial apps).
    public var isExampleApplication = false
    /// A walk's file whose folder's listing has no `Owners` folder: as an EntraExporter
    /// application file it has no owners to read, told without a failed open of that folder
    /// (one per application of a tenant export). A hint: not part of the file's identity.
    var listedWithoutOwners = false

    /// Where the bytes come from: a file on disk, or standard input already read.
    public enum Source: Sendable, Hashable {
        case file(String)
        /// The file at `folder/displayPath`: a walk's file below the current folder, whose
        /// absolute path is not kept apart from the path shown (a walk keeps 100,000 of them).
        case below(folder: String)
        case bytes([UInt8])
    }

    /// The file's path on disk, when it is one (not standard input).
    public var filePath: String? {
        switch source {
        case .file(let path): path
        case .below(let folder): folder.hasSuffix("/") ? folder + displayPath : folder + "/" + displayPath
        case .bytes: nil
        }
    }

    enum ReportPath: Sendable {
        case own(String)
        /// The prefix (the current folder from the repository root, `/`-ended) + `displayPath`.
        case prefixed(String)
    }

    public init(displayPath: String, reportPath: String, isOutsideRoot: Bool = false, source: Source, named: Bool) {
        self.init(displayPath: displayPath, report: .own(reportPath), isOutsideRoot: isOutsideRoot, source: source, named: named)
    }

    init(displayPath: String, report: ReportPath, isOutsideRoot: Bool, source: Source, named: Bool) {
        self.displayPath = displayPath
        self.report = report
        self.isOutsideRoot = isOutsideRoot
        self.source = source
        self.named = named
    }

    public static func == (a: InputFile, b: InputFile) -> Bool {
        a.displayPath == b.displayPath && a.reportPath == b.reportPath && a.isOutsideRoot == b.isOutsideRoot
            && a.source == b.source && a.named == b.named && a.isExampleApplication == b.isExampleApplication
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(displayPath)
        hasher.combine(reportPath)
        hasher.combine(source)
        hasher.combine(named)
    }

    /// Files in reports: by report path, then by the path shown. Two files of one walk compare
    /// by the paths shown, without making their report paths (a `/`-ended common prefix keeps
    /// the order).
    public static func reportOrder(_ a: InputFile, _ b: InputFile) -> Bool {
        if case .prefixed(let p) = a.report, case .prefixed(let q) = b.report, p == q { return a.displayPath < b.displayPath }
        return (a.reportPath, a.displayPath) < (b.reportPath, b.displayPath)
    }
}

/// Why an input could not be linted, with the position when there is one.
public struct InputError: Error, Sendable, Hashable {
    /// What went wrong: reading, size, syntax, or an unknown format.
    public enum Kind: String, Sendable {
        case unreadable, tooLarge, malformed, unrecognized
    }

    public var kind: Kind
    public var message: String
    public var position: SourcePosition?
}
