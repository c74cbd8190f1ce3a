import Foundation
@testable import RegLintKit
import RuleSchema
import Testing

/// A scratch folder with a `.git` marker (so it is a repository root) and helpers to fill it.
struct Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "reglint-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appending(path: ".git"), withIntermediateDirectories: true)
    }

    func write(_ text: String, to name: String) throws {
        let target = url.appending(path: name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }

    func copy(_ fixture: String, to name: String) throws {
        try write(try Fixtures.text(fixture), to: name)
    }

    func remove(_ name: String) { try? FileManager.default.removeItem(at: url.appending(path: name)) }

    /// Lints `paths` (default: the whole folder) from inside the folder, the way the CLI does.
    func report(_ paths: [String] = ["."], now: String = "2026-11-22", configure: (inout LintRun.Options) -> Void = { _ in }) async throws -> LintReport {
        var options = LintRun.Options()
        options.paths = paths
        options.currentDirectory = url.path
        options.now = Instant(parsing: now) ?? Fixtures.now
        options.jobs = 2
        configure(&options)
        return try await LintRun(options: options).run()
    }

    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// The one REG202 finding of `testdata/rules/REG202/flag.json`: an error, so it alone fails the run.
let reg202Fixture = "testdata/rules/REG202/flag.json"
let reg202AppID = "00001111-aaaa-2222-bbbb-3333cccc4444"

@Suite("Policy: suppressions")
struct SuppressionTests {
    func config(expires: String) -> String {
        """
        suppressions:
          - rule: REG202
            appId: \(reg202AppID)
            uri: http://app.contoso.com/legacy
            reason: "Legacy callback, removed with the v2 release (SEC-42)"
            expires: \(expires)
        """
    }

    @Test("a suppression with a future expiry hides its finding and the exit code drops to 0")
    func futureExpiry() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try scratch.copy(reg202Fixture, to: "app.json")
        let before = try await scratch.report()
        #expect(before.exitCode == 1)
        try scratch.write(config(expires: "2027-03-31"), to: ".reglint.yml")
        let after = try await scratch.report()
        #expect(after.exitCode == 0)
        let finding = try #require(after.findings.first { $0.ruleID == "REG202" })
        guard case .suppressed(let why) = finding.disposition else { Issue.record("expected suppressed, got \(finding.disposition)"); return }
        #expect(why.reason == "Legacy callback, removed with the v2 release (SEC-42)")
        #expect(why.expires == "2027-03-31")
        #expect(why.source == ".reglint.yml:2:5")
        #expect(after.diagnostics.allSatisfy { $0.kind != .suppressionExpired && $0.kind != .suppressionUnused })
        // Counted in the text summary, kept in SARIF with its justification, skipped in JUnit.
        #expect(TextReporter().render(after).contains("; 1 suppressed"))
        let sarif = SARIFReporter().render(after)
        #expect(sarif.contains("\"justification\":\"Legacy callback, removed with the v2 release (SEC-42)\""))
        #expect(sarif.contains("\"kind\":\"external\""))
        #expect(JUnitReporter().render(after).contains("<skipped message=\"Suppressed: Legacy callback, removed with the v2 release (SEC-42) (until 2027-03-31)\">"))
        // --no-suppressed leaves it out of the reports.
        let hidden = try await scratch.report { $0.keepSuppressed = false }
        #expect(!hidden.findings.contains { $0.ruleID == "REG202" })
        #expect(hidden.exitCode == 0)
    }

    @Test("after its expiry the finding is back and the output says the suppression expired")
    func pastExpiry() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try scratch.copy(reg202Fixture, to: "app.json")
        try scratch.write(config(expires: "2026-11-01"), to: ".reglint.yml")
        let report = try await scratch.report()
        #expect(report.exitCode == 1)
        #expect(report.findings.first { $0.ruleID == "REG202" }?.disposition == .open)
        let expired = try #require(report.diagnostics.first { $0.kind == .suppressionExpired })
        #expect(expired.path == ".reglint.yml")
        #expect(expired.position?.line == 2)
        #expect(expired.message.contains("expired on 2026-11-01"))
        let text = TextReporter().render(report)
        #expect(text.contains(".reglint.yml:2:5: warning: the suppression of REG202 appId=\(reg202AppID) uri=http://app.contoso.com/legacy expired on 2026-11-01; the finding it hid is reported again"))
        #expect(SARIFReporter().render(report).contains("\"id\": \"REGN005\""))
    }

    @Test("the last day of a suppression still applies; the day after it does not")
    func expiryDay() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try scratch.copy(reg202Fixture, to: "app.json")
        try scratch.write(config(expires: "2026-11-22"), to: ".reglint.yml")
        #expect(try await scratch.report(now: "2026-11-22").exitCode == 0)
        #expect(try await scratch.report(now: "2026-11-23").exitCode == 1)
    }

    @Test("a suppression that matches nothing is reported, so stale entries get cleaned up")
    func unused() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try scratch.copy(reg202Fixture, to: "app.json")
        try scratch.write("""
            suppressions:
              - rule: REG201
                displayName: "Contoso *"
                reason: "No wildcard here any more"
            """, to: ".reglint.yml")
        let report = try await scratch.report()
        let unused = try #require(report.diagnostics.first { $0.kind == .suppressionUnused })
        #expect(unused.message.contains("matches no finding"))
        #expect(unused.position?.line == 2)
        #expect(report.exitCode == 1)
    }

    @Test("targets: displayName and file globs, keyId, permission, fingerprint; every target must match")
    func targets() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try scratch.copy("testdata/examples/contoso-tenant-export.json", to: "exports/tenant.json")
        let baseline = try await scratch.report()
        let reg309 = try #require(baseline.findings.first { $0.ruleID == "REG309" && $0.registration.displayName == "Contoso Legacy Batch" })
        try scratch.write("""
            suppressions:
              - { rule: REG205, displayName: "Contoso FHIR *", reason: "Postman kept for the FHIR lab" }
              - { rule: REG306, file: "exports/*.json", keyId: "NOT-A-KEY", reason: "does not match: keyId differs" }
              - { rule: redirect-uri-wildcard, file: "exports/", reason: "a folder glob covers what is in it" }
              - { rule: REG401, permission: 75E725BF-66CE-4CEA-9B9A-5C4CAAE57F33, reason: "DICOM access is app-only here" }
              - { rule: REG309, fingerprint: \(reg309.fingerprint), reason: "by fingerprint" }
            """, to: ".reglint.yml")
        let report = try await scratch.report()
        func suppressed(_ rule: String) -> [Finding] {
            report.findings.filter { f in
                if case .suppressed = f.disposition { return f.ruleID == rule }
                return false
            }
        }
        #expect(suppressed("REG205").map(\.registration.displayName) == ["Contoso FHIR Postman Client"])
        #expect(suppressed("REG306").isEmpty)
        #expect(suppressed("REG201").count == 1)
        #expect(suppressed("REG401").map(\.registration.displayName) == ["Fabrikam DICOM Viewer"])
        #expect(suppressed("REG309").map(\.fingerprint) == [reg309.fingerprint])
        #expect(report.diagnostics.filter { $0.kind == .suppressionUnused }.count == 1)
    }
}

