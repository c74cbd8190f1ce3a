import Foundation
import Testing
@testable import RegLintKit
import RuleSchema

/// A seed file with what it gives unmutated: findings and properties the exporter cut off.
struct MutationSeed: Sendable, CustomTestStringConvertible {
    let path: String
    let findings: Int
    let truncations: Int
    var testDescription: String { path }
}

@Suite("Mutated inputs")
struct MutationTests {
    static let seeds = [
        MutationSeed(path: "testdata/examples/contoso-tenant-export.json", findings: 29, truncations: 0),
        MutationSeed(path: "testdata/formats/same-registration/clixml.xml", findings: 8, truncations: 0),
        MutationSeed(path: "testdata/formats/same-registration/powershell-utf16.json", findings: 9, truncations: 0),
        MutationSeed(path: "testdata/formats/same-registration/terraform-plan.json", findings: 9, truncations: 0),
        MutationSeed(path: "testdata/formats/same-registration/legacy-manifest.json", findings: 9, truncations: 0),
        MutationSeed(path: "testdata/formats/config/.env", findings: 1, truncations: 0),
        MutationSeed(path: "testdata/formats/config/web.config", findings: 1, truncations: 0),
        // Cut off by ConvertTo-Json's depth limit: no finding, eight properties not judged.
        MutationSeed(path: "testdata/formats/powershell-json/depth-cut.json", findings: 0, truncations: 8),
    ]
    static let rounds = 100

    /// One mutation of `bytes`, of kind `round % 5`: truncate, flip bytes, cut a range, duplicate a
    /// range, insert JSON/XML structural bytes.
    private static func mutate(_ original: [UInt8], round: Int, random: inout SeededGenerator) -> [UInt8] {
        var bytes = original
        switch round % 5 {
        case 0: bytes = Array(bytes.prefix(random.below(bytes.count)))
        case 1: for _ in 0..<8 { let k = random.below(bytes.count); bytes[k] = UInt8(truncatingIfNeeded: random.next()) }
        case 2:
            let a = random.below(bytes.count), b = random.below(bytes.count)
            bytes.replaceSubrange(min(a, b)..<max(a, b), with: [])
        case 3:
            let a = random.below(bytes.count), length = random.below(200)
            bytes.insert(contentsOf: bytes[a..<min(bytes.count, a + length)], at: random.below(bytes.count))
        default:
            for _ in 0..<4 { bytes.insert([0x00, 0x22, 0x5C, 0x7B, 0x5B, 0x3C, 0xFF][random.below(7)], at: random.below(bytes.count)) }
        }
        return bytes
    }

    /// The lines of a file as reglint numbers them (UTF-16 files decoded first): byte lengths.
    private static func lineLengths(_ bytes: [UInt8]) -> [Int] {
        let text = TextDecoding.utf8(bytes, encoding: TextDecoding.detect(bytes))
        let starts = LineTable(bytes: text).lineStarts.map { Int($0) }
        return starts.indices.map { k in (k + 1 < starts.count ? starts[k + 1] : text.count) - starts[k] }
    }

    private static func linter() throws -> Linter { Linter(rules: try RuleSet.builtIn(), now: Fixtures.now, parallelism: 1) }

    /// The SARIF of `results` (one report), parsed: its driver name and its number of results.
    private static func sarif(_ results: [FileResult], rules: RuleSet) throws -> (driver: String?, results: Int?) {
        let report = LintReport(toolVersion: "0", rules: rules.rules.map(\.spec), result: LintResult(files: results), now: Fixtures.now, failOn: .error)
        let log = try JSONSerialization.jsonObject(with: Data(SARIFReporter().renderMasked(report).utf8)) as? [String: Any]
        let run = (log?["runs"] as? [[String: Any]])?.first
        let driver = ((run?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["name"] as? String
        return (driver, (run?["results"] as? [[String: Any]])?.count)
    }

    @Test("the unmutated seed gives its known findings", arguments: seeds)
    func seed(_ seed: MutationSeed) throws {
        let name = (seed.path as NSString).lastPathComponent
        let input = InputFile(displayPath: name, reportPath: name, source: .bytes(try Fixtures.bytes(seed.path)), named: true)
        let result = try Self.linter().lint(input)
        #expect(result.error == nil)
        #expect(result.registrations.flatMap(\.findings).count == seed.findings)
        #expect(result.truncations.count == seed.truncations)
        #expect(seed.findings + seed.truncations > 0)
        let sarif = try Self.sarif([result], rules: try RuleSet.builtIn())
        #expect(sarif.driver == "reglint")
        #expect(sarif.results == seed.findings)
    }

    @Test("truncated, flipped, spliced and duplicated bytes: a located error inside the file or a lint result, and valid SARIF", arguments: seeds)
    func mutations(_ seed: MutationSeed) throws {
        let original = try Fixtures.bytes(seed.path)
        let rules = try RuleSet.builtIn()
        let linter = try Self.linter()
        var random = SeededGenerator(state: UInt64(seed.path.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        let name = (seed.path as NSString).lastPathComponent
        var errors = 0, linted = 0
        var results: [FileResult] = []
        for round in 0..<Self.rounds {
            let bytes = Self.mutate(original, round: round, random: &random)
            let mutant = "round-\(round)-\(name)"
            let result = linter.lint(InputFile(displayPath: mutant, reportPath: mutant, source: .bytes(bytes), named: true))
            if let error = result.error {
                errors += 1
                #expect(error.kind == .malformed || error.kind == .unrecognized, "round \(round): \(error.kind)")
                let position = try #require(error.position, "round \(round): an error without a position")
                let lines = Self.lineLengths(bytes)
                #expect(position.line >= 1 && position.line <= lines.count, "round \(round): line \(position.line) of \(lines.count)")
                if position.line >= 1, position.line <= lines.count {
                    #expect(position.column >= 1 && position.column <= lines[position.line - 1] + 1,
                            "round \(round): column \(position.column) on a line of \(lines[position.line - 1]) bytes")
                }
                #expect(result.registrations.isEmpty, "round \(round)")
            } else {
                linted += 1
                #expect(result.format != nil, "round \(round): neither an error nor a format")
                #expect(!result.registrations.isEmpty, "round \(round): linted but no registration")
            }
            results.append(result)
        }
        #expect(errors + linted == Self.rounds)
        // Every mutant in one SARIF log (one render per seed keeps the test fast): valid JSON,
        // reglint's driver, every finding a result.
        let sarif = try Self.sarif(results, rules: rules)
        #expect(sarif.driver == "reglint")
        #expect(sarif.results == results.reduce(0) { $0 + $1.registrations.flatMap(\.findings).count })
    }
}
