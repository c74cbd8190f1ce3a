import Foundation

/// Expands the command line's paths into input files: files as named, directories walked in a
/// stable order (never into `.git`, `.build`, `node_modules`), `-` for standard input.
public struct Discovery: Sendable {
    /// Folder the report paths are relative to (the git work tree root, or the current folder).
    public var root: String
    public var currentDirectory: String
    public static let skippedDirectories: Set<String> = [".git", ".build", "node_modules", ".swiftpm"]
    public static let candidateExtensions: Set<String> = ["json", "xml", "clixml", "config"]
    /// Include and exclude globs and `.gitignore` handling.
    public var filter = PathFilter()

    public init(currentDirectory: String = FileManager.default.currentDirectoryPath) {
        self.currentDirectory = currentDirectory
        self.root = Discovery.repositoryRoot(from: currentDirectory) ?? currentDirectory
    }

    /// The files to lint and the named paths that do not exist.
    public struct Result: Sendable {
        public var files: [InputFile]
        /// Paths that do not exist or cannot be listed.
        public var missing: [InputFile]
    }

    public func expand(_ paths: [String], stdin: () -> [UInt8], stdinName: String) -> Result {
        var files: [InputFile] = []
        var missing: [InputFile] = []
        var seen = Set<String>()
        for path in paths {
            if path == "-" {
                files.append(InputFile(displayPath: stdinName, reportPath: stdinName, source: .bytes(stdin()), named: true))
                continue
            }
            let absolute = absolutePath(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                missing.append(input(display: path, absolute: absolute, named: true))
                continue
            }
            if isDirectory.boolValue {
                for found in walk(absolute, display: path, ignore: gitIgnore(above: absolute)) where seen.insert(found.0).inserted {
                    files.append(input(display: found.1, absolute: found.0, named: false))
                }
            } else if filter.excludes(absolute) {
                continue
            } else if seen.insert(absolute).inserted {
                files.append(input(display: path, absolute: absolute, named: true))
            }
        }
        return Result(files: files, missing: missing)
    }

    private func input(display: String, absolute: String, named: Bool) -> InputFile {
        let (report, outside) = reportPath(for: absolute)
        return InputFile(displayPath: Discovery.clean(display), reportPath: report, isOutsideRoot: outside, source: .file(absolute), named: named)
    }

    /// Files below `directory` that could be inputs, sorted by path.
    private func walk(_ directory: String, display: String, ignore inherited: GitIgnore) -> [(String, String)] {
        var out: [(String, String)] = []
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return [] }
        let ignore = filter.useGitignore ? inherited.adding(directory: directory) : inherited
        for name in names.sorted() {
            let absolute = directory + "/" + name
            let shown = display.hasSuffix("/") ? display + name : display + "/" + name
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: absolute, isDirectory: &isDirectory) else { continue }
            if filter.excludes(absolute) || (filter.useGitignore && ignore.ignores(absolute, isDirectory: isDirectory.boolValue)) { continue }
            if isDirectory.boolValue {
                // A walk never follows a link to a folder: links can loop.
                let type = (try? manager.attributesOfItem(atPath: absolute))?[.type] as? FileAttributeType
                if type == .typeSymbolicLink { continue }
                if Discovery.skippedDirectories.contains(name) || EntraExporterTree.isSubObjectFolder(absolute) { continue }
                out += walk(absolute, display: shown, ignore: ignore)
            } else if Discovery.isCandidate(name), !name.hasPrefix(".reglint"), filter.includes(absolute) {
                out.append((absolute, shown))
            }
        }
        return out
    }

    /// The `.gitignore` rules of the folders from the repository root down to (not including) `directory`.
    func gitIgnore(above directory: String) -> GitIgnore {
        var ignore = GitIgnore()
        guard filter.useGitignore, directory.hasPrefix(root) else { return ignore }
        var folders: [String] = []
        var current = (directory as NSString).deletingLastPathComponent
        while current.count >= root.count, current.hasPrefix(root) {
            folders.append(current)
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current { break }
            current = parent
        }
        for folder in folders.reversed() { ignore = ignore.adding(directory: folder) }
        return ignore
    }

    /// Named like a file reglint reads (a walk also passes over reglint's own `.reglint*` files,
    /// such as the baseline): `.json`, `.xml`, `.clixml`, `.config`, `.env` files.
    public static func isCandidate(_ path: String) -> Bool {
        candidateExtensions.contains((path as NSString).pathExtension.lowercased()) || ConfigFileAdapter.isDotenvName(path)
    }

    func absolutePath(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        return (joined as NSString).standardizingPath
    }

    /// Relative to the root; a file outside it gets a `../` path from the root (never a
    /// `file://` URI, which code scanning's upload drops), and `true`.
    func reportPath(for absolute: String) -> (String, Bool) {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        if absolute.hasPrefix(prefix) { return (String(absolute.dropFirst(prefix.count)), false) }
        let from = root.split(separator: "/")
        let to = absolute.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return ((ups + to[common...].map(String.init)).joined(separator: "/"), true)
    }

    static func clean(_ path: String) -> String {
        guard path.hasPrefix("./") || path.contains("//") else { return path }
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        while p.contains("//") { p = p.replacingOccurrences(of: "//", with: "/") }
        return p
    }

    /// The nearest folder at or above `directory` that holds `.git`.
    static func repositoryRoot(from directory: String) -> String? {
        var current = (directory as NSString).standardizingPath
        while true {
            if FileManager.default.fileExists(atPath: current + "/.git") { return current }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { return nil }
            current = parent
        }
    }
}
