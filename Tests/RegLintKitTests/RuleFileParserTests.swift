import Testing
import RuleSchema
import RegLintKit

@Suite("Rule file parser")
struct RuleFileParserTests {
    static let valid = """
        id: REG999
        name: sample-rule
        title: A sample rule
        severity: warning
        helpUri: https://learn.microsoft.com/entra/identity-platform/reply-url
        description: Why this matters, in a sentence or two for the test.
        remediation: What to change, where, in a sentence for the test.
        match: { path: isFallbackPublicClient, equals: true }
        message: "'{displayName}' allows public client flows."
        examples:
          flag:
            - app: { isFallbackPublicClient: true }
              at: /isFallbackPublicClient
          pass:
            - app: { isFallbackPublicClient: false }
        """

    func parse(_ text: String) throws(RuleFileError) -> RuleSpec {
        try RuleFileParser(file: "rules/REG999.yml").parse(text)
    }

    @Test("a valid rule file parses, with its examples as JSON")
    func valid() throws {
        let rule = try parse(Self.valid)
        #expect(rule.id == "REG999")
        #expect(rule.branches.count == 1)
        #expect(rule.examples.flag.first?.appJSON == "{\n  \"isFallbackPublicClient\": true\n}\n")
        #expect(rule.examples.flag.first?.line == 12)
    }

    struct Broken: Sendable, CustomTestStringConvertible {
        let replace: String
        let with: String
        let line: Int
        let field: String
        var testDescription: String { field }
    }

    @Test("a malformed rule file is an error naming file, line and field", arguments: [
        Broken(replace: "severity: warning", with: "severity: critical", line: 4, field: "severity"),
        Broken(replace: "name: sample-rule", with: "name: Sample Rule", line: 2, field: "name"),
        Broken(replace: "match: { path: isFallbackPublicClient, equals: true }", with: "match: { path: isFallbackPublicClient, equalz: true }", line: 8, field: "match.equalz"),
        Broken(replace: "      at: /isFallbackPublicClient\n", with: "", line: 12, field: "examples.flag[0].at"),
        Broken(replace: "helpUri:", with: "helpURL:", line: 5, field: "helpURL"),
        Broken(replace: "message: \"'{displayName}' allows public client flows.\"", with: "message: \"{param.nope} is wrong.\"", line: 9, field: "message"),
        Broken(replace: "match: { path: isFallbackPublicClient, equals: true }", with: "match: { path: isFallbackPublicClient, matches: \"([\" }", line: 8, field: "match.matches"),
        Broken(replace: "id: REG999", with: "id: REG1", line: 1, field: "id"),
    ])
    func broken(_ broken: Broken) {
        let text = Self.valid.replacingOccurrences(of: broken.replace, with: broken.with)
        #expect(text != Self.valid)
        #expect {
            _ = try parse(text)
        } throws: { error in
            guard let error = error as? RuleFileError else { return false }
            return error.file == "rules/REG999.yml" && error.line == broken.line && error.field == broken.field
                && error.description.hasPrefix("rules/REG999.yml:\(broken.line):")
        }
    }

    @Test("YAML that does not parse is reported with its position")
    func invalidYAML() {
        #expect {
            _ = try parse("id: REG999\nname: [unclosed\n")
        } throws: { error in
            (error as? RuleFileError)?.description.contains("not valid YAML") == true
        }
    }

    @Test("dates parse in every spelling exports use")
    func instants() throws {
        let base = try #require(Instant(parsing: "2026-11-29T03:05:59Z"))
        #expect(Instant(parsing: "2026-11-29T03:05:59.521Z")?.milliseconds == base.milliseconds + 521)
        #expect(Instant(parsing: "2026-11-29T03:05:59.5210000Z")?.milliseconds == base.milliseconds + 521)
        #expect(Instant(parsing: "2026-11-29T03:05:59")?.milliseconds == base.milliseconds)
        #expect(Instant(parsing: "2026-11-28T19:05:59-08:00")?.milliseconds == base.milliseconds)
        #expect(Instant(parsing: "/Date(1574202819000)/")?.milliseconds == 1_574_202_819_000)
        #expect(Instant(parsing: "\\/Date(1574202819000)\\/")?.milliseconds == 1_574_202_819_000)
        #expect(Instant(parsing: "2299-12-31T00:00:00Z")?.year == 2299)
        #expect(Instant(parsing: "2026-11-22")?.dateString == "2026-11-22")
        #expect(Instant(parsing: "1969-12-31T23:59:59Z")?.dateString == "1969-12-31")
        #expect(Instant(parsing: "not a date") == nil)
        #expect(Instant(parsing: "2026-13-01") == nil)
        let now = try #require(Instant(parsing: "2026-11-22"))
        #expect(now.wholeDays(to: try #require(Instant(parsing: "2026-12-01T12:00:00Z"))) == 9)
        #expect(now.wholeDays(to: try #require(Instant(parsing: "2026-11-21T12:00:00Z"))) == -1)
    }
}

@Suite("Rule vocabulary")
struct RuleVocabularyTests {
    @Test("the parser's function names and the built-in registry agree")
    func functionsAgree() {
        #expect(Set(BuiltinFunctions.standard.all.map(\.name)) == RuleVocabulary.functionNames)
    }

