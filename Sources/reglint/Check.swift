import Synchronization
import ArgumentParser
import Foundation
import RegLintKit
import RuleSchema

/// `reglint check`: parses the arguments into `LintRun.Options`, runs, writes the reports.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lint app registration exports.",
        discussion: """
            Each --output belongs to the --format before it; a --format without --output goes to \
            standard output (at most one). --format sarif=PATH is the same as --format sarif --output PATH. \
            Options on the command line win over .reglint.yml (found from the current folder up to the \
            repository root, or given with --config).
            """)

    @OptionGroup var arguments: RunArguments

    @OptionGroup var output: OutputOptions

    func validate() throws {
        try arguments.validate()
        _ = try output.plan()
    }

    func run() async throws {
        let plan = try output.plan()
        var options = arguments.options()
        options.collectInventory = plan.contains { $0.0 == .markdown || $0.0 == .html }
        if !plan.isEmpty, plan.allSatisfy({ Check.streamedFormats.contains($0.0) }) {
            let code = try await streamReports(options, plan: plan)
            if code != 0 { throw ExitCode(code) }
            return
        }
        let report = try await RunArguments.lint(options)
        if output.verbose {
            for file in report.result.files where file.skipped {
                Console.error("reglint: skipped \(file.input.displayPath): not an app registration export or configuration file")
            }
        }
        let writeFailed = output.write(report, plan: plan, workers: options.jobs)
        let code = writeFailed ? 2 : report.exitCode
        ProcessLifetime.keep(report)
        if code != 0 { throw ExitCode(code) }
    }
}

extension Check {
    /// The formats written as the run goes (`ReportStream`).
    static let streamedFormats: [OutputFormat] = [.text, .sarif, .junit, .json, .github, .codequality]

    /// Every format but the audit reports (Markdown, HTML, which read the whole run): the run is streamed, each file's results kept on
    /// disk until the documents are put together, so memory holds a window of files rather than
    /// the run's findings. The bytes are those of the whole-report path (`StreamedRunTests`).
    func streamReports(_ options: LintRun.Options, plan: [(OutputFormat, String?)]) async throws -> Int32 {
        let run = LintRun(options: options)
        let setup: LintRun.Setup
        do { setup = try run.setup() } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        // One stream per output (text to the terminal is coloured, to a file not).
        var streams: [ReportStream?] = Array(repeating: nil, count: plan.count)
        var startFailure: Error?
        let streamed = await run.stream(setup, start: { inputs in
            do {
                for (index, (format, path)) in plan.enumerated() {
                    switch format {
                    case .sarif:
                        streams[index] = try SARIFStream(rules: setup.rules.rules.map(\.spec), policy: setup.policy, inputs: inputs, toolVersion: RegLintVersion.current)
                    case .junit:
                        streams[index] = try JUnitStream(testcaseFile: output.junitTestcaseFile)
                    case .json:
                        streams[index] = try JSONStream(toolVersion: RegLintVersion.current, now: options.now, failOn: setup.policy.failOn,
                                                        configurationFile: setup.configurationFile, baselineFile: setup.baselineFile)
                    case .github:
                        streams[index] = try GitHubStream()
                    case .codequality:
                        streams[index] = try CodeQualityStream()
                    default:
                        streams[index] = try TextStream(output.textReporter(path: path, workers: options.jobs))
                    }
                }
            } catch {
                startFailure = error
            }
        }, each: { file in
            ReportStreamFanOut.add(file, to: streams.compactMap { $0 }, concurrently: options.jobs > 1)
        })
        if output.verbose {
            for path in streamed.skipped { Console.error("reglint: skipped \(path): not an app registration export or configuration file") }
        }
        var writeFailed = false
        if let startFailure { Console.error("reglint: \(startFailure)") }
        let masking = ReportStreamMasking.scrubber(secrets: streamed.secrets)
        // Outputs to files of their own are put together at once, each on a thread (a 100 MB
        // SARIF log and its text copied and masked one after the other left a core idle);
        // standard output, a path named twice, or `--jobs 1`, in turn. Errors are said in output order.
        let paths = plan.map(\.1)
        let apart = options.jobs > 1 && plan.count > 1 && paths.allSatisfy { $0 != nil && $0 != "-" } && Set(paths).count == plan.count
        let errors = ReportStreamFanOut.finish(streams, concurrently: apart) { index, stream in
            OutputOptions.attempt(to: paths[index]) { sink in
                try stream.finish(exitCode: streamed.exitCode, trailing: streamed.trailing, masking: masking, to: sink)
            }
        }
        for error in errors {
            guard let error else { continue }
            writeFailed = true
            if !error.isEmpty { Console.error(error) }
        }
        if !plan.contains(where: { $0.1 == nil }) {
            Console.error(TextReporter(color: false, verbose: false).summary(streamed.totals))
        }
        return writeFailed ? 2 : streamed.exitCode
    }
}

