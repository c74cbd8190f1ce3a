import Foundation
import Testing
@testable import RegLintKit

/// Secret values never reach an output: random secrets (short and long, with quotes,
/// backslashes, `<>&`, percent signs and Unicode) placed in every input format where a secret can
/// appear, and also inside a display name, are looked for in every output format (and the
/// verbose text), in their raw, JSON-, XML- and percent-escaped forms and as 8-character prefixes.
@Suite("Secret masking: property test")
struct SecretMaskingPropertyTests {
    static let casesPerFormat = 1_000

    /// A template: a fixture and the fake secret in it that a generated one replaces.
    struct Template: Sendable, CustomStringConvertible {
        var name: String
        var fixture: String
        var placeholder: String
        var escape: @Sendable (String) -> String
        /// `.env` values are unquoted words: the generated secret avoids what a shell would split on.
        var plainOnly = false
        /// Also replaces the display name with one holding the secret.
        var displayName: String?
        var description: String { name }
    }

    static let json: @Sendable (String) -> String = { JSONText.escape($0) }
    static let xml: @Sendable (String) -> String = { XMLText.attribute($0) }

    static let templates: [Template] = [
        Template(name: "graph-json", fixture: "testdata/examples/clean-manifest.json", placeholder: "", escape: json),
        Template(name: "terraform-state", fixture: "testdata/formats/terraform/state.json", placeholder: "FAKE-terraform-state-secret-0002", escape: json),
        Template(name: "appsettings", fixture: "testdata/formats/config/appsettings.Development.json", placeholder: "FAKE-appsettings-literal-0004", escape: json),
        Template(name: "web.config", fixture: "testdata/formats/config/web.config", placeholder: "FAKE-webconfig-literal-0007", escape: xml),
        Template(name: "clixml", fixture: "testdata/formats/cli-xml/psad-password-credential.xml", placeholder: "FAKE-clixml-password-value-0003", escape: xml),
        Template(name: "dotenv", fixture: "testdata/formats/config/.env", placeholder: "FAKE-dotenv-literal-0005", escape: { $0 }, plainOnly: true),
    ]


    static let plain = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789-_.~")
    static let unusual = Array("\"\\<>&'%/#§€é漢🙂")

    /// A secret of 4 to 48 characters; a short one holds an unusual character so that it cannot
    /// occur in a report's own wording by chance.
    static func secret(_ generator: inout SeededGenerator, plainOnly: Bool) -> String {
        let length = 4 + Int(generator.next() % 45)
        let alphabet = plainOnly ? plain : plain + unusual
        var characters = (0..<length).map { _ in generator.pick(alphabet) }
        if length < 8 { characters[Int(generator.next() % UInt64(length))] = generator.pick(plainOnly ? Array("~_.-") : unusual) }
        if plainOnly && length < 8 { characters[0] = "Q"; characters[length - 1] = "~" }
        return String(characters)
    }

    /// The forms of a secret that must never appear in an output.
    static func forbiddenForms(_ secret: String) -> [String] {
        var forms = [secret, JSONText.escape(secret), XMLText.escape(secret), XMLText.attribute(secret)]
        if let percent = secret.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) { forms.append(percent) }
        if secret.count > 8 { forms.append(String(secret.prefix(8))) }
        return forms.filter { $0.utf8.count >= SecretScrubber.shortestMaskable }
    }

    static func input(_ template: Template, secret: String, index: Int) throws -> InputFile {
        var text = ""
        if template.name == "graph-json" {
            // A Graph app whose secretText is the secret and whose display name holds it.
            let name = "Team " + secret + " app"
            text = #"{"appId": "00001111-aaaa-2222-bbbb-\#(String(format: "%012d", index))", "displayName": "\#(json(name))", "web": {"redirectUris": ["https://app.contoso.com/cb"]}, "passwordCredentials": [{"keyId": "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb", "displayName": "\#(json(secret))", "secretText": "\#(json(secret))", "startDateTime": "2026-10-01T00:00:00Z", "endDateTime": "2099-01-01T00:00:00Z"}]}"#
        } else {
            text = try Fixtures.text(template.fixture).replacingOccurrences(of: template.placeholder, with: template.escape(secret))
        }
        let name = template.fixture.split(separator: "/").last.map(String.init) ?? "input"
        let path = "case-\(index)/\(name)"
        return InputFile(displayPath: path, reportPath: path, source: .bytes(Array(text.utf8)), named: true)
    }

    @Test("no generated secret, in any escaped form or as an 8-character prefix, reaches any output format", arguments: templates)
    func noSecretInAnyOutput(_ template: Template) async throws {
        var generator = SeededGenerator(state: UInt64(template.name.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        var secrets: [String] = []
        var inputs: [InputFile] = []
        for index in 0..<Self.casesPerFormat {
            var secret = Self.secret(&generator, plainOnly: template.plainOnly)
            // A value shaped like a stand-in ("<…>", "%…%") is by design not a secret: drawn again.
            while SecretValue.isPlaceholder(secret) { secret = Self.secret(&generator, plainOnly: template.plainOnly) }
            secrets.append(secret)
            inputs.append(try Self.input(template, secret: secret, index: index))
        }
        let report = try await Fixtures.report([]) { options in
            options.inputs = inputs
            options.collectInventory = true
        }
        #expect(report.result.files.allSatisfy { $0.error == nil }, "every generated case parses")
        #expect(report.secrets.count >= Self.casesPerFormat, "every generated secret was recognised as one")
        let forbidden = secrets.flatMap(Self.forbiddenForms)
        let detector = SecretScrubber(secrets: forbidden)
        var outputs: [(String, String)] = OutputFormat.allCases.map { ($0.rawValue, String(decoding: $0.reporter().renderMaskedBytes(report), as: UTF8.self)) }
        outputs.append(("text --verbose", TextReporter(verbose: true).renderMasked(report)))
        // What the command line writes: streamed, masked on the way.
        for format in OutputFormat.allCases {
            outputs.append(("\(format.rawValue) streamed", String(decoding: try ByteCollector.streamed(format.reporter(), report), as: UTF8.self)))
        }
        for (format, output) in outputs {
            let scrubbed = detector.scrub(output)
            if scrubbed != output {
                let leaked = forbidden.first { output.contains($0) } ?? "?"
                Issue.record("\(template.name) → \(format): a secret form leaked: \(leaked.debugDescription)")
            }
        }
    }
}