@Suite("Policy: baseline")
struct BaselineTests {
    @Test("with a baseline made before a change, one new problem in one app is exactly the one finding that counts")
    func onlyNewFindingsCount() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let original = try Fixtures.text("testdata/examples/contoso-tenant-export.json")
        try scratch.write(original, to: "tenant.json")
        let first = try await scratch.report()
        let baseline = Baseline(findings: first.findings)
        try scratch.write(baseline.serialized(), to: ".reglint-baseline.json")
        let unchanged = try await scratch.report { $0.overrides.baselinePath = ".reglint-baseline.json" }
        #expect(unchanged.exitCode == 0)
        #expect(unchanged.findings.allSatisfy { $0.disposition == .baselined })
        // One new problem: a wildcard redirect URI added to the clean-looking Partner Portal... here, the HR portal gets a second http URI.
        let changed = original.replacingOccurrences(of: "\"http://hr.contoso.com/legacy\"", with: "\"http://hr.contoso.com/legacy\",\n          \"http://hr.contoso.com/new\"")
        #expect(changed != original)
        try scratch.write(changed, to: "tenant.json")
        let after = try await scratch.report { $0.overrides.baselinePath = ".reglint-baseline.json" }
        let open = after.findings.filter(\.isOpen)
        #expect(open.count == 1)
        #expect(open.first?.ruleID == "REG202")
        #expect(open.first?.message.contains("http://hr.contoso.com/new") == true)
        #expect(after.exitCode == 1)
        #expect(after.findings.count == first.findings.count + 1)
        let sarif = SARIFReporter().render(after)
        #expect(sarif.components(separatedBy: "\"baselineState\":\"new\"").count == 2)
        #expect(sarif.components(separatedBy: "\"baselineState\":\"unchanged\"").count == first.findings.count + 1)
    }

    @Test("reformatting the file (indentation, keys reordered, app moved within the export) adds no finding")
    func reformatting() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let original = try Fixtures.text("testdata/examples/contoso-tenant-export.json")
        try scratch.write(original, to: "tenant.json")
        let baseline = Baseline(findings: try await scratch.report().findings)
        try scratch.write(baseline.serialized(), to: "baseline.json")
        // Re-serialise: sorted keys, 4-space indentation, the apps in reverse order.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(original.utf8)) as? [String: Any])
        var reordered = object
        reordered["value"] = ((object["value"] as? [Any]) ?? []).reversed() as [Any]
        let data = try JSONSerialization.data(withJSONObject: reordered, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "  ", with: "    ")
        #expect(text != original)
        try scratch.write(text, to: "tenant.json")
        let after = try await scratch.report { $0.overrides.baselinePath = "baseline.json" }
        #expect(after.findings.count == baseline.entries.count)
        #expect(after.findings.allSatisfy { $0.disposition == .baselined })
        #expect(after.exitCode == 0)
    }

    @Test("a re-export in another format (same file name, another extension) keeps every fingerprint")
    func otherFormat() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try scratch.copy("testdata/formats/same-registration/graph.json", to: "demo.json")
        let graph = try await scratch.report()
        try scratch.write(Baseline(findings: graph.findings).serialized(), to: "baseline.json")
        scratch.remove("demo.json")
        try scratch.copy("testdata/formats/same-registration/clixml.xml", to: "demo.xml")
        let clixml = try await scratch.report { $0.overrides.baselinePath = "baseline.json" }
        // graph.json says serviceManagementReference is null (REG602); the CliXml file leaves the
        // property out, so REG602 is not evaluated there. Every other finding is the same.
        let compared = graph.findings.filter { $0.ruleID != "REG602" }
        #expect(clixml.findings.count == compared.count)
        #expect(Set(clixml.findings.map(\.fingerprint)) == Set(compared.map(\.fingerprint)))
        #expect(clixml.exitCode == 0)
    }

    @Test("two identical apps in two files are two fingerprints")
    func identicalAppsInTwoFiles() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try scratch.copy(reg202Fixture, to: "a/app.json")
        try scratch.copy(reg202Fixture, to: "b/app.json")
        let report = try await scratch.report()
        let fingerprints = report.findings.map(\.fingerprint)
        #expect(fingerprints.count == 2)
        #expect(Set(fingerprints).count == 2)
    }

    @Test("every finding over testdata has its own fingerprint")
    func distinctOverTestdata() async throws {
        let report = try await Fixtures.report(["testdata"], failOn: nil)
        let fingerprints = report.findings.map(\.fingerprint)
        #expect(fingerprints.count > 100)
        #expect(Set(fingerprints).count == fingerprints.count)
    }

    @Test("the baseline file is sorted, versioned JSON without messages, and a bad one is an error")
    func file() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try scratch.copy("testdata/examples/contoso-tenant-export.json", to: "tenant.json")
        let report = try await scratch.report()
        let text = Baseline(findings: report.findings).serialized()
        #expect(text.contains("\"version\" : 1"))
        #expect(!text.contains("FAK"))
        #expect(text == Baseline(findings: report.findings.reversed()).serialized())
        try scratch.write("{\"tool\": \"reglint\", \"version\": 1, \"findings\": 7}", to: "bad.json")
        await #expect(throws: LintRun.SetupError.self) { try await scratch.report { $0.overrides.baselinePath = "bad.json" } }
    }
}