/// The options of a run, shared by `check` and `baseline`.
struct RunArguments: ParsableArguments {
    @Argument(help: "Files or folders to lint; - reads standard input.", completion: .file())
    var paths: [String] = ["."]

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run (default: error, or the configuration's failOn).")
    var failOn: FailThreshold?

    @Option(name: .customLong("now"), help: "The date credentials are judged against (YYYY-MM-DD, UTC); default today.")
    var now: String?

    @Option(name: .customLong("config"), help: "The configuration file (default: the nearest .reglint.yml).", completion: .file(extensions: ["yml", "yaml"]))
    var config: String?

    @Flag(name: .customLong("no-config"), help: "Use no configuration file.")
    var noConfig = false

    @Option(name: .customLong("disable"), help: "Turn a rule off, by id or name (repeatable).")
    var disable: [String] = []

    @Option(name: .customLong("only"), help: "Run only this rule, by id or name (repeatable).")
    var only: [String] = []

    @Option(name: .customLong("exclude"), help: "Skip files matching this glob, relative to the current folder (repeatable).")
    var exclude: [String] = []

    @Flag(name: .customLong("no-gitignore"), help: "Walk files that .gitignore lists too.")
    var noGitignore = false

    @Option(name: .customLong("baseline"), help: "Only findings not in this baseline file count toward the exit code.", completion: .file(extensions: ["json"]))
    var baseline: String?

    @Flag(name: .customLong("no-baseline"), help: "Ignore the configuration's baseline.")
    var noBaseline = false

    @Flag(name: .customLong("no-suppressed"), help: "Leave suppressed findings out of the reports (they are kept, marked, by default).")
    var noSuppressed = false

    @Option(name: .customLong("profile"), help: "production (default) or development: in development, localhost and test-tool callbacks are notes.")
    var profile: RunProfile?

    @Flag(name: .customLong("allow-empty"), help: "Pass when there is nothing to lint (by default a run with no input exits 2).")
    var allowEmpty = false

    @Option(name: .customLong("rules"), help: "A folder of extra rule files (repeatable).", completion: .directory)
    var ruleDirectories: [String] = []

    @Option(name: .customLong("stdin-name"), help: "The path reported for standard input.")
    var stdinName: String = "stdin.json"

    @Option(name: .customLong("jobs"), help: "Threads to work on: files and registrations linted, large reports written (default: the number of cores).")
    var jobs: Int?

    @Option(name: .customLong("max-file-size"), help: "Largest input read, in MiB (default 512); a larger file is an input error.")
    var maxFileSizeMiB: Int?

    @Flag(name: .customLong("ignore-unknown"), help: "Skip named files that are not exports instead of failing (for pre-commit hooks).")
    var ignoreUnknown = false

    func validate() throws {
        if let now, Instant(parsing: now) == nil {
            throw ValidationError("--now must be a date YYYY-MM-DD, not '\(now)'.")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        if let maxFileSizeMiB, !(1...65_536).contains(maxFileSizeMiB) { throw ValidationError("--max-file-size must be between 1 and 65536 (MiB).") }
    }

    /// Runs; a setup error (rules, configuration, baseline) goes to standard error and exits 2.
    static func lint(_ options: LintRun.Options) async throws -> LintReport {
        do {
            return try await LintRun(options: options).run()
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
    }

    /// The run's options as the command line gives them.
    func options() -> LintRun.Options {
        var options = LintRun.Options()
        options.paths = paths
        options.stdinName = stdinName
        let stdinLimit = (maxFileSizeMiB ?? 512) << 20
        options.readStandardInput = {
            // Bounded: one byte past the limit is enough for the linter to call the input too large.
            var bytes: [UInt8] = []
            while bytes.count <= stdinLimit {
                let chunk = FileHandle.standardInput.readData(ofLength: 1 << 20)
                if chunk.isEmpty { break }
                bytes.append(contentsOf: chunk)
            }
            return bytes
        }
        options.now = now.flatMap(Instant.init(parsing:)) ?? Instant.today()
        options.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        if let maxFileSizeMiB { options.maxFileSize = maxFileSizeMiB << 20 }
        options.ignoreUnknown = ignoreUnknown
        options.ruleDirectories = ruleDirectories
        options.configurationPath = config
        options.discoverConfiguration = !noConfig
        options.keepSuppressed = !noSuppressed
        options.overrides.failOn = failOn.map(\.severity)
        options.overrides.disable = disable
        options.overrides.only = only
        options.overrides.exclude = exclude
        options.overrides.baselinePath = baseline
        options.overrides.noBaseline = noBaseline
        if noGitignore { options.overrides.useGitignore = false }
        if allowEmpty { options.overrides.allowEmpty = true }
        options.overrides.profile = profile?.rawValue
        return options
    }
}

/// `--fail-on`: a severity, or `none`.
enum FailThreshold: String, ExpressibleByArgument, CaseIterable {
    case error, warning, note, none

    init?(argument: String) { self.init(rawValue: argument.lowercased()) }

    var severity: Severity? { Severity(rawValue: rawValue) }
}

/// `--profile`: which severities rules with per-profile severities use.
enum RunProfile: String, ExpressibleByArgument, CaseIterable {
    case production, development

    init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// `--color`: `auto` colours a terminal unless NO_COLOR is set; FORCE_COLOR forces it.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// `--format NAME[=PATH]`.
struct FormatArgument: ExpressibleByArgument {
    var format: OutputFormat
    var path: String?

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard let format = OutputFormat(rawValue: parts[0].lowercased()) else { return nil }
        self.format = format
        self.path = parts.count == 2 ? String(parts[1]) : nil
    }

    static var allValueStrings: [String] { OutputFormat.allCases.map(\.rawValue) }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

/// Where each report goes and how text looks: shared by `check` and `baseline`.
struct OutputOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("format")], help: ArgumentHelp(
        "Output format, repeatable; NAME=PATH writes to a file.", valueName: "format"))
    var formats: [FormatArgument] = []

    @Option(name: [.customShort("o"), .customLong("output")], help: "File for the --format before it (repeatable).", completion: .file())
    var outputs: [String] = []

    @Option(name: .customLong("color"), help: "Colour the text output.")
    var color: ColorChoice = .auto

    @Flag(name: .customLong("no-color"), help: "Never colour the text output (same as --color never).")
    var noColor = false

    @Flag(name: .customLong("junit-testcase-file"), help: "JUnit: add a file attribute to every testcase (GitLab reads it; Jenkins xUnit's schema refuses it).")
    var junitTestcaseFile = false

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "Text output: only the summary line.")
    var quiet = false

