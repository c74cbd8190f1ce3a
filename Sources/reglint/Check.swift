import ArgumentParser
import Foundation
import RegLintKit
import RuleSchema

/// `reglint check`: lint files, folders or standard input and write the reports.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lint app registration exports.",
        discussion: """
            Each --output belongs to the --format before it; a --format without --output goes to \
            standard output (at most one). --format sarif=PATH is the same as --format sarif --output PATH.
            """)

    @Argument(help: "Files or folders to lint; - reads standard input.")
    var paths: [String] = ["."]

    @Option(name: .customLong("format"), help: "Output format: text, json, sarif, junit, github (repeatable).")
    var formats: [String] = []

    @Option(name: .customLong("output"), help: "File for the --format before it (repeatable).")
    var outputs: [String] = []

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: error, warning, note or none.")
    var failOn: String = "error"

    @Option(name: .customLong("now"), help: "The date credentials are judged against (YYYY-MM-DD, UTC); default today.")
    var now: String?

    @Flag(name: .customLong("no-color"), help: "Never color the text output.")
    var noColor = false

    @Option(name: .customLong("rules"), help: "A folder of extra rule files (repeatable).")
    var ruleDirectories: [String] = []

    @Option(name: .customLong("stdin-name"), help: "The path reported for standard input.")
    var stdinName: String = "stdin.json"

    @Option(name: .customLong("jobs"), help: "Files linted in parallel (default: the number of cores).")
    var jobs: Int?

    @Flag(name: .customLong("ignore-unknown"), help: "Skip named files that are not exports instead of failing (for pre-commit hooks).")
    var ignoreUnknown = false

    @Flag(name: .customLong("verbose"), help: "List the files a folder walk skipped (standard error).")
    var verbose = false

    func validate() throws {
        guard failOn == "none" || Severity(rawValue: failOn) != nil else {
            throw ValidationError("--fail-on must be error, warning, note or none, not '\(failOn)'.")
        }
        if let now, Instant(parsing: now) == nil {
            throw ValidationError("--now must be a date YYYY-MM-DD, not '\(now)'.")
        }
        _ = try outputPlan()
    }

    func run() async throws {
        let plan = try outputPlan()
        let rules: RuleSet
        do {
            var set = try RuleSet.builtIn()
            for directory in ruleDirectories { set = try set.adding(directory: directory) }
            rules = set
        } catch {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode(2)
        }
        let instant = now.flatMap(Instant.init(parsing:)) ?? Instant.today()
        let discovery = Discovery()
        var expanded = discovery.expand(paths, stdin: { [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }, stdinName: stdinName)
        if ignoreUnknown { expanded.files = expanded.files.map { file in var file = file; file.named = false; return file } }
        let linter = Linter(rules: rules, now: instant, parallelism: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        var result = await linter.lint(expanded.files)
        result.files += expanded.missing.map(FileResult.missing)
        let report = LintReport(
            toolVersion: RegLintVersion.current, rules: rules.rules.map(\.spec), result: result, now: instant,
            failOn: Severity(rawValue: failOn))
        if verbose {
            for file in result.files where file.skipped {
                FileHandle.standardError.write(Data("reglint: skipped \(file.input.displayPath): not an app registration export or configuration file\n".utf8))
            }
        }
        let color = !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
        var writeFailed = false
        for (format, output) in plan {
            let text = format.reporter(color: output == nil && color).renderMasked(report)
            if let output {
                do {
                    try AtomicFile.write(text, to: output)
                } catch {
                    FileHandle.standardError.write(Data("reglint: cannot write \(output): \(error.localizedDescription)\n".utf8))
                    writeFailed = true
                }
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
        let code = writeFailed ? 2 : report.exitCode
        if code != 0 { throw ExitCode(code) }
    }

    /// Pairs each --format with the --output after it, from the raw arguments (argument-parser
    /// keeps each option's order but not how they interleave).
    func outputPlan() throws -> [(OutputFormat, String?)] {
        let pairs = try OutputPlan.pairs(from: Array(CommandLine.arguments.dropFirst()), formats: formats, outputs: outputs)
        return pairs.isEmpty ? [(.text, nil)] : pairs
    }
}

/// Recovers (format, output) pairs from the command line.
enum OutputPlan {
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
            if argument == "--format" || argument.hasPrefix("--format=") {
                guard let v = value() else { break }
                if let eq = v.firstIndex(of: "=") {
                    pairs.append((String(v[..<eq]), String(v[v.index(after: eq)...])))
                } else {
                    pairs.append((v, nil))
                }
            } else if argument == "--output" || argument.hasPrefix("--output=") {
                guard let v = value() else { break }
                guard let last = pairs.indices.last, pairs[last].1 == nil else {
                    throw ValidationError("--output '\(v)' must follow the --format it belongs to.")
                }
                pairs[last].1 = v
            }
            k += 1
        }
        if pairs.isEmpty, !formats.isEmpty {
            pairs = formats.enumerated().map { ($0.element, $0.offset < outputs.count ? outputs[$0.offset] : nil) }
        }
        var result: [(OutputFormat, String?)] = []
        for (name, output) in pairs {
            guard let format = OutputFormat(rawValue: name.lowercased()) else {
                throw ValidationError("unknown format '\(name)'; known: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            result.append((format, output))
        }
        if result.filter({ $0.1 == nil }).count > 1 {
            throw ValidationError("at most one --format may go to standard output; give the others an --output.")
        }
        return result
    }
}

/// Writes a file through a temporary file and a rename, so a reader never sees half a report.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
