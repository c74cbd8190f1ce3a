/// A byte range in an input file; line and column are derived only when a finding is reported.
public struct SourceSpan: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// A 1-based line and column (UTF-16 code units) with the byte offset it came from.
public struct SourcePosition: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column, a.offset) < (b.line, b.column, b.offset)
    }
}

/// Where a finding or error is: a file, a start and end position, and the JSON pointer of the value.
public struct SourceLocation: Sendable, Hashable {
    /// The path as reported (relative to the current folder, `/`-separated).
    public var path: String
    public var start: SourcePosition
    public var end: SourcePosition
    /// The source pointer into the file as given (`/value/3/web/redirectUris/1`).
    public var pointer: String

    public init(path: String, start: SourcePosition, end: SourcePosition, pointer: String) {
        self.path = path
        self.start = start
        self.end = end
        self.pointer = pointer
    }
}
