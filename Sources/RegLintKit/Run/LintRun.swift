import Foundation
import RuleSchema

/// One whole run, as a library call: options in, one report out. The command line, the rule
/// example runner and the tests all lint through it, so the pipeline is composed in one place:
/// rules → configuration → discovery → linter → policy → report.
public struct LintRun: Sendable {
    /// Everything a run needs; the command line fills it from its arguments.
    public struct Options: Sendable {
        /// Files or folders to lint; `-` reads standard input.
        public var paths: [String] = ["."]
        /// Inputs given directly instead of `paths` (rule examples, tests): no discovery.
        public var inputs: [InputFile]?
        public var currentDirectory: String = FileManager.default.currentDirectoryPath
        public var stdinName = "stdin.json"
        public var readStandardInput: @Sendable () -> [UInt8] = { [] }
        public var now: Instant = Instant.today()
        public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
        /// Named files that are not exports are skipped rather than errors (pre-commit).
        public var ignoreUnknown = false
        /// The rules to start from; the built-in ones when nil.
        public var rules: RuleSet?
        /// Extra rule folders (`--rules`).
        public var ruleDirectories: [String] = []
        /// `--config FILE`; when nil, `.reglint.yml` is looked for from the current folder up to
        /// the repository root (unless `discoverConfiguration` is false).
        public var configurationPath: String?
        public var discoverConfiguration = true
        /// What the command line says; it wins over the configuration file.
        public var overrides = Overrides()
        /// The largest input read, in bytes (`--max-file-size`).
        public var maxFileSize = 512 << 20
        /// Collect inventories and input digests (for the audit report formats).
        public var collectInventory = false
        /// Suppressed findings stay in the outputs (SARIF `suppressions[]`, JUnit `<skipped>`).
        public var keepSuppressed = true
        /// A streamed run lints a collection's registrations and hands them on this many at a time.
        public var pieceSize = 2_048

        public init() {}
    }

    /// Options the command line can set over the configuration file.
    public struct Overrides: Sendable {
        /// `--fail-on`: `.some(nil)` is `none`.
        public var failOn: Severity??
        public var disable: [String] = []
        public var only: [String] = []
        public var exclude: [String] = []
        public var baselinePath: String?
        public var noBaseline = false
        public var useGitignore: Bool?
        public var allowEmpty: Bool?
        /// `--profile`.
        public var profile: String?
        /// Parameter overrides by rule id (rule examples).
        public var params: [String: [String: ParamValue]] = [:]

        public init() {}
    }

    /// Why a run could not start: a rule file, the configuration or the baseline is wrong (exit 2).
    public struct SetupError: Error, Sendable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    public var options: Options

    public init(options: Options) { self.options = options }

    /// The rules, configuration and policy the run will use (also what `reglint baseline` and
    /// `explain` need), without linting anything.
    public func setup() throws(SetupError) -> Setup {
        var rules: RuleSet
        do throws(RuleFileError) {
            if let given = options.rules { rules = given } else { rules = try RuleSet.builtIn() }
            for directory in options.ruleDirectories { rules = try rules.adding(directory: directory) }
        } catch {
            throw SetupError(error.description)
        }
        let configuration: Configuration?
        do throws(ConfigurationError) {
            if let path = options.configurationPath {
                configuration = try Configuration.load(path: absolute(path), shownAs: path, rules: rules)
            } else if options.discoverConfiguration, let found = Configuration.find(from: options.currentDirectory) {
                configuration = try Configuration.load(path: found, shownAs: relativeToCurrent(found), rules: rules)
            } else {
                configuration = nil
            }
        } catch {
            throw SetupError(error.description)
        }
        var policy = configuration?.policy ?? Policy()
        let overrides = options.overrides
        if let failOn = overrides.failOn { policy.failOn = failOn }
        for id in overrides.disable {
            guard let rule = rules.rule(reference: id) else { throw SetupError("error: --disable: unknown rule '\(id)'") }
            policy.disabled.insert(rule.id)
        }
        if !overrides.only.isEmpty {
            var only = Set<String>()
            for id in overrides.only {
                guard let rule = rules.rule(reference: id) else { throw SetupError("error: --only: unknown rule '\(id)'") }
                only.insert(rule.id)
            }
            policy.only = only
        }
        for (rule, values) in overrides.params { policy.params[rule, default: [:]].merge(values) { _, new in new } }
        if let allowEmpty = overrides.allowEmpty { policy.allowEmpty = allowEmpty }
        if let profile = overrides.profile {
            guard RuleFileParser.profiles.contains(profile) else {
                throw SetupError("error: --profile must be \(RuleFileParser.profiles.sorted().joined(separator: " or ")), not '\(profile)'")
            }
            policy.profile = profile
        }
        policy.applyProfile(to: rules)
        var baselinePath = configuration?.baselinePath
        if let path = overrides.baselinePath { baselinePath = absolute(path) }
        if overrides.noBaseline { baselinePath = nil }
        if let baselinePath {
            do throws(ConfigurationError) { policy.baseline = try Baseline.load(path: baselinePath) } catch { throw SetupError(error.description) }
        }
        var filter = configuration?.pathFilter ?? PathFilter()
        filter.exclude += overrides.exclude.map { PathFilter.Pattern(base: options.currentDirectory, glob: Glob($0)) }
        if let gitignore = overrides.useGitignore { filter.useGitignore = gitignore }
        return Setup(rules: policy.select(rules), allRules: rules, policy: policy, filter: filter,
                     configurationFile: configuration?.shownPath, baselineFile: baselinePath.map(relativeToCurrent))
    }

