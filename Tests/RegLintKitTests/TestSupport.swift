import Foundation
@testable import RegLintKit
import RuleSchema

/// Paths into the package, found from this source file so tests run from any folder.
enum Fixtures {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func url(_ relative: String) -> URL { packageRoot.appending(path: relative) }
    static func bytes(_ relative: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url(relative))) }
    static func text(_ relative: String) throws -> String { try String(contentsOf: url(relative), encoding: .utf8) }

    static let now = Instant(parsing: "2026-11-22")!

    static func lint(_ relative: String, rules: RuleSet? = nil, now: Instant = Fixtures.now) throws -> FileResult {
        let set = try rules ?? RuleSet.builtIn()
        let input = InputFile(displayPath: relative, reportPath: relative, source: .file(url(relative).path), named: true)
        return Linter(rules: set, now: now, parallelism: 1).lint(input)
    }

    static func lintBytes(_ text: String, name: String = "inline.json", now: Instant = Fixtures.now) throws -> FileResult {
        let input = InputFile(displayPath: name, reportPath: name, source: .bytes(Array(text.utf8)), named: true)
        return Linter(rules: try RuleSet.builtIn(), now: now, parallelism: 1).lint(input)
    }

    /// A report over several fixture paths, linted the way the CLI does (through `LintRun`).
    static func report(_ paths: [String], parallelism: Int = 2, failOn: Severity? = .error,
                       configure: (inout LintRun.Options) -> Void = { _ in }) async throws -> LintReport {
        var options = LintRun.Options()
        options.paths = paths
        options.currentDirectory = packageRoot.path
        options.now = now
        options.jobs = parallelism
        options.discoverConfiguration = false
        options.overrides.failOn = .some(failOn)
        configure(&options)
        return try await LintRun(options: options).run()
    }
}

/// A small deterministic generator (SplitMix64), so a failing generated case can be found again.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<n (0 when n < 1).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// A sink that keeps what is streamed to it (a report written as the command line writes it).
final class ByteCollector: ByteSink {
    var bytes: [UInt8] = []
    func write(_ chunk: UnsafeBufferPointer<UInt8>) throws { bytes.append(contentsOf: chunk) }

    /// What `reporter` streams for `report`.
    static func streamed(_ reporter: some Reporter, _ report: LintReport) throws -> [UInt8] {
        let collector = ByteCollector()
        try reporter.stream(report, to: collector)
        return collector.bytes
    }
}