@Suite("Policy: configuration file")
struct ConfigurationTests {
    @Test("disable, a severity override and a parameter override each change the result")
    func overrides() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try scratch.copy("testdata/examples/contoso-tenant-export.json", to: "tenant.json")
        let plain = try await scratch.report()
        #expect(plain.findings.contains { $0.ruleID == "REG309" })
        #expect(plain.findings.filter { $0.ruleID == "REG304" }.count == 2)

        try scratch.write("disable: [REG309]\n", to: ".reglint.yml")
        let disabled = try await scratch.report()
        #expect(!disabled.findings.contains { $0.ruleID == "REG309" })
        #expect(!disabled.rules.contains { $0.id == "REG309" })

        try scratch.write("severity:\n  REG205: error\n", to: ".reglint.yml")
        let severe = try await scratch.report()
        #expect(severe.findings.filter { $0.ruleID == "REG205" }.allSatisfy { $0.severity == .error })
        #expect(severe.rule("REG205")?.severity == .error)

        // 90-day secret policy: the Nightly Sync secret (valid 120 days?) now counts; count grows.
        try scratch.write("params:\n  REG304: { maxSecretLifetimeDays: 90 }\n", to: ".reglint.yml")
        let strict = try await scratch.report()
        #expect(strict.findings.filter { $0.ruleID == "REG304" }.count > plain.findings.filter { $0.ruleID == "REG304" }.count)

