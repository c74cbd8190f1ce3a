import Foundation
import Testing
@testable import RegLintKit
import RuleSchema

/// A small seeded generator, so a failure names the mutation that caused it.
private struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}

@Suite("Mutated inputs")
struct MutationTests {
    static let seeds = [
        "testdata/examples/contoso-tenant-export.json", "testdata/formats/same-registration/clixml.xml",
        "testdata/formats/same-registration/powershell-utf16.json", "testdata/formats/same-registration/terraform-plan.json",
        "testdata/formats/same-registration/legacy-manifest.json", "testdata/formats/config/.env",
        "testdata/formats/config/web.config", "testdata/formats/powershell-json/depth-cut.json",
    ]

    @Test("truncated, flipped, spliced and duplicated bytes never crash the linter and always give a result", arguments: seeds)
    func mutations(_ seed: String) throws {
        let original = try Fixtures.bytes(seed)
        let rules = try RuleSet.builtIn()
        var random = SplitMix64(state: UInt64(seed.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        let name = (seed as NSString).lastPathComponent
        for round in 0..<150 {
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
            let input = InputFile(displayPath: name, reportPath: name, source: .bytes(bytes), named: true)
            let result = Linter(rules: rules, now: Fixtures.now, parallelism: 1).lint(input)
            if let error = result.error, let position = error.position {
                #expect(position.line >= 1 && position.column >= 1, "round \(round)")
            }
            let report = LintReport(toolVersion: "0", rules: rules.rules.map(\.spec), result: LintResult(files: [result]), now: Fixtures.now, failOn: .error)
            #expect(!JUnitReporter().render(report).isEmpty)
        }
    }
}
