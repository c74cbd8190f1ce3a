import Foundation

/// Which walked files are linted: include and exclude globs (from the configuration, relative to
/// its folder, or from `--exclude`, relative to the current folder) and `.gitignore` files.
public struct PathFilter: Sendable {
    /// A glob and the folder it is relative to.
    public struct Pattern: Sendable, Hashable {
        public var base: String
        public var glob: Glob

        public init(base: String, glob: Glob) {
            self.base = base
            self.glob = glob
        }

        func matches(_ absolute: String) -> Bool {
            let prefix = base.hasSuffix("/") ? base : base + "/"
            guard absolute.hasPrefix(prefix) else { return false }
            return glob.matches(path: String(absolute.dropFirst(prefix.count)))
        }
    }

    /// When not empty, only files matching one of these are linted.
    public var include: [Pattern] = []
    public var exclude: [Pattern] = []
    /// Honour `.gitignore` files in walks (`--no-gitignore` turns it off).
    public var useGitignore = true

    public init() {}

    /// True when the file (or folder) at `absolute` is excluded.
    public func excludes(_ absolute: String) -> Bool { exclude.contains { $0.matches(absolute) } }

    /// True when a file at `absolute` passes the include list.
    public func includes(_ absolute: String) -> Bool { include.isEmpty || include.contains { $0.matches(absolute) } }
}

/// The rules of the `.gitignore` files met on the way down a walk (a subset of git's: `#`
/// comments, `!` negation, a trailing `/` for folders, a leading or inner `/` anchoring the
/// pattern to the file's folder, `**`); the last matching rule wins, as in git.
public struct GitIgnore: Sendable {
    struct Rule: Sendable {
        var base: String
        var glob: Glob
        var negated: Bool
        var directoryOnly: Bool
        var anchored: Bool
        /// `base` with a final `/`, as UTF-8 bytes: the prefix a path below it starts with.
        var prefix: [UInt8]
        /// The pattern's bytes when it has no wildcard, bracket or escape (`.build`, `out.json`):
        /// a name is compared with it byte for byte, without `fnmatch` and its C strings.
        var literal: [UInt8]?
        /// An anchored pattern's segments, split once; `segmentCount` is how many an ASCII path
        /// must have to match, or nil when a `**` lets it match any number or the pattern is
        /// not ASCII (most paths of a walk are ruled out by counting their `/`s, without
        /// splitting them into strings; past ASCII a `/` and a combining mark are one character,
        /// which `split` does not cut).
        var segments: [String]
        var segmentCount: Int?

        init(base: String, glob: Glob, negated: Bool, directoryOnly: Bool, anchored: Bool) {
            self.base = base
            self.glob = glob
            self.negated = negated
            self.directoryOnly = directoryOnly
            self.anchored = anchored
            prefix = Array((base.hasSuffix("/") ? base : base + "/").utf8)
            let bytes = Array(glob.pattern.utf8)
            literal = bytes.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "\\") } ? nil : bytes
            segments = glob.pattern.split(separator: "/").map(String.init)
            segmentCount = segments.contains("**") || !glob.pattern.utf8.allSatisfy({ $0 < 0x80 }) ? nil : segments.count
        }
    }

    var rules: [Rule] = []

    public init() {}

    /// The rules with those of `directory/.gitignore` added, if it exists.
    func adding(directory: String) -> GitIgnore {
        // Read with a bound and only as a regular file: a .gitignore that is a FIFO does not stall the walk.
        guard case .success(let data) = InputFileReader.readSmall(directory + "/.gitignore") else { return self }
        var copy = self
        for raw in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            var line = String(raw)
            while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line.removeLast() }
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            var negated = false
            if line.hasPrefix("!") { negated = true; line.removeFirst() }
            var directoryOnly = false
            if line.hasSuffix("/") { directoryOnly = true; line.removeLast() }
            let anchored = line.contains("/")
            while line.hasPrefix("/") { line.removeFirst() }
            guard !line.isEmpty else { continue }
            copy.rules.append(Rule(base: directory, glob: Glob(line), negated: negated, directoryOnly: directoryOnly, anchored: anchored))
        }
        return copy
    }

    /// True when git would ignore the entry at `absolute`.
    /// Paths are compared as UTF-8 bytes, and the last segment is made once, not once per rule
    /// (a walk asks for every entry of every folder).
    func ignores(_ absolute: String, isDirectory: Bool) -> Bool {
        guard !rules.isEmpty else { return false }
        let path = Array(absolute.utf8)
        let nameStart = (path.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        var lastSegment: String?
        var ignored = false
        for rule in rules {
            if rule.directoryOnly && !isDirectory { continue }
            guard path.count > rule.prefix.count, path.starts(with: rule.prefix) else { continue }
            let hit: Bool
            if rule.anchored {
                if let count = rule.segmentCount, let found = GitIgnore.segmentCount(path[rule.prefix.count...]), found != count {
                    hit = false
                } else {
                    let relative = String(decoding: path[rule.prefix.count...], as: UTF8.self)
                    hit = Glob.match(rule.segments, relative.split(separator: "/").map(String.init), prefix: false)
                }
            } else if let literal = rule.literal {
                hit = path[nameStart...].elementsEqual(literal)
            } else {
                if lastSegment == nil { lastSegment = String(decoding: path[nameStart...], as: UTF8.self) }
                hit = Glob.fnmatch(rule.glob.pattern, lastSegment ?? "", pathname: true)
            }
            if hit { ignored = !rule.negated }
        }
        return ignored
    }

    /// How many segments `relative.split(separator: "/")` gives (runs of bytes between `/`s)
    /// when the path is ASCII; nil otherwise (a `/` and a combining mark after it are one
    /// character, which `split` leaves whole).
    static func segmentCount(_ relative: ArraySlice<UInt8>) -> Int? {
        var count = 0
        var inSegment = false
        for byte in relative {
            if byte >= 0x80 { return nil }
            if byte == UInt8(ascii: "/") {
                inSegment = false
            } else if !inSegment {
                inSegment = true
                count += 1
            }
        }
        return count
    }
}