        try scratch.write("ownedDomains: [contoso-marketing.azurewebsites.net]\nfailOn: none\n", to: ".reglint.yml")
        let owned = try await scratch.report()
        #expect(plain.findings.contains { $0.ruleID == "REG207" && $0.message.contains("azurewebsites") })
        #expect(!owned.findings.contains { $0.ruleID == "REG207" && $0.message.contains("azurewebsites") })
        #expect(owned.exitCode == 0)
    }

    @Test("the command line wins over the file")
    func commandLineWins() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try scratch.copy(reg202Fixture, to: "app.json")
        try scratch.write("failOn: none\n", to: ".reglint.yml")
        #expect(try await scratch.report().exitCode == 0)
        #expect(try await scratch.report { $0.overrides.failOn = .some(.error) }.exitCode == 1)
        #expect(try await scratch.report { $0.overrides.disable = ["redirect-uri-insecure-http"]; $0.overrides.failOn = .some(.note) }.findings.isEmpty)
    }

    @Test("misspelt keys, unknown rules and wrong types are errors at their line and column")
    func errors() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try scratch.copy(reg202Fixture, to: "app.json")
        let cases: [(String, String)] = [
            ("disable: [REG309]\nexlude: [venv/]\n", ".reglint.yml:2:1: error: unknown key 'exlude' (known: failOn, disable, only, severity, params, ownedDomains, include, exclude, gitignore, baseline, suppressions, profile); did you mean 'exclude'?"),
            ("disable: [REG999]\n", ".reglint.yml:1:11: error: unknown rule 'REG999' in 'disable'"),
            ("severity:\n  REG202: fatal\n", ".reglint.yml:2:11: error: 'severity.REG202' must be error, warning or note, not 'fatal'"),
            ("params:\n  REG304: { maxSecretLifetimeDays: ninety }\n", ".reglint.yml:2:36: error: 'params.REG304.maxSecretLifetimeDays' must be a number"),
            ("params:\n  REG304: { maxLifetime: 90 }\n", ".reglint.yml:2:13: error: REG304 has no parameter 'maxLifetime' (known: hardMaxSecretLifetimeMonths, maxSecretLifetimeDays)"),
            ("suppressions:\n  - rule: REG202\n    appId: x\n", ".reglint.yml:2:5: error: suppressions[0] needs a 'reason': say why the finding is accepted"),
            ("suppressions:\n  - rule: REG202\n    reason: because\n", ".reglint.yml:2:5: error: suppressions[0] needs a target"),
            ("suppressions:\n  - { rule: REG202, appId: x, reason: r, expires: soon }\n", ".reglint.yml:2:51: error: 'suppressions[0].expires' must be a date YYYY-MM-DD, not 'soon'"),
            ("failOn: [error\n", ".reglint.yml:2:1: error: not valid YAML"),
        ]
        for (text, expected) in cases {
            try scratch.write(text, to: ".reglint.yml")
            do {
                _ = try await scratch.report()
                Issue.record("expected an error for \(text)")
            } catch let error as LintRun.SetupError {
                #expect(error.description.hasPrefix(expected), "\(error.description)")
            }
        }
    }

    @Test("the starter file from `reglint init` parses as it is")
    func starter() throws {
        let configuration = try ConfigurationParser(file: ".reglint.yml", folder: "/tmp", rules: RuleSet.builtIn()).parse(Configuration.starter)
        #expect(configuration.policy.failOn == .error)
        #expect(configuration.pathFilter.exclude.map(\.glob.pattern) == ["venv/", "dist/", "node_modules/"])
    }

    @Test("include and exclude globs and .gitignore shape a walk; --no-gitignore walks ignored files")
    func walkFilters() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try scratch.copy(reg202Fixture, to: "exports/app.json")
        try scratch.copy(reg202Fixture, to: "venv/lib/app.json")
        try scratch.copy(reg202Fixture, to: "dist/app.json")
        try scratch.copy(reg202Fixture, to: "build/out/app.json")
        try scratch.write("build/\n", to: ".gitignore")
        try scratch.write("exclude: [venv/, \"dist/**\"]\n", to: ".reglint.yml")
        let walked = try await scratch.report()
        #expect(walked.reportedFiles.map(\.input.reportPath) == ["exports/app.json"])
        let all = try await scratch.report { $0.overrides.useGitignore = false }
        #expect(all.reportedFiles.map(\.input.reportPath) == ["build/out/app.json", "exports/app.json"])
        let excluded = try await scratch.report { $0.overrides.exclude = ["exports"] }
        #expect(excluded.reportedFiles.isEmpty)
        #expect(excluded.exitCode == 2)
        try scratch.write("include: [\"exports/**/*.json\"]\n", to: ".reglint.yml")
        #expect(try await scratch.report { $0.overrides.useGitignore = false }.reportedFiles.map(\.input.reportPath) == ["exports/app.json"])
    }
}

