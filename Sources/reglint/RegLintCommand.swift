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
        subcommands: [Check.self, Rules.self, Explain.self, TestRules.self],
        defaultSubcommand: Check.self)

    /// Usage errors exit 2 (argument-parser's default is 64), as DESIGN §8 documents.
    static func main() async {
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
}