    /// What `setup()` resolved.
    public struct Setup: Sendable {
        /// The rules that run (selection and severities applied).
        public var rules: RuleSet
        /// Every rule known, for name lookups.
        public var allRules: RuleSet
        public var policy: Policy
        public var filter: PathFilter
        public var configurationFile: String?
        public var baselineFile: String?
    }

    /// Lints everything and applies the policy.
    public func run() async throws(SetupError) -> LintReport {
        let setup = try self.setup()
        return await run(setup)
    }

    /// Lints with a resolved setup, files in parallel (`jobs`).
    public func run(_ setup: Setup) async -> LintReport {
        let (discovery, files, missing) = inputs(setup)
        let result = await linter(setup).lint(files)
        return report(result, missing: missing, discovery: discovery, setup: setup)
    }

    /// Lints with a resolved setup on the calling thread, in input order (rule examples).
    public func runInOrder(_ setup: Setup) -> LintReport {
        let (discovery, files, missing) = inputs(setup)
        let result = linter(setup).lintInOrder(files)
        return report(result, missing: missing, discovery: discovery, setup: setup)
    }

    func linter(_ setup: Setup) -> Linter {
        var linter = Linter(rules: setup.rules, now: options.now, maxFileSize: options.maxFileSize, parallelism: options.jobs, params: setup.policy.params)
        linter.collectInventory = options.collectInventory
        return linter
    }

    func inputs(_ setup: Setup) -> (Discovery, [InputFile], [Discovery.Unreachable]) {
        var discovery = Discovery(currentDirectory: options.currentDirectory)
        discovery.filter = setup.filter
        discovery.parallelism = options.jobs
        var files: [InputFile]
        var missing: [Discovery.Unreachable] = []
        if let inputs = options.inputs {
            files = inputs
        } else {
            var expanded = discovery.expand(options.paths, stdin: options.readStandardInput, stdinName: options.stdinName)
            // Linted in report order, so the run index (the earlier file wins) and a streamed
            // run's output do not depend on the order paths were named in. (Sorted in place:
            // 100,000 files are not copied.)
            files = expanded.files
            expanded.files = []
            files.sort(by: LintRun.reportOrder)
            // Kept for the whole run: without the room a growing list leaves (a third of it).
            if files.capacity > files.count + files.count / 8 { files = files.withUnsafeBufferPointer { Array($0) } }
            missing = expanded.missing
        }
        if options.ignoreUnknown { files = files.map { file in var file = file; file.named = false; return file } }
        return (discovery, files, missing)
    }

    func report(_ linted: LintResult, missing: [Discovery.Unreachable], discovery: Discovery, setup: Setup) -> LintReport {
        var result = linted
        result.files += missing.map { FileResult.missing($0.input, reason: $0.reason) }
        // Reports list files by path, whatever order they were named in: the same inputs give
        // the same bytes (a pre-commit hook names staged files in any order).
        result.files.sort { LintRun.reportOrder($0.input, $1.input) }
        let notes = setup.policy.apply(to: &result, now: options.now)
        let configurationDiagnostics = notes.map { note in
            let (report, outside) = discovery.reportPath(for: absolute(note.origin.file))
            return Diagnostic(kind: note.kind, path: note.origin.file, reportPath: report, isOutsideRoot: outside,
                              position: SourcePosition(line: note.origin.line, column: note.origin.column, offset: 0),
                              message: note.message, ruleID: note.ruleID)
        }
        return LintReport(
            toolVersion: RegLintVersion.current, rules: setup.rules.rules.map(\.spec), result: result, now: options.now,
            policy: setup.policy, policyDiagnostics: configurationDiagnostics, keepSuppressed: options.keepSuppressed,
            configurationFile: setup.configurationFile, baselineFile: setup.baselineFile)
    }

