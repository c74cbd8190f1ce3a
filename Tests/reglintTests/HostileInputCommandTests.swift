import Foundation
import Testing

/// The promises of the hostile-input issue, kept through the real command line: no hang on a
/// FIFO, a device or a link loop, a real size bound, every problem named, the good files still
/// linted, and exit 2. The time-bound cases run at ten times the sizes that used to hang; their
/// timings are benchmark figures (docs/hardening.md), not assertions.
@Suite("Hostile input through the command line", .serialized)
struct HostileInputCommandTests {
    private let good = "testdata/rules/REG202/flag.json"

    private func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "reglint-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("a walk names a FIFO, a link to /dev/zero and a link loop, lints the good file, and exits 2")
    func walkMeetsSpecialFiles() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: Binary.packageRoot.appending(path: good).path, toPath: folder.appending(path: "app.json").path)
        #expect(mkfifo(folder.appending(path: "pipe.json").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.appending(path: "zero.json").path, withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(atPath: folder.appending(path: "loop-a.json").path, withDestinationPath: "loop-b.json")
        try FileManager.default.createSymbolicLink(atPath: folder.appending(path: "loop-b.json").path, withDestinationPath: "loop-a.json")
        let run = try Binary.run(["check", folder.path, "--now", "2026-11-22"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("pipe.json: error: it is a named pipe (FIFO), not a regular file; a walk reads regular files only"), "\(run.stdout)")
        #expect(run.stdout.contains("zero.json: error: it is a character device, not a regular file"))
        #expect(run.stdout.contains("loop-a.json: error: a loop of symbolic links"))
        #expect(run.stdout.contains("app.json:") && run.stdout.contains("REG202"), "the good file is still linted")
        #expect(!run.stdout.contains("NSCocoaErrorDomain") && !run.stdout.contains("Error Domain"))
    }

    /// As root every folder can be listed, so the walk is run as `nobody` through `setpriv`;
    /// as any other user it runs as that user. Skipped only for root without `setpriv`.
    static let canDropToUnprivileged = getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    @Test("a folder the walk cannot list is named with the reason, the rest is linted, and the run exits 2",
          .enabled(if: canDropToUnprivileged, "root without setpriv lists every folder"))
    func unlistableFolder() throws {
        let folder = try scratch()
        defer {
            chmod(folder.appending(path: "locked").path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        let open = folder.appending(path: "open")
        let locked = folder.appending(path: "locked")
        try FileManager.default.createDirectory(at: open, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Binary.packageRoot.appending(path: good).path, toPath: open.appending(path: "app.json").path)
        try FileManager.default.copyItem(atPath: Binary.packageRoot.appending(path: good).path, toPath: locked.appending(path: "hidden.json").path)
        #expect(chmod(folder.path, 0o755) == 0 && chmod(open.path, 0o755) == 0 && chmod(open.appending(path: "app.json").path, 0o644) == 0)
        #expect(chmod(locked.path, 0o000) == 0)
        let arguments = ["check", folder.path, "--now", "2026-11-22"]
        let run = getuid() == 0
            ? try Binary.run(["--reuid=65534", "--regid=65534", "--clear-groups", Binary.url.path] + arguments,
                             executable: URL(fileURLWithPath: "/usr/bin/setpriv"), in: folder)
            : try Binary.run(arguments, in: folder)
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("locked: error: cannot list the folder: permission denied"), "\(run.stdout)")
        #expect(run.stdout.contains("app.json:") && run.stdout.contains("REG202"), "the listable folder is still linted")
        #expect(!run.stdout.contains("hidden.json"))
    }

    @Test("/dev/zero named on the command line stops at the size bound instead of filling memory")
    func namedDeviceIsBounded() throws {
        let run = try Binary.run(["check", "/dev/zero", good, "--now", "2026-11-22", "--max-file-size", "4"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("/dev/zero:1:1: error: the file goes on past the limit, over the 4194304-byte limit (--max-file-size)"), "\(run.stdout)")
        #expect(run.stdout.contains("REG202"))
    }

    @Test("a named FIFO is read as a stream; with no writer it is an empty input, not a hang")
    func namedFIFO() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appending(path: "p.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let run = try Binary.run(["check", fifo, "--now", "2026-11-22"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("unexpected end of input"))
    }

    @Test("a named folder that is a file's place, a missing file and a dangling link are each named, in words")
    func namedProblems() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder.appending(path: "dangling.json").path, withDestinationPath: "nowhere.json")
        let run = try Binary.run(["check", folder.appending(path: "dangling.json").path, folder.appending(path: "missing.json").path, good, "--now", "2026-11-22"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("dangling.json: error: a symbolic link to nothing, or a loop of symbolic links"), "\(run.stdout)")
        #expect(run.stdout.contains("missing.json: error: no such file or folder"))
        #expect(run.stdout.contains("REG202"))
    }

    @Test("UTF-16LE XML without a byte order mark is read like the same file with one")
    func utf16WithoutBOM() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let withBOM = try Data(contentsOf: Binary.packageRoot.appending(path: "testdata/formats/cli-xml/utf16le.xml"))
        let path = folder.appending(path: "bomless.xml").path
        try withBOM.dropFirst(2).write(to: URL(fileURLWithPath: path))
        let bare = try Binary.run(["check", path, "--now", "2026-11-22", "-f", "json"])
        let marked = try Binary.run(["check", "testdata/formats/cli-xml/utf16le.xml", "--now", "2026-11-22", "-f", "json"])
        #expect(bare.status == marked.status)
        let rules = { (text: String) in text.components(separatedBy: "\n").filter { $0.contains("\"ruleId\": \"REG") } }
        #expect(!rules(bare.stdout).isEmpty)
        #expect(rules(bare.stdout) == rules(marked.stdout))
    }

    @Test("an element with a million attributes and a document with a million element names are refused at their position, at once")
    func crowdedXML() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = #"<?xml version="1.0"?>"# + "\n" + #"<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">"#
        let attributes = (0..<1_000_000).map { "a\($0)=\"v\"" }.joined(separator: " ")
        try Data((header + "<Obj RefId=\"0\" \(attributes)/></Objs>\n").utf8).write(to: folder.appending(path: "attributes.xml"))
        try Data((header + (0..<1_000_000).map { "<e\($0)/>" }.joined() + "</Objs>\n").utf8).write(to: folder.appending(path: "names.xml"))
        let run = try Binary.run(["check", folder.appending(path: "attributes.xml").path, folder.appending(path: "names.xml").path, "--now", "2026-11-22"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("attributes.xml:2:81: error: an element has more than 10000 attributes"), "\(run.stdout)")
        #expect(run.stdout.contains("names.xml:2:") && run.stdout.contains("distinct element and attribute names"))
    }

    @Test("40,000 secrets in one .env and 40,000 secretText credentials in one app are linted and masked (10x the sizes that hung)")
    func manySecrets() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = { (k: Int) in "FAKE-bulk-env-secret-\(100_000 + k)" }
        try Data((0..<40_000).map { "APP\($0)_CLIENT_SECRET=\(secret($0))\n" }.joined().utf8).write(to: folder.appending(path: ".env"))
        let credentials = (0..<40_000).map { k in
            #"{"keyId": "\#(String(format: "%08x", k))-0000-1111-2222-bbbbbbbbbbbb", "displayName": "c\#(k)", "secretText": "\#(secret(k))x", "startDateTime": "2026-10-01T00:00:00Z", "endDateTime": "2027-01-01T00:00:00Z"}"#
        }.joined(separator: ",\n")
        try Data(#"{"appId": "00001111-aaaa-2222-bbbb-3333cccc4444", "displayName": "Bulk", "passwordCredentials": [\#(credentials)]}"#.utf8).write(to: folder.appending(path: "app.json"))
        let sarif = folder.appending(path: "out.sarif").path
        let run = try Binary.run(["check", folder.appending(path: ".env").path, folder.appending(path: "app.json").path, "--now", "2026-11-22", "-f", "text", "-f", "sarif", "-o", sarif])
        #expect(run.status == 1)
        let report = try String(contentsOfFile: sarif, encoding: .utf8)
        #expect(!report.contains("FAKE-bulk-env-secret-1") && !run.stdout.contains("FAKE-bulk-env-secret-1"))
        #expect(report.contains("FAK***"))
    }

    @Test("a .reglint.yml or .gitignore that is a FIFO is refused or passed over, never waited on")
    func fifoBesideTheInputs() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appending(path: ".git"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Binary.packageRoot.appending(path: good).path, toPath: folder.appending(path: "app.json").path)
        #expect(mkfifo(folder.appending(path: ".gitignore").path, 0o600) == 0)
        let walked = try Binary.run(["check", ".", "--now", "2026-11-22", "--no-config"], in: folder)
        #expect(walked.status == 1, "\(walked.stdout)\(walked.stderr)")
        #expect(walked.stdout.contains("REG202"))
        #expect(mkfifo(folder.appending(path: ".reglint.yml").path, 0o600) == 0)
        let configured = try Binary.run(["check", ".", "--now", "2026-11-22"], in: folder)
        #expect(configured.status == 2)
        #expect(configured.stderr.contains("it is a named pipe (FIFO), not a regular file"), "\(configured.stderr)")
    }
}
