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
    /// Threads a walk may use: the entries of a large folder (an export's `Applications`, one
    /// folder per app) are looked at and walked in parallel, and joined in name order.
    public var parallelism = 1
    /// Entries a folder needs before its walk is shared out.
    static let parallelFolderSize = 64
    /// The current folder from the root, `/`-ended ("" at the root): what makes a walked file's
    /// report path from the path shown.
    let currentFolderPrefix: String

    public init(currentDirectory: String = FileManager.default.currentDirectoryPath) {
        self.currentDirectory = currentDirectory
        self.root = Discovery.repositoryRoot(from: currentDirectory) ?? currentDirectory
        let folder = Discovery.reportPath(for: (currentDirectory as NSString).standardizingPath, root: root)
        self.currentFolderPrefix = folder.1 || folder.0.isEmpty ? "" : folder.0 + "/"
    }

    /// The files to lint and the paths that cannot be: named paths that do not exist, folders
    /// that cannot be listed, symbolic link loops and pipes or devices met in a walk.
    public struct Result: Sendable {
        public var files: [InputFile]
        public var missing: [Unreachable]
    }

    /// A path the walk met or was given but cannot read, and why, in words.
    public struct Unreachable: Sendable {
        public var input: InputFile
        public var reason: String
    }

    public func expand(_ paths: [String], stdin: () -> [UInt8], stdinName: String) -> Result {
        var files: [InputFile] = []
        var missing: [Unreachable] = []
        var seen = Set<String>()
        var ignoreCache: [String: GitIgnore] = [:]
        for path in paths {
            if path == "-" {
                files.append(InputFile(displayPath: stdinName, reportPath: stdinName, source: .bytes(stdin()), named: true))
                continue
            }
            let absolute = absolutePath(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                var info = stat()
                let reason = lstat(absolute, &info) == 0 ? "a symbolic link to nothing, or a loop of symbolic links" : "no such file or folder"
                missing.append(Unreachable(input: input(display: path, absolute: absolute, named: true), reason: reason))
                continue
            }
            if isDirectory.boolValue {
                var problems: [Unreachable] = []
                // One folder alone has no file twice (links to folders are not followed), and a
                // set of 100,000 absolute paths is not kept for nothing.
                let walked = walk(absolute, display: path, ignore: gitIgnore(above: absolute, cache: &ignoreCache), problems: &problems)
                if paths.count == 1 { files = walked } else { files += walked.filter { seen.insert($0.filePath ?? "").inserted } }
                missing += problems
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
        let shown = Discovery.clean(display)
        // One string where the paths are the same (a walk from the root keeps 100,000 of them).
        let source: InputFile.Source
        if absolute == shown {
            source = .file(shown)
        } else if absolute.utf8.count == currentDirectory.utf8.count + 1 + shown.utf8.count,
                  (currentDirectory + "/" + shown).utf8.elementsEqual(absolute.utf8) {
            source = .below(folder: currentDirectory)
        } else {
            source = .file(absolute)
        }
        let reportPath: InputFile.ReportPath
        if report == shown {
            reportPath = .own(shown)
        } else if case .below = source, !currentFolderPrefix.isEmpty, report.utf8.count == currentFolderPrefix.utf8.count + shown.utf8.count,
                  (currentFolderPrefix + shown).utf8.elementsEqual(report.utf8) {
            reportPath = .prefixed(currentFolderPrefix)
        } else {
            reportPath = .own(report)
        }
        return InputFile(displayPath: shown, report: reportPath, isOutsideRoot: outside, source: source, named: named)
    }

    /// Files below `directory` that could be inputs, sorted by path.
    /// A folder that cannot be listed, a symbolic link loop, and a pipe, device or socket named
    /// like an input are added to `problems` (the walk goes on); a link to a folder is not
    /// followed (links can loop), and a dangling link not named like an input is passed over.
    private func walk(_ directory: String, display: String, ignore inherited: GitIgnore, problems: inout [Unreachable]) -> [InputFile] {
        var out: [InputFile] = []
        walk(directory, display: display, ignore: inherited, into: &out, problems: &problems)
        return out
    }

    /// The walk below one folder, appending to one list (a folder's files are not gathered in
    /// a list of their own and copied up: 100,000 files are not copied at every level).
    /// `unverified`: the folder is known from its parent's listing alone, not looked at.
    private func walk(_ directory: String, display: String, ignore inherited: GitIgnore, unverified: Bool = false,
                      into out: inout [InputFile], problems: inout [Unreachable]) {
        guard let names = FolderListing(directory) else {
            let reason = "cannot list the folder: \(InputFileReader.words(errno))"
            // A folder taken for one from its parent's listing, unlooked-at: one `lstat` cannot
            // reach (no search permission above it, a name too long) is passed over, as it was
            // when every entry was looked at first.
            var info = stat()
            if unverified, lstat(directory, &info) != 0 { return }
            problems.append(Unreachable(input: input(display: display, absolute: directory, named: false), reason: reason))
            return
        }
        // The listing says whether there is a `.gitignore` to read (no failed open per folder).
        // (In any case: on a case-insensitive file system `.GitIgnore` opens as `.gitignore`.)
        let ignore = filter.useGitignore && names.containsIgnoringCase(".gitignore") ? inherited.adding(directory: directory) : inherited
        let withoutOwners = !names.containsIgnoringCase(EntraExporterTree.ownersFolderName)
        if parallelism > 1, names.count >= Self.parallelFolderSize {
            // A few runs of consecutive entries per thread, each gathered in one list, joined in
            // order and released as they are joined: a list per entry (100,000 of them for a
            // tenant's Applications folder) held a second copy of the walk's files at its peak.
            let runs = min(names.count, parallelism * 4)
            var parts = ParallelMap.map(count: runs, parallelism: parallelism) { run in
                var files: [InputFile] = []
                var found: [Unreachable] = []
                for k in (names.count * run / runs)..<(names.count * (run + 1) / runs) {
                    self.visit(names[k], kind: names.kind(k), in: directory, display: display, ignore: ignore, withoutOwners: withoutOwners,
                               into: &files, problems: &found)
                }
                return (files, found)
            }
            out.reserveCapacity(out.count + parts.reduce(0) { $0 + $1.0.count })
            for run in parts.indices {
                out += parts[run].0
                problems += parts[run].1
                parts[run] = ([], [])
            }
        } else {
            for k in 0..<names.count {
                visit(names[k], kind: names.kind(k), in: directory, display: display, ignore: ignore, withoutOwners: withoutOwners, into: &out, problems: &problems)
            }
        }
    }

    /// One entry of a folder: a candidate file added, a folder walked, a problem noted. `kind`:
    /// what the folder's listing said it is. A plain folder is walked without an `lstat` of its
    /// own (its listing answers for it, and its failure is judged as the `lstat` would have
    /// been); a plain file likewise (reading it checks it again, as it does a named file's, and
    /// one that cannot be reached is then passed over as the `lstat` would have: `Linter.prepare`;
    /// the `lstat` was one system call per application of a tenant export); a link and an entry
    /// of unknown type are looked at first. `withoutOwners`: the folder's listing has no
    /// `Owners` folder (`InputFile.listedWithoutOwners`).
    private func visit(_ name: String, kind: FolderListing.Kind, in directory: String, display: String, ignore: GitIgnore,
                       withoutOwners: Bool, into out: inout [InputFile], problems: inout [Unreachable]) {
        let absolute = Discovery.joined(directory, name)
        // A folder named by its absolute path shows its files by theirs: one string for both.
        let shown = display == directory ? absolute : display.hasSuffix("/") ? Discovery.joined(display, name, separator: "") : Discovery.joined(display, name)
        var isLink = false
        var resolves = true
        var statError: Int32 = 0
        let type: mode_t
        switch kind {
        case .folder: type = S_IFDIR
        case .file: type = S_IFREG
        case .unknown:
            var link = stat()
            guard lstat(absolute, &link) == 0 else { return }
            // Followed only when it is a link (one system call per entry, not two).
            var target = link
            isLink = link.st_mode & S_IFMT == S_IFLNK
            if isLink {
                resolves = stat(absolute, &target) == 0
                statError = resolves ? 0 : errno
            }
            type = (resolves ? target.st_mode : link.st_mode) & S_IFMT
        }
        let isDirectory = type == S_IFDIR
        if filter.excludes(absolute) || (filter.useGitignore && ignore.ignores(absolute, isDirectory: isDirectory)) { return }
        if isDirectory {
            if isLink { return }
            if Discovery.skippedDirectories.contains(name) || EntraExporterTree.isSubObjectFolder(absolute) { return }
            walk(absolute, display: shown, ignore: ignore, unverified: kind == .folder, into: &out, problems: &problems)
        } else if Discovery.isCandidate(name), !name.hasPrefix(".reglint"), filter.includes(absolute) {
            if !resolves {
                let reason = statError == ELOOP ? "a loop of symbolic links" : "a symbolic link to nothing"
                problems.append(Unreachable(input: input(display: shown, absolute: absolute, named: false), reason: reason))
            } else if type != S_IFREG {
                let reason = "it is \(InputFileReader.kindName(type)), not a regular file; a walk reads regular files only"
                problems.append(Unreachable(input: input(display: shown, absolute: absolute, named: false), reason: reason))
            } else {
                var file = input(display: shown, absolute: absolute, named: false)
                file.listedWithoutOwners = withoutOwners
                out.append(file)
            }
        }
    }

    /// The `.gitignore` rules of the folders from the repository root down to (not including)
    /// `directory`; `cache` keeps each folder's, so that many folders named in one run (a
    /// pre-commit hook's list, a shell pattern) read each `.gitignore` above them once.
    func gitIgnore(above directory: String, cache: inout [String: GitIgnore]) -> GitIgnore {
        guard filter.useGitignore, directory.hasPrefix(root) else { return GitIgnore() }
        let parent = (directory as NSString).deletingLastPathComponent
        guard parent != directory, parent.count >= root.count, parent.hasPrefix(root) else { return GitIgnore() }
        return gitIgnore(through: parent, cache: &cache)
    }

    /// The rules of the `.gitignore` files from the repository root down to `folder`, included.
    private func gitIgnore(through folder: String, cache: inout [String: GitIgnore]) -> GitIgnore {
        if let known = cache[folder] { return known }
        let ignore = gitIgnore(above: folder, cache: &cache).adding(directory: folder)
        cache[folder] = ignore
        return ignore
    }

    /// Named like a file reglint reads (a walk also passes over reglint's own `.reglint*` files,
    /// such as the baseline): `.json`, `.xml`, `.clixml`, `.config`, `.env` files.
    public static func isCandidate(_ path: String) -> Bool {
        candidateExtensions.contains(extensionLowercased(path)) || ConfigFileAdapter.isDotenvName(path)
    }

    /// The last path segment's extension, lower-cased, as `NSString.pathExtension` gives it
    /// ("" for none, for a name that is only a dot-prefixed stem such as `.json`, or past a `/`),
    /// read from the UTF-8 bytes (a walk asks for every file).
    static func extensionLowercased(_ path: String) -> String {
        let bytes = Array(path.utf8)
        var end = bytes.count
        while end > 1, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        var dot: Int?
        var start = 0
        for index in stride(from: end - 1, through: 0, by: -1) {
            if bytes[index] == UInt8(ascii: "/") { start = index + 1; break }
            if dot == nil, bytes[index] == UInt8(ascii: ".") { dot = index }
        }
        guard let dot, dot > start, dot + 1 < end else { return "" }
        return String(decoding: bytes[(dot + 1)..<end], as: UTF8.self).lowercased()
    }

    func absolutePath(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        return (joined as NSString).standardizingPath
    }

    /// Relative to the root; a file outside it gets a `../` path from the root (never a
    /// `file://` URI, which code scanning's upload drops), and `true`.
    func reportPath(for absolute: String) -> (String, Bool) { Discovery.reportPath(for: absolute, root: root) }

    static func reportPath(for absolute: String, root: String) -> (String, Bool) {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        // Compared and cut as bytes when the byte after the prefix is ASCII, so that the prefix
        // ends a character (by characters, each path of a walk was read for grapheme breaks);
        // else by characters, as before.
        let bytes = absolute.utf8
        if bytes.starts(with: prefix.utf8) {
            let rest = bytes.dropFirst(prefix.utf8.count)
            if rest.first.map({ $0 < 0x80 }) ?? true { return (String(decoding: rest, as: UTF8.self), false) }
        }
        if absolute.hasPrefix(prefix) { return (String(absolute.dropFirst(prefix.count)), false) }
        let from = root.split(separator: "/")
        let to = absolute.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let joined = (ups + to[common...].map(String.init)).joined(separator: "/")
        // Kept for the run (100,000 of them in a tenant walk): in a string of its own size.
        var path = ""
        path.reserveCapacity(joined.utf8.count)
        path += joined
        return (path, true)
    }

    /// `folder/name` in a string of its own size: a walk of 100,000 files keeps every path
    /// for the run, and `+` leaves room to grow in each.
    static func joined(_ folder: String, _ name: String, separator: String = "/") -> String {
        var path = ""
        path.reserveCapacity(folder.utf8.count + separator.utf8.count + name.utf8.count)
        path += folder
        path += separator
        path += name
        return path
    }

    static func clean(_ path: String) -> String {
        guard path.hasPrefix("./") || PathText.containsDoubleSlash(path) else { return path }
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
