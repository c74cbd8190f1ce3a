// Writes parsed rules back out as Swift expressions, so the built binary constructs its rules
// directly instead of decoding them at every start. Every switch is exhaustive: a new condition
// or operand fails this tool's build until it is written here, and `EmbeddedRuleTests` compares
// the built-in rules with the rule files parsed afresh, so a new field cannot be dropped silently.
import RuleSchema

/// Swift source for the built-in rules: one function per rule, `path(…)` turning texts into
/// `RulePath`s (it throws if a path no longer compiles, rather than trapping).
enum SwiftRuleSource {
    static func file(_ specs: [RuleSpec]) -> String {
        var out = """
            /// The built-in rules of rules/*.yml, parsed and validated when the binary was built.
            func embeddedRuleSpecs() throws(RuleFileError) -> [RuleSpec] {
                [

            """
        for spec in specs { out += "        try \(functionName(spec))(),\n" }
        out += "    ]\n}\n\n"
        out += """
            private func path(_ text: String, _ file: String) throws(RuleFileError) -> RulePath {
                guard let path = RulePath(text) else {
                    throw RuleFileError(file: file, line: 1, column: 1, field: "", message: "'\\(text)' is not a path")
                }
                return path
            }

            """
        for spec in specs { out += "\n" + function(spec) }
        return out
    }

