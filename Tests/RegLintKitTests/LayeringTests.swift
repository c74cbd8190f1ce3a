import Foundation
import Testing

/// The folders of RegLintKit are one module, so the compiler does not keep their dependencies
/// pointing one way; this test does. Each folder may use the types of the folders before it in
/// the data flow, never those after it.
@Suite("Layering")
struct LayeringTests {
    /// The data flow, in order: the parallel map every stage may use, bytes and positions, the
    /// model, secret knowledge, adapters, facts, rules, the engine that runs them, the policy
    /// stage, reports, and the run that composes it all.
    static let order = ["Concurrency", "Input", "Model", "Security", "Formats", "Facts", "Rules", "Engine", "Policy", "Reports", "Run"]

    @Test("no folder uses a type declared in a folder after it")
    func dependenciesPointOneWay() throws {
        let root = Fixtures.url("Sources/RegLintKit")
        var declared: [String: Int] = [:]
        var sources: [(folder: Int, file: String, text: String)] = []
        let folders = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { !$0.hasPrefix(".") }.sorted()
        for folder in folders {
            let index = try #require(LayeringTests.order.firstIndex(of: folder), "folder \(folder) is not in the layer order")
            for name in try FileManager.default.contentsOfDirectory(atPath: root.appending(path: folder).path).sorted() where name.hasSuffix(".swift") {
                let text = try String(contentsOf: root.appending(path: "\(folder)/\(name)"), encoding: .utf8)
                sources.append((index, "\(folder)/\(name)", LayeringTests.code(text)))
                for type in LayeringTests.declarations(in: text) { declared[type] = index }
            }
        }
        #expect(declared.count > 50)
        var violations: [String] = []
        for source in sources {
            let words = Set(source.text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
            for word in words {
                if let layer = declared[word], layer > source.folder {
                    violations.append("\(source.file) uses \(word) from \(LayeringTests.order[layer])/")
                }
            }
        }
        #expect(violations.sorted() == [], "dependencies must follow \(LayeringTests.order.joined(separator: " → "))")
    }

    /// Top-level type names a file declares.
    static func declarations(in text: String) -> [String] {
        let kinds: Set<String> = ["struct", "enum", "class", "protocol", "actor", "typealias"]
        var names: [String] = []
        for line in text.split(separator: "\n") where !line.hasPrefix(" ") {
            let words = line.split(separator: " ").map(String.init)
            for (i, word) in words.enumerated() where kinds.contains(word) && i + 1 < words.count {
                let name = words[i + 1].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                if let first = name.first, first.isUppercase { names.append(String(name)) }
                break
            }
        }
        return names
    }

    /// The text without comments and string literals, so prose does not count as a use.
    static func code(_ text: String) -> String {
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var kept = ""
            var inString = false
            var previous: Character = " "
            var chars = Array(line)
            var k = 0
            while k < chars.count {
                let c = chars[k]
                if !inString, c == "/", k + 1 < chars.count, chars[k + 1] == "/" { break }
                if c == "\"", previous != "\\" { inString.toggle() } else if !inString { kept.append(c) }
                previous = c
                k += 1
            }
            chars.removeAll()
            out += kept + "\n"
        }
        return out
    }
}