@Suite("Glob")
struct GlobTests {
    @Test("fnmatch segments, ** across folders, folder patterns cover their contents")
    func matching() {
        #expect(Glob("*.json").matches(path: "a/b/c.json"))
        #expect(Glob("venv/").matches(path: "venv/lib/x.json"))
        #expect(Glob("venv").matches(path: "sub/venv/x.json"))
        #expect(Glob("dist/**").matches(path: "dist/a/b.json"))
        #expect(!Glob("dist/*.json").matches(path: "dist/a/b.json"))
        #expect(Glob("**/test-*.json").matches(path: "a/b/test-1.json"))
        #expect(!Glob("exports/*.json").matches(path: "other/exports/x.json"))
        #expect(Glob("Contoso *").matches(text: "Contoso HR Portal"))
        #expect(!Glob("Contoso *").matches(text: "Fabrikam"))
    }
}

@Suite("Policy: profiles")
struct ProfileTests {
    @Test("the development profile makes localhost and test-tool callbacks notes; a configured severity still wins")
    func development() async throws {
        let production = try await Fixtures.report(["testdata/examples/contoso-tenant-export.json"])
        let development = try await Fixtures.report(["testdata/examples/contoso-tenant-export.json"]) { $0.overrides.profile = "development" }
        for rule in ["REG204", "REG205"] {
            #expect(production.findings.contains { $0.ruleID == rule && $0.severity == .warning })
            #expect(development.findings.filter { $0.ruleID == rule }.allSatisfy { $0.severity == .note })
        }
        #expect(development.findings.count == production.findings.count)
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try scratch.copy("testdata/examples/contoso-tenant-export.json", to: "tenant.json")
        try scratch.write("profile: development\nseverity: { REG205: error }\n", to: ".reglint.yml")
        let configured = try await scratch.report()
        #expect(configured.findings.filter { $0.ruleID == "REG205" }.allSatisfy { $0.severity == .error })
        #expect(configured.findings.filter { $0.ruleID == "REG204" }.allSatisfy { $0.severity == .note })
    }
}

/// What a walk decides per entry, read from UTF-8 bytes: the extension that makes a file a
/// candidate, and whether the `.gitignore` rules met on the way down ignore it.
@Suite("Walk decisions")
struct WalkDecisionTests {
    @Test("the extension read from bytes is NSString's pathExtension, lower-cased")
    func extensions() {
        var names = ["a.json", ".json", "a.JSON", "a/.env", "x.tar.gz", "dir.d/file", "file.", "a/b.c/", ".a.b", "..", "a..b", "/", "",
                     "é.Xml", "a/.json", "noext", "a.json/", "a.b//", "/abs/path/App.CliXml", "weird.ÉXT"]
        // Every name of up to five characters from "ab./X": deterministic, and all of them
        // names Foundation answers (its pathExtension traps on "a//É", and on "///a//" with six
        // characters: one reason the walk no longer calls it).
        var frontier = [""]
        for _ in 0..<5 {
            frontier = frontier.flatMap { prefix in ["a", "b", ".", "/", "X"].map { prefix + $0 } }
            names += frontier
        }
        for name in names {
            #expect(Discovery.extensionLowercased(name) == (name as NSString).pathExtension.lowercased(), "\(name.debugDescription)")
        }
    }

