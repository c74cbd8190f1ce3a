// swift-tools-version: 6.0
import PackageDescription

// The fuzzing package: the library sources of the main package (by symbolic link under Sources/ and
// Plugins/) built with coverage and AddressSanitizer, and one libFuzzer executable `reglint-fuzz`
// whose first argument names the target. Built by Fuzz/run.sh into Fuzz/.build.

/// Coverage for libFuzzer (inline 8-bit counters, comparison tracing) and AddressSanitizer.
let instrumented: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])]

let package = Package(
    name: "reglint-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(
            name: "RuleSchema",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: instrumented
        ),
        // The build-time rule embedder links the instrumented RuleSchema, so it links the runtimes too
        // (its own `main` wins over libFuzzer's).
        .executableTarget(
            name: "embed-rules",
            dependencies: ["RuleSchema"],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])]
        ),
        .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["embed-rules"]),
        .target(
            name: "RegLintKit",
            dependencies: ["RuleSchema", "CLibXML2", .product(name: "Yams", package: "Yams")],
            swiftSettings: instrumented,
            plugins: ["EmbedRules"]
        ),
        .executableTarget(
            name: "reglint-fuzz",
            dependencies: ["RegLintKit", "RuleSchema"],
            swiftSettings: instrumented,
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])]
        ),
    ]
)
