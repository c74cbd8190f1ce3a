import ArgumentParser
import Foundation
import RegLintKit
import RuleSchema

/// `reglint rules`: the table of rules.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the rules.")

    @Option(name: .customLong("rules"), help: "A folder of extra rule files (repeatable).")
    var ruleDirectories: [String] = []

    @Flag(name: .customLong("markdown"), help: "Print the whole rule reference as one Markdown page; same as --format markdown.")
    var markdown = false

    @Option(name: [.customShort("f"), .customLong("format")], help: "Output format.")
    var format: RuleListFormat = .text

    @Option(name: .customLong("tag"), help: "Only rules with this tag (repeatable: any of them).")
    var tags: [String] = []

    @Option(name: .customLong("severity"), help: "Only rules that can report this severity (repeatable: any of them).")
    var severities: [String] = []

    @Option(name: .customLong("docs"), help: "Write the rule reference into this folder: README.md (an index by area) and one REGnnn.md per rule.", completion: .directory)
    var docs: String?

    func run() throws {
        let all = try RuleLoading.load(ruleDirectories)
        if let docs {
            try RuleLoading.writeDocs(all.rules.map(\.spec), to: docs)
            return
        }
        let wanted = Set(severities.map { $0.lowercased() })
        let set = RuleSet(rules: all.rules.filter { rule in
            (tags.isEmpty || rule.spec.tags.contains { tags.contains($0) })
                && (wanted.isEmpty || rule.spec.branches.contains { wanted.contains(($0.severity ?? rule.spec.severity).rawValue) })
        })
        if markdown || format == .markdown {
            print(RuleReference.markdown(set.rules.map(\.spec)), terminator: "")
            return
        }
        if format == .json {
            print(RuleReference.json(set.rules.map(\.spec)), terminator: "")
            return
        }
        var lines = [pad("ID", 7) + pad("SEVERITY", 9) + pad("APPLIES TO", 19) + "NAME"]
        for rule in set.rules {
            let spec = rule.spec
            let applies = spec.appliesTo.isEmpty ? "any" : spec.appliesTo.joined(separator: ",")
            lines.append(pad(spec.id, 7) + pad(spec.highestSeverity == spec.severity ? spec.severity.rawValue : "\(spec.severity.rawValue)+", 9) + pad(applies, 19) + spec.name)
        }
        print(lines.joined(separator: "\n"))
        print("\(set.rules.count) rules. 'reglint explain ID' shows one.")
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}

/// `reglint rules --format`: a table for people, JSON for tools, Markdown for the docs.
enum RuleListFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown

    init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// `reglint explain REGnnn`: what a rule checks, why, how to fix it, and its examples.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Explain one rule.")

    @Argument(help: "The rule id or name, e.g. REG202 or redirect-uri-insecure-http.")
    var id: String

    @Option(name: .customLong("rules"), help: "A folder of extra rule files (repeatable).")
    var ruleDirectories: [String] = []

    func run() throws {
        let set = try RuleLoading.load(ruleDirectories)
        guard let rule = set.rule(reference: id) else {
            FileHandle.standardError.write(Data("reglint: no rule '\(id)'; 'reglint rules' lists them.\n".utf8))
            throw ExitCode(2)
        }
        print(RuleExplanation.text(for: rule.spec))
    }
}

enum RuleLoading {
    /// Writes `README.md` and `REGnnn.md` pages, and removes pages of rules that no longer exist.
    static func writeDocs(_ rules: [RuleSpec], to folder: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let pages = RuleReference.pages(rules)
        let names = Set(pages.map(\.file))
        for stale in (try manager.contentsOfDirectory(atPath: folder)) where stale.hasSuffix(".md") && !names.contains(stale) {
            try manager.removeItem(atPath: folder + "/" + stale)
        }
        for page in pages { try AtomicFile.write(page.text, to: folder + "/" + page.file) }
        print("reglint: wrote \(pages.count) pages to \(folder)")
    }

    static func load(_ directories: [String]) throws -> RuleSet {
        do {
            var set = try RuleSet.builtIn()
            for directory in directories { set = try set.adding(directory: directory) }
            return set
        } catch {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}

/// `reglint test-rules DIR`: runs the examples of the rule files in a folder as tests.
struct TestRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-rules",
        abstract: "Run the flag and pass examples of rule files (built-in rules when no folder is given).")

    @Argument(help: "Folders of rule files.")
    var directories: [String] = []

    func run() throws {
        let set: RuleSet
        if directories.isEmpty {
            set = try RuleLoading.load([])
        } else {
            var user = RuleSet(rules: [])
            do {
                for directory in directories { user = try user.adding(directory: directory) }
            } catch {
                FileHandle.standardError.write(Data("\(error.description)\n".utf8))
                throw ExitCode(2)
            }
            set = user
        }
        var failures = 0
        var examples = 0
        for rule in set.rules {
            examples += rule.spec.examples.flag.count + rule.spec.examples.pass.count
            for failure in RuleExampleRunner.run(rule) {
                print(failure.description)
                failures += 1
            }
        }
        print("\(examples - failures) passed, \(failures) failed")
        if failures > 0 { throw ExitCode(1) }
    }
}
