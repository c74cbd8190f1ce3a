import Foundation
import Yams

/// Reads one rule file: YAML to a validated `RuleSpec`, or a `RuleFileError` naming line and field.
///
/// Decoding is by hand over Yams' node tree rather than `Codable`, so every error can name the
/// field and carry the position of the offending value.
public struct RuleFileParser {
    public let file: String
    /// Where each path was written, so the vocabulary check can point at it.
    let marks = PathMarks()
    /// The shipped list tables a parameter may name with `{table: NAME}` (`rules/data/NAME.json`,
    /// each entry's `value`).
    public let tables: [String: [String]]

    public init(file: String, tables: [String: [String]] = [:]) {
        self.file = file
        self.tables = tables
    }

    static let topLevelKeys: Set<String> = [
        "id", "name", "title", "severity", "tags", "appliesTo", "helpUri", "description", "remediation",
        "precision", "securitySeverity", "params", "requires", "forEach", "match", "message", "report",
        "branches", "examples", "aliases", "related", "profiles",
    ]
    /// App kinds, plus `application` (every app registration) and `config` (app configuration files).
    static let appKinds: Set<String> = ["web", "daemon", "spa", "public", "api", "agentBlueprint", "application", "config"]
    static let precisions: Set<String> = ["very-high", "high", "medium", "low"]

