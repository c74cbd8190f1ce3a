#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A shell pattern matched with `fnmatch(3)`: `*` and `?` stay within one path segment, `**/`
/// matches any number of folders (as gitignore and most linters read it), and a pattern without
/// a `/` matches the last path segment anywhere in the tree.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String

    public init(_ pattern: String) { self.pattern = pattern }

    public var description: String { pattern }

    /// Matches a `/`-separated relative path.
    public func matches(path: String) -> Bool {
        var candidate = pattern
        while candidate.hasPrefix("./") { candidate.removeFirst(2) }
        if candidate.hasSuffix("/") { candidate += "**" }
        if !candidate.contains("/") {
            // `venv` or `*.tmp.json`: any segment of the path, so a folder pattern skips its whole subtree.
            return path.split(separator: "/").contains { Glob.fnmatch(candidate, String($0), pathname: true) }
        }
        return Glob.match(Array(candidate.split(separator: "/", omittingEmptySubsequences: false).map(String.init)),
                          Array(path.split(separator: "/").map(String.init)), prefix: true)
    }

    /// Segment-wise match; `**` matches zero or more segments. With `prefix`, a pattern that
    /// matches a leading folder of the path matches the path (a folder excludes what is in it).
    static func match(_ pattern: [String], _ path: [String], prefix: Bool) -> Bool {
        guard let head = pattern.first else { return path.isEmpty || prefix }
        if head == "**" {
            let rest = Array(pattern.dropFirst())
            for skip in 0...path.count where match(rest, Array(path.dropFirst(skip)), prefix: prefix) { return true }
            return false
        }
        guard let first = path.first, fnmatch(head, first, pathname: true) else { return false }
        return match(Array(pattern.dropFirst()), Array(path.dropFirst()), prefix: prefix)
    }

    /// A plain text matched with `fnmatch(3)` (display names; `*` crosses nothing special).
    public func matches(text: String) -> Bool { Glob.fnmatch(pattern, text, pathname: false) }

    static func fnmatch(_ pattern: String, _ text: String, pathname: Bool) -> Bool {
        #if canImport(Glibc) || canImport(Darwin)
        return pattern.withCString { p in text.withCString { t in
            #if canImport(Glibc)
            Glibc.fnmatch(p, t, pathname ? FNM_PATHNAME : 0) == 0
            #else
            Darwin.fnmatch(p, t, pathname ? FNM_PATHNAME : 0) == 0
            #endif
        } }
        #else
        return pattern == text
        #endif
    }
}
