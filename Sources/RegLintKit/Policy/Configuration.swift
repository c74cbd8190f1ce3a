import Foundation
import RuleSchema
import Yams

/// `.reglint.yml`: what a team sets once for every run (rules on and off, severities, parameters,
/// owned domains, include and exclude globs, suppressions, baseline, fail threshold). Parsed over
/// Yams' node tree so that every error names its `file:line:col`; unknown keys are errors.
public struct Configuration: Sendable {
    public static let fileName = ".reglint.yml"
    /// Every key the file may hold, for errors and `reglint init`.
    public static let keys: [String] = [
        "failOn", "disable", "only", "severity", "params", "ownedDomains", "include", "exclude", "gitignore",
        "baseline", "suppressions", "profile",
    ]
    static let suppressionKeys: Set<String> = ["rule", "appId", "displayName", "file", "keyId", "uri", "permission", "fingerprint", "reason", "expires"]

    /// The path as shown in outputs.
    public var shownPath: String
    public var policy = Policy()
    public var pathFilter = PathFilter()
    /// Absolute path of the baseline file, if the configuration names one.
    public var baselinePath: String?

    /// The nearest `.reglint.yml` from `directory` up to the repository root (the folder that
    /// holds `.git`), or nil.
    public static func find(from directory: String) -> String? {
        var current = (directory as NSString).standardizingPath
        while true {
            let candidate = current + "/" + fileName
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            if FileManager.default.fileExists(atPath: current + "/.git") { return nil }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { return nil }
            current = parent
        }
    }

    /// Reads and validates a configuration file against the rules known to this run.
    public static func load(path: String, shownAs: String, rules: RuleSet) throws(ConfigurationError) -> Configuration {
        let data: [UInt8]
        switch InputFileReader.readSmall(path) {
        case .success(let bytes): data = bytes
        case .failure(let error): throw ConfigurationError(file: shownAs, line: 1, column: 1, message: "\(error.message) (the configuration file)")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConfigurationError(file: shownAs, line: 1, column: 1, message: "the configuration file is not UTF-8")
        }
        return try parse(text, shownAs: shownAs, folder: (path as NSString).deletingLastPathComponent, rules: rules)
    }

    /// Validates the YAML text of a configuration file; `folder` is the folder relative paths and
    /// globs in it are relative to (the configuration file's own folder).
    public static func parse(_ text: String, shownAs: String, folder: String, rules: RuleSet) throws(ConfigurationError) -> Configuration {
        try ConfigurationParser(file: shownAs, folder: folder, rules: rules).parse(text)
    }
}

/// Turns the YAML text of a configuration file into a `Configuration`, refusing anything it does
/// not know with the position of the offending key or value.
struct ConfigurationParser {
    let file: String
    /// The configuration file's folder: relative paths and globs in it are relative to it.
    let folder: String
    let rules: RuleSet

