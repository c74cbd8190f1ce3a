import ArgumentParser
import Foundation
import RegLintKit

/// The `reglint` command: subcommands only; all work happens in RegLintKit.
@main
struct RegLintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reglint",
        abstract: "Offline compliance linter for Microsoft Entra ID app registration exports.",
        discussion: """
            Exit codes: 0 no finding at or above --fail-on and every input read; 1 findings at or \
            above the threshold; 2 usage, rule-file or input error (an input that could not be read \
            or parsed; the other inputs are still linted and reported).
            """,
        version: RegLintVersion.current,
        subcommands: [Check.self, BaselineCommand.self, Init.self, Rules.self, Explain.self, TestRules.self],
        defaultSubcommand: Check.self)

    /// Usage errors exit 2 (argument-parser's default is 64), as DESIGN §8 documents.
    static func main() async {
        InterruptCleanup.install()
        if let mistyped = mistypedSubcommand(Array(CommandLine.arguments.dropFirst())) {
            FileHandle.standardError.write(Data("reglint: unknown command '\(mistyped.typed)'; did you mean '\(mistyped.meant)'? ('reglint --help' lists the commands)\n".utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code.rawValue == 64 {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// A first argument that is no command, option or existing path, but is one or two edits from
    /// a command name (`reglint chek testdata`): without this it would become a path to lint.
    static func mistypedSubcommand(_ arguments: [String]) -> (typed: String, meant: String)? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        // The usual first arguments, told without asking each command its name (that cost a
        // start-up about half a millisecond); the full list below stays the authority.
        if ["check", "baseline", "init", "rules", "explain", "test-rules", "help"].contains(first) { return nil }
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(first), !FileManager.default.fileExists(atPath: first) else { return nil }
        let best = names.map { ($0, EditDistance.between(first.lowercased(), $0)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= 2, best.1 < first.count else { return nil }
        return (first, best.0)
    }
}
