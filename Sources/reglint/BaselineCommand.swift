import ArgumentParser
import Foundation
import RegLintKit

/// `reglint baseline`: records the fingerprints of today's open findings, so that a later
/// `check --baseline FILE` fails only on new ones.
struct BaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Write a baseline of the current findings (only new findings fail later runs).",
        discussion: """
            Suppressed findings are left out (their suppression decides them), and so is any baseline \
            the configuration names: the new file replaces it.
            """)

    @OptionGroup var arguments: RunArguments

    @Option(name: [.customShort("o"), .customLong("output")], help: "The baseline file to write.", completion: .file(extensions: ["json"]))
    var output: String = ".reglint-baseline.json"

    func validate() throws { try arguments.validate() }

    func run() async throws {
        var options = arguments.options()
        options.overrides.noBaseline = true
        let report = try await RunArguments.lint(options)
        let baseline = Baseline(findings: report.findings.filter(\.isOpen))
        do {
            try AtomicFile.write(baseline.serialized(), to: output)
        } catch {
            Console.error("reglint: \((error as? ReportFileError)?.description ?? "cannot write \(output)")")
            throw ExitCode(2)
        }
        for diagnostic in report.diagnostics where diagnostic.level == .error {
            Console.error(TextReporter().line(diagnostic).trimmingCharacters(in: .newlines))
        }
        Console.error("reglint: wrote \(baseline.entries.count) finding\(baseline.entries.count == 1 ? "" : "s") to \(output)")
        if report.exitCode == 2 { throw ExitCode(2) }
    }
}

/// `reglint init`: writes a commented starter `.reglint.yml`.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a commented starter .reglint.yml.")

    @Option(name: [.customShort("o"), .customLong("output")], help: "Where to write it.", completion: .file(extensions: ["yml"]))
    var output: String = Configuration.fileName

    @Flag(name: .customLong("force"), help: "Replace an existing file.")
    var force = false

    func run() throws {
        if !force, FileManager.default.fileExists(atPath: output) {
            Console.error("reglint: \(output) exists; use --force to replace it")
            throw ExitCode(2)
        }
        do {
            try AtomicFile.write(Configuration.starter, to: output)
        } catch {
            Console.error("reglint: \((error as? ReportFileError)?.description ?? "cannot write \(output)")")
            throw ExitCode(2)
        }
        print("reglint: wrote \(output)")
    }
}