    func parse(_ text: String) throws(ConfigurationError) -> Configuration {
        var configuration = Configuration(shownPath: file)
        if let excess = YAMLAliasExpansion.firstExcess(in: text) {
            throw ConfigurationError(file: file, line: excess.line, column: excess.column, message: excess.message)
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { return configuration }
            root = node
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw fail(mark, "not valid YAML: \(problem)")
            default:
                throw fail(nil, "not valid YAML: \(error)")
            }
        } catch {
            throw fail(nil, "not valid YAML: \(error)")
        }
        guard case .mapping(let map) = root else { throw fail(root.mark, "the configuration must be a mapping of keys (\(Configuration.keys.joined(separator: ", ")))") }
        var seen = Set<String>()
        for (keyNode, value) in map {
            guard let key = keyNode.scalar?.string else { throw fail(keyNode.mark, "keys must be plain strings") }
            guard seen.insert(key).inserted else { throw fail(keyNode.mark, "'\(key)' is given twice") }
            switch key {
            case "failOn":
                let text = try string(value, key)
                if text.lowercased() == "none" {
                    configuration.policy.failOn = nil
                } else if let severity = Severity(rawValue: text.lowercased()) {
                    configuration.policy.failOn = severity
                } else {
                    throw fail(value.mark, "'failOn' must be error, warning, note or none, not '\(text)'")
                }
            case "disable":
                configuration.policy.disabled = Set(try ruleList(value, key))
            case "only":
                configuration.policy.only = Set(try ruleList(value, key))
            case "severity":
                for (ruleNode, levelNode) in try mapping(value, key) {
                    let rule = try ruleID(ruleNode, key)
                    let text = try string(levelNode, "\(key).\(rule)")
                    guard let severity = Severity(rawValue: text.lowercased()) else {
                        throw fail(levelNode.mark, "'\(key).\(rule)' must be error, warning or note, not '\(text)'")
                    }
                    configuration.policy.severities[rule] = severity
                }
            case "params":
                for (ruleNode, paramsNode) in try mapping(value, key) {
                    let rule = try ruleID(ruleNode, key)
                    let declared = rules.rule(id: rule)?.spec.params ?? [:]
                    for (nameNode, valueNode) in try mapping(paramsNode, "\(key).\(rule)") {
                        guard let name = nameNode.scalar?.string else { throw fail(nameNode.mark, "parameter names must be plain strings") }
                        guard let current = declared[name] else {
                            let known = declared.keys.sorted()
                            throw fail(nameNode.mark, "\(rule) has no parameter '\(name)' (\(known.isEmpty ? "it takes none" : "known: \(known.joined(separator: ", "))"))")
                        }
                        configuration.policy.params[rule, default: [:]][name] = try param(valueNode, like: current, "\(key).\(rule).\(name)")
                    }
                }
            case "ownedDomains":
                let domains = try stringList(value, key).map { ParamValue.string($0.lowercased()) }
                for rule in rules.rules where rule.spec.params["ownedDomains"] != nil {
                    configuration.policy.params[rule.id, default: [:]]["ownedDomains"] = .list(domains)
                }
            case "include":
                configuration.pathFilter.include = try stringList(value, key).map { PathFilter.Pattern(base: folder, glob: Glob($0)) }
            case "exclude":
                configuration.pathFilter.exclude = try stringList(value, key).map { PathFilter.Pattern(base: folder, glob: Glob($0)) }
            case "profile":
                let name = try string(value, key)
                guard RuleFileParser.profiles.contains(name) else {
                    throw fail(value.mark, "'profile' must be \(RuleFileParser.profiles.sorted().joined(separator: " or ")), not '\(name)'")
                }
                configuration.policy.profile = name
            case "gitignore":
                configuration.pathFilter.useGitignore = try bool(value, key)
            case "baseline":
                let path = try string(value, key)
                configuration.baselinePath = ((path.hasPrefix("/") ? path : folder + "/" + path) as NSString).standardizingPath
            case "suppressions":
                guard case .sequence(let items) = value else { throw fail(value.mark, "'suppressions' must be a list of entries") }
                for (index, item) in items.enumerated() {
                    configuration.policy.suppressions.append(try suppression(item, "suppressions[\(index)]"))
                }
            default:
                throw fail(keyNode.mark, "unknown key '\(key)' (known: \(Configuration.keys.joined(separator: ", ")))\(suggestion(key, among: Configuration.keys))")
            }
        }
        return configuration
    }

    func suppression(_ node: Node, _ field: String) throws(ConfigurationError) -> Suppression {
        guard case .mapping(let map) = node else { throw fail(node.mark, "'\(field)' must be a mapping with rule, reason and a target") }
        var values: [String: (String, Node)] = [:]
        for (keyNode, value) in map {
            guard let key = keyNode.scalar?.string else { throw fail(keyNode.mark, "keys must be plain strings") }
            guard Configuration.suppressionKeys.contains(key) else {
                throw fail(keyNode.mark, "unknown key '\(key)' in \(field) (known: \(Configuration.suppressionKeys.sorted().joined(separator: ", ")))\(suggestion(key, among: Array(Configuration.suppressionKeys)))")
            }
            values[key] = (try string(value, "\(field).\(key)"), value)
        }
        guard let (ruleText, ruleNode) = values["rule"] else { throw fail(node.mark, "\(field) needs 'rule' (a rule id or name, or '*')") }
        let rule: String
        if ruleText == "*" { rule = "*" } else { rule = try ruleID(ruleNode, "\(field).rule") }
        guard let (reason, reasonNode) = values["reason"], !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(values["reason"]?.1.mark ?? node.mark, "\(field) needs a 'reason': say why the finding is accepted")
        }
        _ = reasonNode
        let targets = ["appId", "displayName", "file", "keyId", "uri", "permission", "fingerprint"]
        guard targets.contains(where: { values[$0] != nil }) else {
            throw fail(node.mark, "\(field) needs a target: one or more of \(targets.joined(separator: ", "))")
        }
        let mark = node.mark
        var entry = Suppression(rule: rule, reason: reason, origin: ConfigurationPosition(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1))
        entry.appId = values["appId"]?.0
        entry.displayName = values["displayName"].map { Glob($0.0) }
        entry.file = values["file"].map { Glob($0.0) }
        entry.keyId = values["keyId"]?.0
        entry.uri = values["uri"]?.0
        entry.permission = values["permission"]?.0
        entry.fingerprint = values["fingerprint"]?.0
        if let (expires, expiresNode) = values["expires"] {
            guard expires.count == 10, let instant = Instant(parsing: expires) else {
                throw fail(expiresNode.mark, "'\(field).expires' must be a date YYYY-MM-DD, not '\(expires)'")
            }
            entry.expires = expires
            entry.expiresAt = instant
        }
        return entry
    }

    // MARK: - Values

    func ruleID(_ node: Node, _ field: String) throws(ConfigurationError) -> String {
        let text = try string(node, field)
        guard let rule = rules.rule(reference: text) else {
            throw fail(node.mark, "unknown rule '\(text)' in '\(field)'\(suggestion(text, among: rules.rules.map(\.id) + rules.rules.map(\.spec.name)))")
        }
        return rule.id
    }

    func ruleList(_ node: Node, _ field: String) throws(ConfigurationError) -> [String] {
        guard case .sequence(let items) = node else { throw fail(node.mark, "'\(field)' must be a list of rule ids, like [REG309]") }
        var ids: [String] = []
        for item in items { ids.append(try ruleID(item, field)) }
        return ids
    }

    func mapping(_ node: Node, _ field: String) throws(ConfigurationError) -> [(Node, Node)] {
        guard case .mapping(let map) = node else { throw fail(node.mark, "'\(field)' must be a mapping") }
        return map.map { ($0.key, $0.value) }
    }

    func string(_ node: Node, _ field: String) throws(ConfigurationError) -> String {
        guard case .scalar(let scalar) = node, scalar.style != .plain || !["null", "Null", "NULL", "~", ""].contains(scalar.string) else {
            throw fail(node.mark, "'\(field)' must be a string")
        }
        return scalar.string
    }

    func stringList(_ node: Node, _ field: String) throws(ConfigurationError) -> [String] {
        guard case .sequence(let items) = node else { throw fail(node.mark, "'\(field)' must be a list of strings") }
        var out: [String] = []
        for item in items { out.append(try string(item, field)) }
        return out
    }

    func bool(_ node: Node, _ field: String) throws(ConfigurationError) -> Bool {
        guard let value = node.bool else { throw fail(node.mark, "'\(field)' must be true or false") }
        return value
    }

    /// A parameter value of the same type as the rule's default.
    func param(_ node: Node, like current: ParamValue, _ field: String) throws(ConfigurationError) -> ParamValue {
        switch current {
        case .number:
            guard let number = node.float ?? node.int.map(Double.init), case .scalar = node else { throw fail(node.mark, "'\(field)' must be a number") }
            return .number(number)
        case .bool:
            return .bool(try bool(node, field))
        case .string:
            return .string(try string(node, field))
        case .list:
            guard case .sequence(let items) = node else { throw fail(node.mark, "'\(field)' must be a list") }
            var out: [ParamValue] = []
            for item in items { out.append(.string(try string(item, field))) }
            return .list(out)
        }
    }

    func fail(_ mark: Mark?, _ message: String) -> ConfigurationError {
        ConfigurationError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message)
    }

    /// "; did you mean 'exclude'?" for a key one or two edits from a known one.
    func suggestion(_ text: String, among known: [String]) -> String {
        let best = known.map { ($0, EditDistance.between(text.lowercased(), $0.lowercased())) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= max(2, text.count / 4) else { return "" }
        return "; did you mean '\(best.0)'?"
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
public enum EditDistance {
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