    @Flag(name: [.customShort("v"), .customLong("verbose")], help: "Text output: list not-evaluated checks and suppressed findings with their reasons, and skipped files (standard error).")
    var verbose = false

    /// The (format, path) pairs, in order; text to standard output when none is given.
    func plan() throws -> [(OutputFormat, String?)] {
        for format in formats where format.path == "" {
            throw ValidationError("--format \(format.format.rawValue)= needs a path after '='.")
        }
        let pairs = try OutputPlan.pairs(from: Array(CommandLine.arguments.dropFirst()), formats: formats.map { f in f.path.map { "\(f.format.rawValue)=\($0)" } ?? f.format.rawValue }, outputs: outputs)
        return pairs.isEmpty ? [(.text, nil)] : pairs
    }

    var useColor: Bool {
        if noColor { return false }
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            if let force = environment["FORCE_COLOR"], force != "0" { return true }
            return environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
        }
    }

    /// Text as the options ask for it, to `path` (nil: standard output, coloured where wanted).
    /// `workers`: the threads it may write a large file's lines on (`--jobs`).
    func textReporter(path: String?, workers: Int) -> TextReporter {
        var text = TextReporter(color: path == nil && useColor, verbose: verbose, workers: workers)
        text.quiet = quiet
        return text
    }

    /// Writes every report; a summary line goes to standard error when nothing goes to standard
    /// output. Returns true when a file could not be written.
    func write(_ report: LintReport, plan: [(OutputFormat, String?)], workers: Int) -> Bool {
        var writeFailed = false
        for (format, path) in plan {
            let reporter: any Reporter
            if format == .text {
                reporter = textReporter(path: path, workers: workers)
            } else if format == .junit {
                reporter = JUnitReporter(testcaseFile: junitTestcaseFile)
            } else {
                reporter = format.reporter(workers: workers)
            }
            if !Self.write(to: path, { sink in try reporter.stream(report, to: sink) }) { writeFailed = true }
        }
        if !plan.contains(where: { $0.1 == nil }) {
            Console.error(TextReporter(color: false, verbose: false).summary(report))
        }
        return writeFailed
    }
}

