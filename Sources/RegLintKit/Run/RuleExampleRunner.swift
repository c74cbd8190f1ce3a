import RuleSchema

/// Runs a rule's own examples through the real pipeline (parser, adapter, facts, engine): each
/// `flag` example must give a finding of the rule at its `at` pointer, each `pass` example none.
public enum RuleExampleRunner {
    /// A failed example, located in its rule file.
    public struct Failure: Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(file):\(line):\(column): error: \(message)" }
    }

    public static func run(_ rule: CompiledRule) -> [Failure] {
        var failures: [Failure] = []
        let spec = rule.spec
        for (kind, examples) in [("flag", spec.examples.flag), ("pass", spec.examples.pass)] {
            for example in examples {
                let findings = lint(example, with: rule)
                let fail = { (message: String) in
                    failures.append(Failure(file: spec.sourceFile, line: example.line, column: example.column, message: "\(spec.id) \(kind) example: \(message)"))
                }
                switch findings {
                case .failure(let error):
                    fail("the example app is not a lintable registration: \(error)")
                case .success(let found) where kind == "pass":
                    if let first = found.first { fail("expected no finding, got \(first.location.pointer): \(first.message)") }
                case .success(let found):
                    let at = example.at ?? ""
                    guard let hit = found.first(where: { $0.location.pointer == at }) else {
                        let got = found.map(\.location.pointer)
                        fail("expected a finding at '\(at)', got \(got.isEmpty ? "none" : got.map { "'\($0)'" }.joined(separator: ", "))")
                        continue
                    }
                    if let severity = example.severity, hit.severity != severity {
                        fail("expected severity \(severity.rawValue) at '\(at)', got \(hit.severity.rawValue)")
                    }
                }
            }
        }
        return failures
    }

    /// The rule's findings on one example: the app, or the configuration file linted beside it.
    public static func lint(_ example: RuleExample, with rule: CompiledRule) -> Result<[Finding], InputError> {
        var options = LintRun.Options()
        options.now = Instant(parsing: example.now) ?? Instant(milliseconds: 0)
        options.jobs = 1
        options.rules = RuleSet(rules: [rule])
        options.discoverConfiguration = false
        options.overrides.params = [rule.id: example.params]
        options.overrides.failOn = .some(nil)
        var inputs: [InputFile] = []
        if let app = example.appJSON {
            var input = InputFile(displayPath: "\(rule.id)-example.json", reportPath: "\(rule.id)-example.json", source: .bytes(Array(app.utf8)), named: true)
            input.isExampleApplication = true
            inputs.append(input)
        }
        if let config = example.configJSON {
            inputs.append(InputFile(displayPath: "appsettings.json", reportPath: "appsettings.json", source: .bytes(Array(config.utf8)), named: true))
        }
        options.inputs = inputs
        let run = LintRun(options: options)
        guard let setup = try? run.setup() else { return .success([]) }
        let files = run.runInOrder(setup).result.files
        if let error = files.compactMap(\.error).first { return .failure(error) }
        guard let target = files.last else { return .success([]) }
        return .success(target.registrations.flatMap(\.findings))
    }
}