    /// Files in reports: by report path, then by the path shown.
    static func reportOrder(_ a: InputFile, _ b: InputFile) -> Bool { InputFile.reportOrder(a, b) }

    /// What a streamed run leaves once every file has been handed on.
    public struct Streamed: Sendable {
        public var totals = RunTotals()
        public var exitCode: Int32 = 0
        /// Diagnostics after the files': nothing to lint, and the policy's notes on its own entries.
        public var trailing: [Diagnostic] = []
        /// Every secret value seen, for the last masking pass.
        public var secrets: [String] = []
        /// Walked files that were not exports (`--verbose` names them).
        public var skipped: [String] = []
    }

    /// Lints file by file and hands each file's report (a `LintReport` over that file alone,
    /// policy applied; a collection's in pieces, `FileResult.continued`) to `each`, in report order (`start` first gets every file the run will
    /// name), as the files are done: the run holds a window
    /// of files, not all of them. The same files, findings and diagnostics in the same order as
    /// `run(_:)`'s report, whose last diagnostics and totals the result gives.
    public func stream(_ setup: Setup, start: ([InputFile]) -> Void = { _ in }, each: (LintReport) -> Void) async -> Streamed {
        let (discovery, files, unreachable) = inputs(setup)
        start(unreachable.isEmpty ? files : files + unreachable.map(\.input))
        var missing = unreachable.map { FileResult.missing($0.input, reason: $0.reason) }.sorted { LintRun.reportOrder($0.input, $1.input) }[...]
        var tally = PolicyTally(setup.policy, now: options.now)
        var streamed = Streamed()
        var secrets = DistinctSecrets()
        // Each file is reported alone: "nothing to lint" is the run's to say, once, at the end.
        var filePolicy = setup.policy
        filePolicy.allowEmpty = true
        let rules = setup.rules.rules.map(\.spec)
        func hand(_ file: FileResult) {
            var file = file
            tally.apply(to: &file)
            streamed.totals.add(file)
            if file.skipped { streamed.skipped.append(file.input.displayPath) }
            secrets.add(file.secrets)
            let report = LintReport(toolVersion: RegLintVersion.current, rules: rules, result: LintResult(files: [file]), now: options.now,
                                    policy: filePolicy, keepSuppressed: options.keepSuppressed,
                                    configurationFile: setup.configurationFile, baselineFile: setup.baselineFile)
            streamed.totals.counts.add(report.counts)
            streamed.totals.notEvaluated += report.notEvaluatedCount
            if !streamed.totals.failingFinding, report.findings.contains(where: setup.policy.fails) { streamed.totals.failingFinding = true }
            each(report)
        }
        // A collection comes in pieces (one piece's findings in memory at a time).
        var linter = linter(setup)
        linter.deliversPieces = true
        linter.pieceSize = options.pieceSize
        await linter.lint(files) { file in
            while let first = missing.first, LintRun.reportOrder(first.input, file.input) { hand(missing.removeFirst()) }
            hand(file)
        }
        while let first = missing.first {
            hand(first)
            missing.removeFirst()
        }
        if !setup.policy.allowEmpty && streamed.totals.reportedFiles == 0 {
            streamed.trailing.append(LintReport.noInputDiagnostic)
        }
        streamed.trailing += tally.notes().map { note in
            let (report, outside) = discovery.reportPath(for: absolute(note.origin.file))
            return Diagnostic(kind: note.kind, path: note.origin.file, reportPath: report, isOutsideRoot: outside,
                              position: SourcePosition(line: note.origin.line, column: note.origin.column, offset: 0),
                              message: note.message, ruleID: note.ruleID)
        }
        streamed.totals.notEvaluated += streamed.trailing.filter { $0.kind == .ruleNotEvaluated }.count
        streamed.exitCode = streamed.totals.exitCode(setup.policy)
        streamed.secrets = secrets.values
        return streamed
    }

    func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : options.currentDirectory + "/" + path
        return (joined as NSString).standardizingPath
    }

    func relativeToCurrent(_ path: String) -> String {
        let prefix = options.currentDirectory.hasSuffix("/") ? options.currentDirectory : options.currentDirectory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