extension OutputOptions {
    /// Writes one output (`nil` or `-`: standard output) through `ReportFile`; false, with the
    /// reason on standard error, when it could not be written.
    static func write(to path: String?, _ body: (ByteSink) throws -> Void) -> Bool {
        guard let error = attempt(to: path, body) else { return true }
        Console.error(error)
        return false
    }

    /// `write` that gives its error line instead of saying it; nil when written.
    static func attempt(to path: String?, _ body: (ByteSink) throws -> Void) -> String? {
        do {
            try ReportFile.write(to: path ?? "-", body)
            return nil
        } catch let error as ReportFileError {
            return "reglint: \(error)"
        } catch {
            return "reglint: cannot write \(path ?? "standard output"): \(error)"
        }
    }
}

enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Recovers (format, output) pairs from the command line.
enum OutputPlan {
    static let formatFlags: Set<String> = ["--format", "-f"]
    static let outputFlags: Set<String> = ["--output", "-o"]

    static func pairs(from arguments: [String], formats: [String], outputs: [String]) throws -> [(OutputFormat, String?)] {
        var pairs: [(String, String?)] = []
        var k = 0
        while k < arguments.count {
            let argument = arguments[k]
            if argument == "--" { break }
            func value() -> String? {
                if let eq = argument.firstIndex(of: "="), argument.hasPrefix("--") { return String(argument[argument.index(after: eq)...]) }
                k += 1
                return k < arguments.count ? arguments[k] : nil
            }
            if formatFlags.contains(argument) || argument.hasPrefix("--format=") {
                guard let v = value() else { break }
                if let eq = v.firstIndex(of: "=") {
                    pairs.append((String(v[..<eq]), String(v[v.index(after: eq)...])))
                } else {
                    pairs.append((v, nil))
                }
            } else if outputFlags.contains(argument) || argument.hasPrefix("--output=") {
                guard let v = value() else { break }
                guard let last = pairs.indices.last, pairs[last].1 == nil else {
                    throw ValidationError("--output '\(v)' must follow the --format it belongs to.")
                }
                pairs[last].1 = v
            }
            k += 1
        }
        if pairs.isEmpty, !formats.isEmpty {
            pairs = formats.enumerated().map { item in
                let parts = item.element.split(separator: "=", maxSplits: 1)
                return (String(parts[0]), parts.count == 2 ? String(parts[1]) : (item.offset < outputs.count ? outputs[item.offset] : nil))
            }
        }
        var result: [(OutputFormat, String?)] = []
        for (name, output) in pairs {
            guard let format = OutputFormat(rawValue: name.lowercased()) else {
                throw ValidationError("unknown format '\(name)'; known: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            if output == "" { throw ValidationError("--format \(name)= needs a path after '='.") }
            // `-` is standard output, as it is for most tools.
            result.append((format, output == "-" ? nil : output))
        }
        if result.filter({ $0.1 == nil }).count > 1 {
            throw ValidationError("at most one --format may go to standard output; give the others an --output.")
        }
        return result
    }
}

/// Writes a whole file (a baseline, a starter configuration, a docs page) as `ReportFile` writes
/// reports: through a temporary file and a rename, devices written to, permissions kept.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws {
        let bytes = Array(text.utf8)
        try ReportFile.write(to: path) { sink in try bytes.withUnsafeBufferPointer { try sink.write($0) } }
    }
}

/// Values kept until the process exits: freeing a report of a 10,000-app export (hundreds of
/// thousands of strings) took a tenth of a second the process does not need, since exit returns
/// the memory at once.
enum ProcessLifetime {
    private static let kept = Mutex<[any Sendable]>([])

    static func keep(_ value: any Sendable) { kept.withLock { $0.append(value) } }
}
