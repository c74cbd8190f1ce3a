import Foundation
import RegLintKit
import RuleSchema
import Testing

/// Inputs found by the libFuzzer targets in Fuzz/ (and the known YAML alias bomb), each fed through
/// the same entry point as its target, with the typed error or outcome it must give.
@Suite struct FuzzRegressionTests {
    // MARK: YAML alias bombs ("billion laughs"), rulefile and config targets

    @Test func ruleFileAliasBombIsRefusedAtTheAliasThatGoesPastTheLimit() throws {
        let text = try Fixtures.text("testdata/malformed/fuzz-rulefile-alias-bomb.yml")
        let started = ContinuousClock.now
        #expect(throws: RuleFileError.self) { try RuleFileParser(file: "bomb.yml").parse(text) }
        do {
            _ = try RuleFileParser(file: "bomb.yml").parse(text)
        } catch {
            // lol4's eighth alias: 12,330 nodes added by lol1..lol3, then 11,111 per *a3.
            #expect(error.line == 8 && error.column == 47)
            #expect(error.message.contains("alias bomb"))
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func configurationAliasBombIsRefusedWithItsPosition() throws {
        let rules = try RuleSet.builtIn()
        let path = Fixtures.url("testdata/malformed/fuzz-config-alias-bomb.yml").path
        do {
            _ = try Configuration.load(path: path, shownAs: ".reglint.yml", rules: rules)
            Issue.record("the alias bomb was accepted")
        } catch {
            #expect(error.file == ".reglint.yml")
            #expect(error.line == 9 && error.column == 45)
            #expect(error.message.contains("alias bomb"))
        }
    }

    @Test func ordinaryAnchorsAndAliasesStillWork() throws {
        let text = "params:\n  REG304: &limits { maxSecretLifetimeDays: 90 }\n  REG305: *limits\ndisable: &off [REG309]\n"
        #expect(YAMLAliasExpansion.firstExcess(in: text) == nil)
        let aliased = String(repeating: "- *x\n", count: 1000)
        #expect(YAMLAliasExpansion.firstExcess(in: "- &x [1, 2, 3]\n" + aliased) == nil)
        let excess = YAMLAliasExpansion.firstExcess(in: "- &x [1, 2, 3]\n" + aliased, limit: 100)
        // Four nodes per *x: the 26th alias (line 27) is the first past 100.
        #expect(excess?.line == 27 && excess?.column == 3 && excess?.anchor == "x" && excess?.limit == 100)
    }

    // MARK: instant target

    /// `9999-12-31T23:59:60.9999` (a leap second on the last day) parses to an instant after
    /// `Instant.latest`; counting calendar months up to it never ended, as `adding(months:)` stops
    /// at `latest`.
    @Test func calendarMonthsToAnInstantPastTheLastDayEnd() throws {
        let text = try Fixtures.text("testdata/malformed/fuzz-instant-leap-second-after-9999.txt")
        let pastLatest = try #require(Instant(parsing: text))
        #expect(pastLatest > Instant.latest)
        let start = try #require(Instant(parsing: "2026-11-22"))
        // 2026-11-22 + 95,677 months is 9999-12-22, before the end of 9999; one more reaches it.
        #expect(start.calendarMonthsCeiling(to: pastLatest) == 95_678)
        #expect(start.calendarMonthsCeiling(to: Instant.latest) == 95_678)
        #expect(pastLatest.calendarMonthsCeiling(to: start) == 0)
        let beforeEarliest = try #require(Instant(parsing: "0001-01-01T00:00:00+14:00"))
        #expect(beforeEarliest.calendarMonthsCeiling(to: start) > 0)
    }

    /// The same date as a secret's end in an export: the lint finishes and judges the lifetime.
    @Test func secretEndingAfterTheLastDayIsLinted() throws {
        let app = """
        {"id": "11111111-1111-1111-1111-111111111111", "appId": "22222222-2222-2222-2222-222222222222",
         "displayName": "Leap second app", "signInAudience": "AzureADMyOrg",
         "passwordCredentials": [{"keyId": "33333333-3333-3333-3333-333333333333", "displayName": "s",
           "startDateTime": "2026-01-01T00:00:00Z", "endDateTime": "9999-12-31T23:59:60.9999Z"}]}
        """
        let result = try Fixtures.lintBytes(app)
        #expect(result.error == nil)
        #expect(result.registrations.flatMap(\.findings).contains { $0.ruleID == "REG304" })
    }
}
