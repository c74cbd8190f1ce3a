/// One rule as its YAML file defines it: metadata, condition branches and its own examples.
public struct RuleSpec: Sendable, Identifiable, Codable {
    public var id: String
    public var name: String
    public var title: String
    public var severity: Severity
    public var tags: [String]
    /// App kinds the rule is evaluated for; empty means every registration.
    public var appliesTo: [String]
    public var helpURI: String
    public var description: String
    public var remediation: String
    public var precision: String
    public var securitySeverity: String?
    public var params: [String: ParamValue]
    public var requires: [RulePath]
    public var forEach: [RulePath]
    public var branches: [RuleBranch]
    public var examples: RuleExamples
    /// The file the rule came from (`rules/REG101.yml`), for messages about the rule itself.
    public var sourceFile: String
    /// Former names of the rule: configuration and suppressions written for them keep working.
    public var aliases: [String] = []
    /// The rule's severity under a named profile (`development: note`), replacing every branch's.
    public var profiles: [String: Severity] = [:]

    public init(id: String, name: String, title: String, severity: Severity, tags: [String], appliesTo: [String],
                helpURI: String, description: String, remediation: String, precision: String, securitySeverity: String?,
                params: [String: ParamValue], requires: [RulePath], forEach: [RulePath], branches: [RuleBranch],
                examples: RuleExamples, sourceFile: String, aliases: [String] = [], profiles: [String: Severity] = [:]) {
        self.id = id
        self.name = name
        self.title = title
        self.severity = severity
        self.tags = tags
        self.appliesTo = appliesTo
        self.helpURI = helpURI
        self.description = description
        self.remediation = remediation
        self.precision = precision
        self.securitySeverity = securitySeverity
        self.params = params
        self.requires = requires
        self.forEach = forEach
        self.branches = branches
        self.examples = examples
        self.sourceFile = sourceFile
        self.aliases = aliases
        self.profiles = profiles
    }

    /// The rule's severity at its most serious branch; drives SARIF `security-severity`.
    public var highestSeverity: Severity {
        branches.map { $0.severity ?? severity }.max() ?? severity
    }

    /// The SARIF `security-severity` string: the rule's own, else derived from its highest level.
    public var securitySeverityScore: String {
        securitySeverity ?? highestSeverity.securityScore
    }
}

/// One way a rule can match: its condition, and the severity, message and location it reports.
public struct RuleBranch: Sendable, Codable {
    public var severity: Severity?
    public var match: Condition
    public var message: String
    public var report: RulePath?
    /// A second place the finding names (the manifest credential a config setting points at).
    public var related: RelatedSpec?

    public init(severity: Severity?, match: Condition, message: String, report: RulePath?, related: RelatedSpec?) {
        self.severity = severity
        self.match = match
        self.message = message
        self.report = report
        self.related = related
    }
}

/// `related: {path: …, message: …}`: where the related location is, and what it is.
public struct RelatedSpec: Sendable, Codable {
    public var path: RulePath
    public var message: String

    public init(path: RulePath, message: String) {
        self.path = path
        self.message = message
    }
}

/// The examples a rule carries; every one runs as a test.
public struct RuleExamples: Sendable, Codable {
    public var flag: [RuleExample]
    public var pass: [RuleExample]

    public init(flag: [RuleExample], pass: [RuleExample]) {
        self.flag = flag
        self.pass = pass
    }
}

/// One example registration, in Graph JSON, with what the rule must (or must not) find in it.
public struct RuleExample: Sendable, Codable {
    /// The `app:` mapping rendered as JSON text (nil for a configuration-only example).
    public var appJSON: String?
    /// The `config:` mapping rendered as JSON text: an app configuration file linted in the same
    /// run as `app`; `at` then points into it.
    public var configJSON: String?
    /// For a flag example, the JSON pointer (into `app`) a finding must point at.
    public var at: String?
    public var severity: Severity?
    public var now: String
    public var params: [String: ParamValue]
    /// Where the example starts in the rule file.
    public var line: Int
    public var column: Int

    public init(appJSON: String?, configJSON: String?, at: String?, severity: Severity?, now: String,
                params: [String: ParamValue], line: Int, column: Int) {
        self.appJSON = appJSON
        self.configJSON = configJSON
        self.at = at
        self.severity = severity
        self.now = now
        self.params = params
        self.line = line
        self.column = column
    }
}