    public func parse(_ text: String) throws(RuleFileError) -> RuleSpec {
        if let excess = YAMLAliasExpansion.firstExcess(in: text) {
            throw RuleFileError(file: file, line: excess.line, column: excess.column, field: "", message: excess.message)
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw fail(nil, "", "the file is empty")
            }
            root = node
        } catch let error as RuleFileError {
            throw error
        } catch let error as YamlError {
            throw yamlError(error)
        } catch {
            throw fail(nil, "", "not valid YAML: \(error)")
        }
        let map = try mapping(root, "")
        for (key, value) in map where !RuleFileParser.topLevelKeys.contains(key) {
            throw fail(value.keyMark, key, "unknown field (known: \(RuleFileParser.topLevelKeys.sorted().joined(separator: ", ")))")
        }
        let id = try requiredString(map, "id")
        guard id.range(of: "^REG[0-9]{3}$", options: .regularExpression) != nil else {
            throw fail(map["id"]?.mark, "id", "must be REG followed by three digits, not '\(id)'")
        }
        let expectedName = "\(id).yml"
        if !file.hasSuffix(expectedName), file.hasSuffix(".yml") || file.hasSuffix(".yaml") {
            let base = (file as NSString).lastPathComponent
            if base != "\(id).yaml" {
                throw fail(map["id"]?.mark, "id", "the file must be named \(expectedName), not \(base)")
            }
        }
        let name = try requiredString(map, "name")
        guard name.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil else {
            throw fail(map["name"]?.mark, "name", "must be a kebab-case slug, not '\(name)'")
        }
        let severity = try severityValue(map["severity"], "severity", required: true) ?? .warning
        let helpURI = try requiredString(map, "helpUri")
        guard helpURI.hasPrefix("https://") else {
            throw fail(map["helpUri"]?.mark, "helpUri", "must be an absolute https URL")
        }
        let appliesTo = try stringList(map["appliesTo"], "appliesTo")
        for kind in appliesTo where !RuleFileParser.appKinds.contains(kind) {
            throw fail(map["appliesTo"]?.mark, "appliesTo", "unknown app kind '\(kind)' (known: \(RuleFileParser.appKinds.sorted().joined(separator: ", ")))")
        }
        let precision = try optionalString(map, "precision") ?? "very-high"
        guard RuleFileParser.precisions.contains(precision) else {
            throw fail(map["precision"]?.mark, "precision", "must be one of \(RuleFileParser.precisions.sorted().joined(separator: ", "))")
        }
        let securitySeverity = try optionalString(map, "securitySeverity")
        if let securitySeverity {
            guard let score = Double(securitySeverity), score > 0, score <= 10 else {
                throw fail(map["securitySeverity"]?.mark, "securitySeverity", "must be a number in (0, 10] written as a string")
            }
        }
        let params = try paramMap(map["params"], "params")
        let requires = try pathList(map["requires"], "requires")
        let forEach = try pathList(map["forEach"], "forEach")
        let defaultMessage = try optionalString(map, "message")
        let defaultReport = try optionalPath(map["report"], "report")
        let defaultRelated = try relatedSpec(map["related"], "related")
        var branches: [RuleBranch] = []
        switch (map["match"], map["branches"]) {
        case (.some, .some):
            throw fail(map["branches"]?.mark, "branches", "give either 'match' or 'branches', not both")
        case (nil, nil):
            throw fail(root.mark, "match", "a rule needs 'match' or 'branches'")
        case (let match?, nil):
            guard let defaultMessage else { throw fail(root.mark, "message", "missing required field") }
            let condition = try self.condition(match.value, "match", params: params)
            branches = [RuleBranch(severity: nil, match: condition, message: defaultMessage, report: defaultReport, related: defaultRelated)]
        case (nil, let list?):
            let items = try sequence(list.value, "branches")
            guard !items.isEmpty else { throw fail(list.mark, "branches", "needs at least one branch") }
            for (index, item) in items.enumerated() {
                let field = "branches[\(index)]"
                let branch = try mapping(item, field)
                for (key, value) in branch where !["severity", "match", "message", "report", "related"].contains(key) {
                    throw fail(value.keyMark, "\(field).\(key)", "unknown field (known: match, message, related, report, severity)")
                }
                guard let match = branch["match"] else { throw fail(item.mark, "\(field).match", "missing required field") }
                guard let message = try optionalString(branch, "message", prefix: field) ?? defaultMessage else {
                    throw fail(item.mark, "\(field).message", "missing (and the rule has no default 'message')")
                }
                branches.append(RuleBranch(
                    severity: try severityValue(branch["severity"], "\(field).severity", required: false),
                    match: try condition(match.value, "\(field).match", params: params),
                    message: message,
                    report: try optionalPath(branch["report"], "\(field).report") ?? defaultReport,
                    related: try relatedSpec(branch["related"], "\(field).related") ?? defaultRelated))
            }
        }
        for (index, branch) in branches.enumerated() {
            try checkTemplate(branch.message, field: branches.count == 1 ? "message" : "branches[\(index)].message", params: params, mark: map["message"]?.mark ?? map["branches"]?.mark)
        }
        try validatePaths(requires: requires, forEach: forEach, branches: branches)
        let examples = try self.examples(map["examples"], params: params, root: root)
        var spec = RuleSpec(
            id: id, name: name, title: try requiredString(map, "title"), severity: severity,
            tags: try stringList(map["tags"], "tags"), appliesTo: appliesTo, helpURI: helpURI,
            description: try requiredString(map, "description").trimmingCharacters(in: .whitespacesAndNewlines),
            remediation: try requiredString(map, "remediation").trimmingCharacters(in: .whitespacesAndNewlines),
            precision: precision, securitySeverity: securitySeverity, params: params, requires: requires,
            forEach: forEach, branches: branches, examples: examples, sourceFile: file)
        spec.aliases = try stringList(map["aliases"], "aliases")
        for alias in spec.aliases where alias.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) == nil {
            throw fail(map["aliases"]?.mark, "aliases", "an alias is a former kebab-case name, not '\(alias)'")
        }
        if let profiles = map["profiles"] {
            for (key, value) in try mapping(profiles.value, "profiles") {
                guard RuleFileParser.profiles.contains(key) else {
                    throw fail(value.keyMark, "profiles.\(key)", "unknown profile (known: \(RuleFileParser.profiles.sorted().joined(separator: ", ")))")
                }
                spec.profiles[key] = try severityValue(value, "profiles.\(key)", required: true)
            }
        }
        return spec
    }

    /// The run profiles a rule may give its own severity for.
    public static let profiles: Set<String> = ["production", "development"]

    func relatedSpec(_ entry: Entry?, _ field: String) throws(RuleFileError) -> RelatedSpec? {
        guard let entry else { return nil }
        let map = try mapping(entry.value, field)
        try onlyKeys(map, ["path", "message"], field)
        guard let path = map["path"] else { throw fail(entry.mark, "\(field).path", "missing required field") }
        guard let message = map["message"] else { throw fail(entry.mark, "\(field).message", "missing required field") }
        return RelatedSpec(path: try pathValue(path.value, "\(field).path"), message: try string(message.value, "\(field).message"))
    }

    // MARK: - Conditions

    static let leafOperators: Set<String> = ["exists", "equals", "in", "matches", "greaterThan", "lessThan", "atLeast", "atMost", "isEmpty", "count"]

    func condition(_ node: Node, _ field: String, params: [String: ParamValue]) throws(RuleFileError) -> Condition {
        let map = try mapping(node, field)
        if let list = map["allOf"] ?? map["anyOf"] {
            let key = map["allOf"] != nil ? "allOf" : "anyOf"
            try onlyKeys(map, [key], field)
            let items = try sequence(list.value, "\(field).\(key)")
            guard !items.isEmpty else { throw fail(list.mark, "\(field).\(key)", "needs at least one condition") }
            var conditions: [Condition] = []
            for (index, item) in items.enumerated() {
                conditions.append(try condition(item, "\(field).\(key)[\(index)]", params: params))
            }
            return key == "allOf" ? .allOf(conditions) : .anyOf(conditions)
        }
        if let inner = map["not"] {
            try onlyKeys(map, ["not"], field)
            return .not(try condition(inner.value, "\(field).not", params: params))
        }
        if let function = map["function"] {
            try onlyKeys(map, ["function", "args"], field)
            let name = try string(function.value, "\(field).function")
            guard RuleVocabulary.functionNames.contains(name) else {
                throw fail(function.value.mark, "\(field).function", "unknown function '\(name)' (known: \(RuleVocabulary.functionNames.sorted().joined(separator: ", ")))")
            }
            return .function(name, try paramMap(map["args"], "\(field).args"))
        }
        if let each = map["forEach"] {
            let quantifiers = Quantifier.allCases.map(\.rawValue)
            guard let key = quantifiers.first(where: { map[$0] != nil }) else {
                throw fail(each.mark, "\(field).forEach", "needs one of \(quantifiers.joined(separator: ", "))")
            }
            try onlyKeys(map, ["forEach", key], field)
            let path = try pathValue(each.value, "\(field).forEach")
            guard let body = map[key], let quantifier = Quantifier(rawValue: key) else {
                throw fail(each.mark, "\(field).forEach", "needs one of \(quantifiers.joined(separator: ", "))")
            }
            return .forEach(path, quantifier, try condition(body.value, "\(field).\(key)", params: params))
        }
        guard let pathEntry = map["path"] else {
            throw fail(node.mark, field, "a condition needs 'path' (with an operator), 'allOf', 'anyOf', 'not', 'forEach' or 'function'")
        }
        let path = try pathValue(pathEntry.value, "\(field).path")
        let operators = map.keys.filter { $0 != "path" }
        guard operators.count == 1, let op = operators.first, let entry = map[op] else {
            throw fail(pathEntry.keyMark, field, "a 'path' condition needs exactly one operator of \(RuleFileParser.leafOperators.sorted().joined(separator: ", "))")
        }
        let opField = "\(field).\(op)"
        switch op {
        case "exists":
            return .exists(path, try bool(entry.value, opField))
        case "isEmpty":
            return .isEmpty(path, try bool(entry.value, opField))
        case "equals":
            return .equals(path, try literal(entry.value, opField))
        case "in":
            if case .mapping = entry.value {
                let name = try paramReference(entry.value, opField, params: params)
                return .isIn(path, .param(name))
            }
            let items = try sequence(entry.value, opField)
            var literals: [Literal] = []
            for (index, item) in items.enumerated() { literals.append(try literal(item, "\(opField)[\(index)]")) }
            return .isIn(path, .literals(literals))
        case "matches":
            let source = try string(entry.value, opField)
            do {
                _ = try NSRegularExpression(pattern: source)
            } catch {
                throw fail(entry.value.mark, opField, "not a valid regular expression: \(source)")
            }
            return .matches(path, Pattern(source: source))
        case "count":
            let inner = try mapping(entry.value, opField)
            guard inner.count == 1, let (key, value) = inner.first, let comparison = Comparison(rawValue: key) else {
                throw fail(entry.value.mark, opField, "needs exactly one of \(Comparison.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .count(path, comparison, try operand(value.value, "\(opField).\(key)", params: params))
        default:
            guard let comparison = Comparison(rawValue: op), comparison != .equals else {
                throw fail(entry.keyMark, opField, "unknown operator (known: \(RuleFileParser.leafOperators.sorted().joined(separator: ", ")))")
            }
            return .compare(path, comparison, try operand(entry.value, opField, params: params))
        }
    }

    func operand(_ node: Node, _ field: String, params: [String: ParamValue]) throws(RuleFileError) -> Operand {
        if case .mapping(let m) = node {
            if m.count == 1, let days = node["daysFromNow"] {
                if case .mapping = days {
                    return .daysFromNow(.param(try paramReference(days, "\(field).daysFromNow", params: params, numeric: true)))
                }
                guard let n = number(days) else { throw fail(days.mark, "\(field).daysFromNow", "must be a number or {param: NAME}") }
                return .daysFromNow(.number(n))
            }
            return .param(try paramReference(node, field, params: params))
        }
        if let n = number(node) { return .number(n) }
        if let s = node.string, let instant = Instant(parsing: s) { return .date(instant) }
        if let s = node.string, let days = ISODuration.days(s) { return .duration(days: days) }
        throw fail(node.mark, field, "must be a number, a date (YYYY-MM-DD), an ISO 8601 duration (P180D), {param: NAME} or {daysFromNow: N}")
    }

    func paramReference(_ node: Node, _ field: String, params: [String: ParamValue], numeric: Bool = false) throws(RuleFileError) -> String {
        let map = try mapping(node, field)
        guard map.count == 1, let entry = map["param"] else {
            throw fail(node.mark, field, "expected {param: NAME}")
        }
        let name = try string(entry.value, "\(field).param")
        guard let value = params[name] else {
            throw fail(entry.value.mark, "\(field).param", "no parameter '\(name)' in 'params'")
        }
        if numeric, value.number == nil {
            throw fail(entry.value.mark, "\(field).param", "parameter '\(name)' must be a number")
        }
        return name
    }

    // MARK: - Examples

    func examples(_ entry: Entry?, params: [String: ParamValue], root: Node) throws(RuleFileError) -> RuleExamples {
        guard let entry else { throw fail(root.mark, "examples", "missing required field: every rule carries flag and pass examples") }
        let map = try mapping(entry.value, "examples")
        try onlyKeys(map, ["flag", "pass"], "examples")
        func list(_ key: String) throws(RuleFileError) -> [RuleExample] {
            guard let items = map[key] else { throw fail(entry.value.mark, "examples.\(key)", "needs at least one example") }
            let nodes = try sequence(items.value, "examples.\(key)")
            guard !nodes.isEmpty else { throw fail(items.mark, "examples.\(key)", "needs at least one example") }
            var result: [RuleExample] = []
            for (index, node) in nodes.enumerated() {
                result.append(try example(node, "examples.\(key)[\(index)]", flag: key == "flag", params: params))
            }
            return result
        }
        return RuleExamples(flag: try list("flag"), pass: try list("pass"))
    }

    func example(_ node: Node, _ field: String, flag: Bool, params: [String: ParamValue]) throws(RuleFileError) -> RuleExample {
        let map = try mapping(node, field)
        try onlyKeys(map, flag ? ["app", "config", "at", "severity", "now", "params"] : ["app", "config", "now", "params"], field)
        guard map["app"] != nil || map["config"] != nil else { throw fail(node.mark, "\(field).app", "an example needs 'app' (a Graph application) or 'config' (an app configuration file)") }
        func json(_ key: String) throws(RuleFileError) -> String? {
            guard let entry = map[key] else { return nil }
            guard case .mapping = entry.value else { throw fail(entry.mark, "\(field).\(key)", "must be a mapping") }
            do {
                return try YAMLJSONWriter.json(entry.value)
            } catch {
                throw fail(error.mark ?? entry.mark, "\(field).\(key)", error.message)
            }
        }
        let appJSON = try json("app")
        let configJSON = try json("config")
        var at: String?
        if flag {
            guard map["at"] != nil else { throw fail(node.mark, "\(field).at", "a flag example names the JSON pointer its finding must point at") }
            at = try optionalString(map, "at", prefix: field)
            if let at, !(at.isEmpty || at.hasPrefix("/")) {
                throw fail(map["at"]?.mark, "\(field).at", "must be a JSON pointer such as /web/redirectUris/0")
            }
        }
        let now = try optionalString(map, "now", prefix: field) ?? "2026-11-22"
        guard Instant(parsing: now) != nil else { throw fail(map["now"]?.mark, "\(field).now", "must be a date YYYY-MM-DD") }
        let overrides = try paramMap(map["params"], "\(field).params")
        for (key, _) in overrides where params[key] == nil {
            throw fail(map["params"]?.mark, "\(field).params.\(key)", "the rule has no parameter '\(key)'")
        }
        return RuleExample(
            appJSON: appJSON, configJSON: configJSON, at: at, severity: try severityValue(map["severity"], "\(field).severity", required: false),
            now: now, params: overrides, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    // MARK: - Templates

    func checkTemplate(_ template: String, field: String, params: [String: ParamValue], mark: Mark?) throws(RuleFileError) {
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw fail(mark, field, "unclosed '{' in message template")
            }
            let placeholder = String(rest[rest.index(after: open)..<close])
            for name in placeholder.split(separator: "|", omittingEmptySubsequences: false).map(String.init) {
            if name.hasPrefix("param.") {
                let param = String(name.dropFirst(6))
                guard params[param] != nil else { throw fail(mark, field, "message refers to unknown parameter '\(param)'") }
            } else if name != "now", RulePath(name) == nil {
                throw fail(mark, field, "'{\(name)}' is not a path, {param.NAME} or {now}")
            }
            }
            rest = rest[rest.index(after: close)...]
        }
        let trimmed = template.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, first.isUppercase || first == "'" || first == "{", trimmed.hasSuffix(".") else {
            throw fail(mark, field, "messages are sentences: capitalised, ending with a period")
        }
    }

    // MARK: - Node helpers

    struct Entry {
        var key: String
        var keyMark: Mark?
        var value: Node
        var mark: Mark? { value.mark ?? keyMark }
    }

    typealias Map = [String: Entry]

    func mapping(_ node: Node, _ field: String) throws(RuleFileError) -> Map {
        guard case .mapping(let m) = node else { throw fail(node.mark, field, "must be a mapping") }
        var result: Map = [:]
        for (key, value) in m {
            guard let name = key.scalar?.string else { throw fail(key.mark, field, "keys must be plain strings") }
            if result[name] != nil { throw fail(key.mark, field.isEmpty ? name : "\(field).\(name)", "duplicate key") }
            result[name] = Entry(key: name, keyMark: key.mark, value: value)
        }
        return result
    }

    func sequence(_ node: Node, _ field: String) throws(RuleFileError) -> [Node] {
        guard case .sequence(let s) = node else { throw fail(node.mark, field, "must be a list") }
        return Array(s)
    }

    func string(_ node: Node, _ field: String) throws(RuleFileError) -> String {
        guard case .scalar(let s) = node, node.tagName != .null || s.style != .plain else {
            throw fail(node.mark, field, "must be a string")
        }
        return s.string
    }

    func bool(_ node: Node, _ field: String) throws(RuleFileError) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain, let b = node.bool else {
            throw fail(node.mark, field, "must be true or false")
        }
        _ = s
        return b
    }

    func number(_ node: Node) -> Double? {
        guard case .scalar(let s) = node, s.style == .plain else { return nil }
        if node.tagName == .int, let i = node.int { return Double(i) }
        if node.tagName == .float, let f = node.float { return f }
        return nil
    }

    func literal(_ node: Node, _ field: String) throws(RuleFileError) -> Literal {
        guard case .scalar(let s) = node else { throw fail(node.mark, field, "must be a scalar") }
        if s.style == .plain {
            switch node.tagName {
            case .null: return .null
            case .bool: if let b = node.bool { return .bool(b) }
            case .int, .float: if let n = number(node) { return .number(n) }
            default: break
            }
        }
        return .string(s.string)
    }

    func requiredString(_ map: Map, _ key: String) throws(RuleFileError) -> String {
        guard let entry = map[key] else { throw fail(nil, key, "missing required field") }
        let value = try string(entry.value, key)
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail(entry.mark, key, "must not be empty") }
        return value
    }

    func optionalString(_ map: Map, _ key: String, prefix: String = "") throws(RuleFileError) -> String? {
        guard let entry = map[key] else { return nil }
        return try string(entry.value, prefix.isEmpty ? key : "\(prefix).\(key)")
    }

    func stringList(_ entry: Entry?, _ field: String) throws(RuleFileError) -> [String] {
        guard let entry else { return [] }
        var result: [String] = []
        for (index, item) in try sequence(entry.value, field).enumerated() {
            result.append(try string(item, "\(field)[\(index)]"))
        }
        return result
    }

    func pathValue(_ node: Node, _ field: String) throws(RuleFileError) -> RulePath {
        let text = try string(node, field)
        guard let path = RulePath(text) else { throw fail(node.mark, field, "'\(text)' is not a path (dot-separated member names, '$.' for the registration)") }
        marks.record(text, node.mark, field)
        return path
    }

    // MARK: - Vocabulary

    /// Every path must name members the model has, read from the subject it is read from.
    func validatePaths(requires: [RulePath], forEach: [RulePath], branches: [RuleBranch]) throws(RuleFileError) {
        let root = RuleVocabulary.registration
        for path in requires { _ = try shapes(of: path, from: [root], root: root) }
        var subjects: [VocabularyShape] = []
        for path in forEach { subjects += try shapes(of: path, from: [root], root: root).map(\.element) }
        if subjects.isEmpty { subjects = [root] }
        for branch in branches {
            try validate(branch.match, subjects: subjects, root: root)
            if let report = branch.report { _ = try shapes(of: report, from: subjects, root: root) }
            if let related = branch.related { _ = try shapes(of: related.path, from: subjects, root: root) }
        }
    }

    func validate(_ condition: Condition, subjects: [VocabularyShape], root: VocabularyShape) throws(RuleFileError) {
        switch condition {
        case .allOf(let list), .anyOf(let list):
            for item in list { try validate(item, subjects: subjects, root: root) }
        case .not(let inner):
            try validate(inner, subjects: subjects, root: root)
        case .forEach(let path, _, let inner):
            try validate(inner, subjects: try shapes(of: path, from: subjects, root: root).map(\.element), root: root)
        case .function:
            return
        default:
            for path in condition.paths { _ = try shapes(of: path, from: subjects, root: root) }
        }
    }

    /// The shapes a path reaches from any of the subjects; an error when it reaches none.
    func shapes(of path: RulePath, from subjects: [VocabularyShape], root: VocabularyShape) throws(RuleFileError) -> [VocabularyShape] {
        let starts = path.fromRegistration ? [root] : subjects
        let found = starts.compactMap { $0.resolve(path.segments) }
        if !found.isEmpty { return found }
        // Name the first segment that no subject knows, with the members there are.
        var known: [String] = []
        var bad = path.segments.first ?? ""
        for start in starts {
            for depth in 0..<path.segments.count where start.resolve(Array(path.segments[..<depth])) != nil && start.resolve(Array(path.segments[...depth])) == nil {
                bad = path.segments[depth]
                known += start.resolve(Array(path.segments[..<depth]))?.memberNames ?? []
                break
            }
        }
        let (mark, field) = marks.lookup(path.text)
        let list = Array(Set(known)).sorted()
        let hint = list.isEmpty ? "" : " (known there: \(list.joined(separator: ", ")))"
        throw fail(mark, field, "unknown path '\(path.text)': the model has no '\(bad)' there\(hint); the vocabulary is in Sources/RuleSchema/RuleVocabularyPaths.swift")
    }

    func optionalPath(_ entry: Entry?, _ field: String) throws(RuleFileError) -> RulePath? {
        guard let entry else { return nil }
        return try pathValue(entry.value, field)
    }

    func pathList(_ entry: Entry?, _ field: String) throws(RuleFileError) -> [RulePath] {
        guard let entry else { return [] }
        if case .scalar = entry.value { return [try pathValue(entry.value, field)] }
        var result: [RulePath] = []
        for (index, item) in try sequence(entry.value, field).enumerated() {
            result.append(try pathValue(item, "\(field)[\(index)]"))
        }
        return result
    }

    func severityValue(_ entry: Entry?, _ field: String, required: Bool) throws(RuleFileError) -> Severity? {
        guard let entry else {
            if required { throw fail(nil, field, "missing required field") }
            return nil
        }
        let text = try string(entry.value, field)
        guard let severity = Severity(rawValue: text) else {
            throw fail(entry.mark, field, "must be error, warning or note, not '\(text)'")
        }
        return severity
    }

    func paramMap(_ entry: Entry?, _ field: String) throws(RuleFileError) -> [String: ParamValue] {
        guard let entry else { return [:] }
        var result: [String: ParamValue] = [:]
        for (key, value) in try mapping(entry.value, field) {
            result[key] = try param(value.value, "\(field).\(key)")
        }
        return result
    }

    func param(_ node: Node, _ field: String) throws(RuleFileError) -> ParamValue {
        switch node {
        case .sequence(let s):
            var items: [ParamValue] = []
            for (index, item) in s.enumerated() { items.append(try param(item, "\(field)[\(index)]")) }
            return .list(items)
        case .scalar:
            switch try literal(node, field) {
            case .number(let n): return .number(n)
            case .bool(let b): return .bool(b)
            case .string(let s): return .string(s)
            case .null: throw fail(node.mark, field, "a parameter cannot be null")
            }
        case .mapping:
            // `{table: NAME}`: the `value` column of a shipped data table, as a list.
            let map = try mapping(node, field)
            try onlyKeys(map, ["table"], field)
            guard let entry = map["table"] else { throw fail(node.mark, field, "a parameter is a number, string, boolean, list or {table: NAME}") }
            let name = try string(entry.value, "\(field).table")
            guard let values = tables[name] else {
                throw fail(entry.value.mark, "\(field).table", "unknown data table '\(name)' (known: \(tables.keys.sorted().joined(separator: ", ")))")
            }
            return .list(values.map { .string($0) })
        default:
            throw fail(node.mark, field, "a parameter is a number, string, boolean, list or {table: NAME}")
        }
    }

    func onlyKeys(_ map: Map, _ allowed: Set<String>, _ field: String) throws(RuleFileError) {
        for (key, value) in map where !allowed.contains(key) {
            throw fail(value.keyMark, field.isEmpty ? key : "\(field).\(key)", "unexpected field here (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    func fail(_ mark: Mark?, _ field: String, _ message: String) -> RuleFileError {
        RuleFileError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, field: field, message: message)
    }

    func yamlError(_ error: YamlError) -> RuleFileError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return fail(mark, "", "not valid YAML: \(problem)")
        default:
            return fail(nil, "", "not valid YAML: \(error)")
        }
    }
}

/// Positions of the paths a rule file names, recorded while parsing.
final class PathMarks {
    private var marks: [String: (Mark?, String)] = [:]

    func record(_ text: String, _ mark: Mark?, _ field: String) {
        if marks[text] == nil { marks[text] = (mark, field) }
    }

    func lookup(_ text: String) -> (Mark?, String) { marks[text] ?? (nil, "") }
}