    @Test("an unknown function is an error at its line and column")
    func unknownFunction() throws {
        let text = """
            id: REG990
            name: probe
            title: Probe
            severity: note
            helpUri: https://learn.microsoft.com/
            description: d
            remediation: r
            match: { function: hostInOwnedDomain }
            message: "m."
            """
        #expect(throws: RuleFileError.self) { try RuleFileParser(file: "REG990.yml").parse(text) }
        do {
            _ = try RuleFileParser(file: "REG990.yml").parse(text)
        } catch {
            #expect(error.description.hasPrefix("REG990.yml:8:20: error: 'match.function': unknown function 'hostInOwnedDomain' (known: "))
            #expect(error.description.contains("hostInOwnedDomains"))
        }
    }
}

@Suite("Rule paths")
struct RulePathVocabularyTests {
    func parse(_ body: String) throws(RuleFileError) -> RuleSpec {
        try RuleFileParser(file: "REG991.yml").parse("""
            id: REG991
            name: probe
            title: Probe
            severity: note
            helpUri: https://learn.microsoft.com/
            description: d
            remediation: r
            \(body)
            message: "Probe."
            examples:
              flag: [{ app: { displayName: A }, at: "" }]
              pass: [{ app: { displayName: B } }]
            """)
    }

    @Test("a misspelt member in a forEach subject is an error at its line and column, naming what is there")
    func misspeltMember() {
        do {
            _ = try parse("forEach: passwordCredentials\nmatch: { path: endDatetim, exists: false }")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 9)
            #expect(error.column == 16)
            #expect(error.message.contains("unknown path 'endDatetim'"))
            #expect(error.message.contains("enddatetime"))
        }
    }

    @Test("paths are read from their subject: nested forEach elements, $. from the registration, facts")
    func validPaths() throws {
        _ = try parse("forEach: requiredResourceAccess\nmatch: { allOf: [{ path: $.displayName, exists: true }, { forEach: resourceAccess, any: { path: type, equals: Role } }] }")
        _ = try parse("forEach: facts.permissions\nmatch: { path: risk, equals: critical }")
        _ = try parse("forEach: [passwordCredentials, keyCredentials]\nmatch: { path: facts.lifetimeDays, greaterThan: 1 }")
        _ = try parse("match: { path: web.redirectUris, count: { greaterThan: 2 } }")
        #expect(throws: RuleFileError.self) { try parse("match: { path: web.redirectUri, exists: true }") }
        #expect(throws: RuleFileError.self) { try parse("requires: [ownerz]\nmatch: { path: displayName, exists: true }") }
        #expect(throws: RuleFileError.self) { try parse("forEach: facts.permissions\nmatch: { path: resourceAccess, exists: true }") }
    }
}

@Suite("Rule parameters from data tables")
struct ParameterTableTests {
    @Test("{table: NAME} is the table's values; an unknown table is an error at its position")
    func tables() throws {
        let yaml = """
            id: REG992
            name: probe
            title: Probe
            severity: note
            helpUri: https://learn.microsoft.com/
            description: d
            remediation: r
            params:
              hosts: { table: tool-callback-hosts }
            forEach: facts.redirectUris
            match: { path: host, in: { param: hosts } }
            message: "Probe."
            examples:
              flag: [{ app: { displayName: A, web: { redirectUris: ["https://oauth.pstmn.io/v1/callback"] } }, at: /web/redirectUris/0 }]
              pass: [{ app: { displayName: B } }]
            """
        let rule = try RuleFileParser(file: "REG992.yml", tables: RuleSet.dataLists).parse(yaml)
        guard case .list(let hosts)? = rule.params["hosts"] else { Issue.record("not a list"); return }
        #expect(hosts.contains(.string("oauth.pstmn.io")))
        #expect(RuleExampleRunner.run(CompiledRule(spec: rule)).isEmpty)
        do {
            _ = try RuleFileParser(file: "REG992.yml", tables: RuleSet.dataLists).parse(yaml.replacingOccurrences(of: "tool-callback-hosts", with: "tool-callback-host"))
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 9)
            #expect(error.message.hasPrefix("unknown data table 'tool-callback-host'"))
        }
    }
}

@Suite("Rule vocabulary and canonical schema")
struct VocabularyDriftTests {
    /// Every path of a field table, as dot-separated lower-case segments.
    static func paths(_ fields: [CanonicalField], prefix: [String] = []) -> [[String]] {
        fields.flatMap { field -> [[String]] in
            let path = prefix + [field.name.lowercased()]
            switch field.shape {
            case .object(let inner), .objectList(let inner): return [path] + paths(inner, prefix: path)
            case .scalar, .date, .list: return [path]
            }
        }
    }

    @Test("every field the formats map onto is a path rule files may name (the two tables cannot drift)")
    func canonicalFieldsAreInTheVocabulary() {
        let missing = Self.paths(CanonicalSchema.application).filter { RuleVocabulary.registration.resolve($0) == nil }
        #expect(missing.isEmpty, "not in RuleSchema/RuleVocabularyPaths.swift: \(missing.map { $0.joined(separator: ".") })")
    }
}
