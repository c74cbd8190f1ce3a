import Foundation

/// One input to lint: where to read it and how to name it in reports.
public struct InputFile: Sendable, Hashable {
    /// The name in text output and errors: the path as given (or found by the walk).
    public var displayPath: String
    /// The name in SARIF, JUnit and GitHub annotations: relative to the repository root,
    /// `/`-separated (`../` for a file outside it).
    public var reportPath: String
    /// True when the file is outside the repository root (its `reportPath` starts with `../`).
    public var isOutsideRoot: Bool
    public var source: Source
    /// Named explicitly on the command line (an unrecognised named file is an error, a walked one is skipped).
    public var named: Bool
    /// A rule example's `app:`: its root object is one application, without detection (examples
    /// are partial apps).
    public var isExampleApplication = false

    /// Where the bytes come from: a file on disk, or standard input already read.
    public enum Source: Sendable, Hashable {
        case file(String)
        case bytes([UInt8])
    }

    /// The file's path on disk, when it is one (not standard input).
    public var filePath: String? {
        if case .file(let path) = source { return path }
        return nil
    }

    public init(displayPath: String, reportPath: String, isOutsideRoot: Bool = false, source: Source, named: Bool) {
        self.displayPath = displayPath
        self.reportPath = reportPath
        self.isOutsideRoot = isOutsideRoot
        self.source = source
        self.named = named
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
