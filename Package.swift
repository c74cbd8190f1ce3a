// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "reglint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "reglint", targets: ["reglint"]),
        .library(name: "RegLintKit", targets: ["RegLintKit"]),
    ],
    dependencies: [
        // Command line: help, completion, --version as users expect.
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // Rule files and .reglint.yml; 6.2.2 is clean under Swift 6 strict concurrency.
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // libxml2 through pkg-config (Debian: libxml2-dev); shim.h undefines ICU and wraps xmlFree.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // The rule file schema: parsing and validation shared by the build-time embedder and the engine.
        .target(
            name: "RuleSchema",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // Build-time tool: validates rules/*.yml and writes them into a Swift source file.
        .executableTarget(
            name: "embed-rules",
            dependencies: ["RuleSchema"]
        ),
        .plugin(
            name: "EmbedRules",
            capability: .buildTool(),
            dependencies: ["embed-rules"]
        ),
        // The engine: everything but argument parsing.
        .target(
            name: "RegLintKit",
            dependencies: ["RuleSchema", "CLibXML2", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedRules"]
        ),
        // The thin executable.
        .executableTarget(
            name: "reglint",
            dependencies: [
                "RegLintKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "RegLintKitTests",
            dependencies: ["RegLintKit", "RuleSchema", "CLibXML2"]
        ),
        .testTarget(
            name: "reglintTests",
            dependencies: ["reglint"]
        ),
    ]
)
