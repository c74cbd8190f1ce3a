import Foundation
import PackagePlugin

/// Embeds `rules/*.yml` and the data tables `rules/data/*.json` into the library as Swift source, validating each file at build time,
/// so the built binary carries its rules (a SwiftPM resource bundle would not travel with it).
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rulesDirectory = context.package.directoryURL.appending(path: "rules")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rulesDirectory.path)) ?? []
        let dataDirectory = rulesDirectory.appending(path: "data")
        let dataNames = (try? FileManager.default.contentsOfDirectory(atPath: dataDirectory.path)) ?? []
        let files = names.filter { $0.hasSuffix(".yml") }.sorted().map { rulesDirectory.appending(path: $0) }
            + dataNames.filter { $0.hasSuffix(".json") }.sorted().map { dataDirectory.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRules.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) rule and data files",
                executable: try context.tool(named: "embed-rules").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            ),
        ]
    }
}