    static func functionName(_ spec: RuleSpec) -> String {
        "rule" + String(spec.id.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }

    static func function(_ spec: RuleSpec) -> String {
        let file = string(spec.sourceFile)
        func paths(_ list: [RulePath]) -> String { "[" + list.map { path($0, file) }.joined(separator: ", ") + "]" }
        let fields = [
            "id: \(string(spec.id))",
            "name: \(string(spec.name))",
            "title: \(string(spec.title))",
            "severity: \(severity(spec.severity))",
            "tags: \(strings(spec.tags))",
            "appliesTo: \(strings(spec.appliesTo))",
            "helpURI: \(string(spec.helpURI))",
            "description: \(string(spec.description))",
            "remediation: \(string(spec.remediation))",
            "precision: \(string(spec.precision))",
            "securitySeverity: \(optional(spec.securitySeverity, string))",
            "params: \(params(spec.params))",
            "requires: \(paths(spec.requires))",
            "forEach: \(paths(spec.forEach))",
            "branches: [\n" + spec.branches.map { "            " + branch($0, file) }.joined(separator: ",\n") + "\n        ]",
            "examples: RuleExamples(\n            flag: \(examples(spec.examples.flag)),\n            pass: \(examples(spec.examples.pass)))",
            "sourceFile: \(file)",
            "aliases: \(strings(spec.aliases))",
            "profiles: " + dictionary(spec.profiles, severity),
        ]
        return """
            private func \(functionName(spec))() throws(RuleFileError) -> RuleSpec {
                RuleSpec(
                    \(fields.joined(separator: ",\n        ")))
            }

            """
    }

    static func branch(_ branch: RuleBranch, _ file: String) -> String {
        let related = branch.related.map { "RelatedSpec(path: \(path($0.path, file)), message: \(string($0.message)))" } ?? "nil"
        return "RuleBranch(severity: \(optional(branch.severity, severity)), match: \(condition(branch.match, file)), "
            + "message: \(string(branch.message)), report: \(optional(branch.report) { path($0, file) }), related: \(related))"
    }

    static func examples(_ list: [RuleExample]) -> String {
        guard !list.isEmpty else { return "[]" }
        return "[\n" + list.map { e in
            "                RuleExample(appJSON: \(optional(e.appJSON, string)), configJSON: \(optional(e.configJSON, string)), "
                + "at: \(optional(e.at, string)), severity: \(optional(e.severity, severity)), now: \(string(e.now)), "
                + "params: \(params(e.params)), line: \(e.line), column: \(e.column))"
        }.joined(separator: ",\n") + ",\n            ]"
    }

    static func condition(_ condition: Condition, _ file: String) -> String {
        let p = { (rulePath: RulePath) in path(rulePath, file) }
        switch condition {
        case .exists(let path, let value): return "Condition.exists(\(p(path)), \(value))"
        case .equals(let path, let value): return "Condition.equals(\(p(path)), \(literal(value)))"
        case .isIn(let path, let list): return "Condition.isIn(\(p(path)), \(listOperand(list)))"
        case .matches(let path, let pattern): return "Condition.matches(\(p(path)), Pattern(source: \(string(pattern.source))))"
        case .compare(let path, let comparison, let value): return "Condition.compare(\(p(path)), Comparison.\(comparison.rawValue), \(operand(value)))"
        case .isEmpty(let path, let value): return "Condition.isEmpty(\(p(path)), \(value))"
        case .count(let path, let comparison, let value): return "Condition.count(\(p(path)), Comparison.\(comparison.rawValue), \(operand(value)))"
        case .allOf(let list): return "Condition.allOf([" + list.map { self.condition($0, file) }.joined(separator: ", ") + "])"
        case .anyOf(let list): return "Condition.anyOf([" + list.map { self.condition($0, file) }.joined(separator: ", ") + "])"
        case .not(let inner): return "Condition.not(\(self.condition(inner, file)))"
        case .forEach(let path, let quantifier, let inner): return "Condition.forEach(\(p(path)), Quantifier.\(quantifier.rawValue), \(self.condition(inner, file)))"
        case .function(let name, let args): return "Condition.function(\(string(name)), \(params(args)))"
        }
    }

    static func operand(_ operand: Operand) -> String {
        switch operand {
        case .number(let n): return "Operand.number(\(number(n)))"
        case .date(let instant): return "Operand.date(Instant(milliseconds: \(instant.milliseconds)))"
        case .duration(let days): return "Operand.duration(days: \(number(days)))"
        case .param(let name): return "Operand.param(\(string(name)))"
        case .daysFromNow(.number(let n)): return "Operand.daysFromNow(NumberOrParam.number(\(number(n))))"
        case .daysFromNow(.param(let name)): return "Operand.daysFromNow(NumberOrParam.param(\(string(name))))"
        }
    }

    static func listOperand(_ list: ListOperand) -> String {
        switch list {
        case .literals(let items): return "ListOperand.literals([" + items.map(literal).joined(separator: ", ") + "] as [Literal])"
        case .param(let name): return "ListOperand.param(\(string(name)))"
        }
    }

    static func literal(_ literal: Literal) -> String {
        switch literal {
        case .string(let s): return "Literal.string(\(string(s)))"
        case .number(let n): return "Literal.number(\(number(n)))"
        case .bool(let b): return "Literal.bool(\(b))"
        case .null: return "Literal.null"
        }
    }

    static func param(_ value: ParamValue) -> String {
        switch value {
        case .number(let n): return "ParamValue.number(\(number(n)))"
        case .string(let s): return "ParamValue.string(\(string(s)))"
        case .bool(let b): return "ParamValue.bool(\(b))"
        case .list(let items): return "ParamValue.list([" + items.map(param).joined(separator: ", ") + "] as [ParamValue])"
        }
    }

    static func params(_ map: [String: ParamValue]) -> String { dictionary(map, param) + " as [String: ParamValue]" }

    static func severity(_ severity: Severity) -> String { "Severity.\(severity.rawValue)" }

    static func path(_ path: RulePath, _ file: String) -> String { "try path(\(string(path.text)), \(file))" }

    static func optional<T>(_ value: T?, _ render: (T) -> String) -> String { value.map(render) ?? "nil" }

    static func dictionary<T>(_ map: [String: T], _ render: (T) -> String) -> String {
        guard !map.isEmpty else { return "[:]" }
        return "[" + map.sorted { $0.key < $1.key }.map { "\(string($0.key)): \(render($0.value))" }.joined(separator: ", ") + "]"
    }

    static func strings(_ list: [String]) -> String { "[" + list.map(string).joined(separator: ", ") + "] as [String]" }

    /// The bit pattern keeps every double exact, infinities and all.
    static func number(_ value: Double) -> String { "Double(bitPattern: \(value.bitPattern))" }

    /// A one-line string literal: backslashes, quotes and control characters escaped.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
