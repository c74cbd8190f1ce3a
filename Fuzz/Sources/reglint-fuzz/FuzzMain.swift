// The libFuzzer driver for every reglint parser: `reglint-fuzz TARGET [libFuzzer options] [CORPUS...]`.
// The first argument picks the target; the rest goes to libFuzzer through LLVMFuzzerRunDriver.
import Foundation
import RegLintKit
import RuleSchema

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// One fuzz target: a name for the command line and the function libFuzzer calls with each input.
struct FuzzTarget: Sendable {
    let name: String
    let summary: String
    let run: @Sendable ([UInt8]) -> Void
}

/// Every target, in the order run.sh runs them.
let fuzzTargets: [FuzzTarget] = [
    FuzzTarget(name: "json", summary: "JSONParser().parse", run: JSONFuzzTarget.run),
    FuzzTarget(name: "adapter", summary: "InputAdapter().adapt under every file name kind", run: AdapterFuzzTarget.run),
    FuzzTarget(name: "xml", summary: "XMLReader.read (libxml2)", run: XMLFuzzTarget.run),
    FuzzTarget(name: "rulefile", summary: "RuleFileParser.parse and CompiledRule", run: RuleFileFuzzTarget.run),
    FuzzTarget(name: "config", summary: "Configuration.parse (.reglint.yml)", run: ConfigurationFuzzTarget.run),
    FuzzTarget(name: "redirect", summary: "RedirectURIParser and RedirectURIShape", run: RedirectURIFuzzTarget.run),
    FuzzTarget(name: "instant", summary: "Instant(parsing:), Instant.parse and date arithmetic", run: InstantFuzzTarget.run),
    FuzzTarget(name: "lint", summary: "Linter.lint with the built-in rules, then SARIF", run: LintFuzzTarget.run),
]

/// The target libFuzzer's C callback forwards to; set once before the driver starts.
nonisolated(unsafe) var selectedTarget: FuzzTarget?

/// Stops the process with a message libFuzzer reports as a crash: a broken invariant.
func invariant(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fatalError("invariant broken: \(message())", file: file, line: line) }
}

/// The file names the adapter and lint targets choose between with an input's first byte.
enum FuzzFileNames {
    static let all = [
        "fuzz.json", "fuzz.xml", "main.tf", "fuzz.tfplan.json", "terraform.tfstate", ".env",
        "appsettings.json", "web.config", "app.config", "local.settings.json", "fuzz.clixml",
    ]

    /// The name chosen by the first byte and the remaining bytes.
    static func split(_ data: [UInt8]) -> (name: String, bytes: [UInt8]) {
        guard let first = data.first else { return (all[0], []) }
        return (all[Int(first) % all.count], Array(data.dropFirst()))
    }
}

@main
struct FuzzMain {
    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2, let target = fuzzTargets.first(where: { $0.name == arguments[1] }) else {
            print("usage: reglint-fuzz TARGET [libFuzzer options] [CORPUS...]\ntargets:")
            for target in fuzzTargets { print("  \(target.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(target.summary)") }
            exit(arguments.count >= 2 && arguments[1] == "list" ? 0 : 2)
        }
        selectedTarget = target
        // libFuzzer sees the program name and everything after the target name.
        let forwarded = [arguments[0]] + arguments.dropFirst(2)
        var cArguments: [UnsafeMutablePointer<CChar>?] = forwarded.map { strdup($0) }
        cArguments.append(nil)
        var argc = Int32(forwarded.count)
        let status = cArguments.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var argv = buffer.baseAddress
            return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
                selectedTarget?.run(bytes)
                return 0
            }
        }
        exit(status)
    }
}