    @Test("a report path is cut from its root as by characters: a name that begins with a combining mark is not below the root's slash")
    func reportPaths() {
        // The reference: the root's prefix compared and dropped by characters.
        func reference(_ absolute: String, _ root: String) -> String? {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : nil
        }
        for (absolute, root) in [("/r/a.json", "/r"), ("/r/a/b.json", "/r/"), ("/r/\u{301}x.json", "/r"), ("/r/é.json", "/r"),
                                 ("/r", "/r"), ("/rx/a.json", "/r"), ("/e\u{301}/a.json", "/é"), ("/é/a.json", "/e\u{301}")] {
            let (path, outside) = Discovery.reportPath(for: absolute, root: root)
            if let expected = reference(absolute, root) {
                #expect(path == expected && !outside, "\(absolute) under \(root)")
            } else {
                #expect(outside, "\(absolute) under \(root)")
            }
        }
    }

    @Test("gitignore: unanchored names anywhere below their folder, anchored paths, folders only, negation, last rule wins")
    func gitignore() throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        let root = scratch.url.path
        try scratch.write("build/\n*.tmp.json\n/top.json\nexports/old/*.json\ndocs/**/draft.json\n/x/\u{301}.json\n!keep.tmp.json\n", to: ".gitignore")
        try scratch.write("local.json\n", to: "exports/.gitignore")
        let ignore = GitIgnore().adding(directory: root).adding(directory: root + "/exports")
        let cases: [(String, Bool, Bool)] = [
            ("build", true, true), ("build", false, false), ("exports/build", true, true),
            ("a.tmp.json", false, true), ("exports/deep/b.tmp.json", false, true), ("keep.tmp.json", false, false),
            ("top.json", false, true), ("exports/top.json", false, false),
            ("exports/old/x.json", false, true), ("exports/old/deeper/x.json", false, false),
            ("exports/local.json", false, true), ("exports/sub/local.json", false, true), ("local.json", false, false),
            ("app.json", false, false),
            // An anchored pattern with `**` matches at any depth; without one, at its own only.
            ("docs/draft.json", false, true), ("docs/a/b/draft.json", false, true), ("other/docs/draft.json", false, false),
            ("exports//old/x.json", false, true), ("exports/old", true, false),
            // A `/` and a combining mark are one character: `split` leaves `x/\u{301}.json` whole.
            ("x/\u{301}.json", false, true),
        ]
        for (path, isDirectory, expected) in cases {
            #expect(ignore.ignores(root + "/" + path, isDirectory: isDirectory) == expected, "\(path)")
        }
        // The segments an anchored pattern counts are those `split(separator: "/")` gives.
        for relative in ["a/b", "a//b", "/a/", "", "/", "a", "a/b/c/"] {
            #expect(GitIgnore.segmentCount(ArraySlice(relative.utf8)) == relative.split(separator: "/").count, "\(relative)")
        }
        // Past ASCII it does not say (nor rule anything out).
        #expect(GitIgnore.segmentCount(ArraySlice("x/\u{301}.json".utf8)) == nil)
        // Outside the rules' folders nothing is ignored.
        #expect(!ignore.ignores("/elsewhere/a.tmp.json", isDirectory: false))
    }

    @Test("folders named side by side each walk under every .gitignore above them (read once for all)")
    func namedFolders() async throws {
        let scratch = try Scratch()
        defer { scratch.cleanUp() }
        try scratch.write("*.tmp.json\n", to: ".gitignore")
        try scratch.write("draft.json\n", to: "exports/.gitignore")
        for folder in ["a", "b"] {
            try scratch.copy(reg202Fixture, to: "exports/\(folder)/app.json")
            try scratch.copy(reg202Fixture, to: "exports/\(folder)/x.tmp.json")
            try scratch.copy(reg202Fixture, to: "exports/\(folder)/draft.json")
        }
        let report = try await scratch.report(["exports/a", "exports/b"])
        #expect(report.reportedFiles.map(\.input.reportPath) == ["exports/a/app.json", "exports/b/app.json"])
    }
}
