import Foundation
import Testing

/// How reports reach their paths: through a temporary file and a rename for regular files, with
/// permissions kept; devices and FIFOs written to, never replaced; symbolic links followed; `-`
/// for standard output; and nothing left behind when a write fails.
@Suite("Report files", .serialized)
struct ReportFileTests {
    private let input = "testdata/examples/contoso-tenant-export.json"

    private func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "reglint-reportfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("an existing report keeps its permissions, a symbolic link is followed and stays, no temporary file is left")
    func permissionsAndLinks() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appending(path: "out.sarif").path
        #expect(try Binary.run(["check", input, "--now", "2026-11-22", "-f", "sarif", "-o", report]).status == 1)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: report)
        let link = folder.appending(path: "link.sarif").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "out.sarif")
        try Data("old".utf8).write(to: URL(fileURLWithPath: report))
        #expect(try Binary.run(["check", input, "--now", "2026-11-22", "-f", "sarif", "-o", link]).status == 1)
        let attributes = try FileManager.default.attributesOfItem(atPath: report)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "out.sarif")
        let written = try String(contentsOfFile: report, encoding: .utf8)
        #expect(written.hasPrefix("{") && written.contains("\"version\": \"2.1.0\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["link.sarif", "out.sarif"])
    }

    @Test("/dev/null stays a device, a FIFO receives the report, '-' is standard output")
    func devicesAndStandardOutput() throws {
        #expect(try Binary.run(["check", input, "--now", "2026-11-22", "-f", "sarif", "-o", "/dev/null"]).status == 1)
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR)

        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appending(path: "pipe.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Task.detached { () -> Data in
            FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
        }
        #expect(try Binary.run(["check", input, "--now", "2026-11-22", "-f", "json", "-o", fifo]).status == 1)
        let received = try #require(try? awaitResult(reader))
        #expect(String(decoding: received, as: UTF8.self).contains("\"findings\""))
        #expect(stat(fifo, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO)

        let run = try Binary.run(["check", input, "--now", "2026-11-22", "-f", "sarif", "-o", "-"])
        #expect(run.stdout.contains("\"version\": \"2.1.0\""))
    }

    @Test("a report that cannot be written is an error in words, exit 2, and leaves no temporary file")
    func failedWrite() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Binary.run(["check", input, "--now", "2026-11-22", "-f", "sarif", "-o", folder.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot write a report over the folder"))
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        let missing = try Binary.run(["check", input, "--now", "2026-11-22", "-f", "sarif", "-o", folder.appending(path: "no/such/out.sarif").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("No such file or directory"))
    }

    private func awaitResult(_ task: Task<Data, Never>) throws -> Data {
        let semaphore = DispatchSemaphore(value: 0)
        let box = ResultBox()
        Task {
            box.data = await task.value
            semaphore.signal()
        }
        semaphore.wait()
        return box.data
    }
}

private final class ResultBox: @unchecked Sendable {
    var data = Data()
}

extension ReportFileTests {
    /// A collection export big enough that writing its reports takes a while in a debug build.
    private func bigExport(in folder: URL) throws -> String {
        let app = { (k: Int) in
            #"{"id": "\#(UUID().uuidString.lowercased())", "appId": "\#(String(format: "00001111-aaaa-2222-bbbb-%012d", k))", "displayName": "App \#(k)", "isFallbackPublicClient": true, "web": {"redirectUris": ["http://app\#(k).contoso.com/cb", "https://*.contoso.com/\#(k)"]}, "passwordCredentials": [{"keyId": "\#(UUID().uuidString.lowercased())", "displayName": "ci", "startDateTime": "2026-01-01T00:00:00Z", "endDateTime": "2099-01-01T00:00:00Z"}]}"#
        }
        let text = #"{"value": ["# + (0..<3_000).map(app).joined(separator: ",\n") + "]}"
        let path = folder.appending(path: "tenant.json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("killed at any moment, a report is the old one or the whole new one; after SIGTERM or SIGINT no temporary file is left")
    func killedMidway() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = try bigExport(in: folder)
        let report = folder.appending(path: "out.sarif").path
        let old = Data("OLD REPORT".utf8)
        var outcomes: [String] = []
        // A delay of nil: the signal is sent the moment the temporary file appears (mid-write).
        let plan: [(Int32, Double?)] = [(SIGTERM, 0.05), (SIGTERM, nil), (SIGINT, nil), (SIGHUP, nil), (SIGKILL, nil), (SIGTERM, 0.8), (SIGKILL, 1.5)]
        var caughtMidWrite = 0
        for (signalNumber, delay) in plan {
            try old.write(to: URL(fileURLWithPath: report))
            let process = Process()
            process.executableURL = Binary.url
            process.arguments = ["check", export, "--now", "2026-11-22", "-f", "sarif", "-o", report, "-f", "json", "-o", folder.appending(path: "out.json").path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if let delay {
                Thread.sleep(forTimeInterval: delay)
            } else {
                let deadline = Date().addingTimeInterval(60)
                while process.isRunning, Date() < deadline,
                      !((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains(where: { $0.hasPrefix(".out.sarif.reglint-") }) {
                    usleep(500)
                }
                if process.isRunning { caughtMidWrite += 1 }
            }
            kill(process.processIdentifier, signalNumber)
            process.waitUntilExit()
            let written = try Data(contentsOf: URL(fileURLWithPath: report))
            if written == old {
                outcomes.append("old")
            } else {
                let json = try JSONSerialization.jsonObject(with: written) as? [String: Any]
                #expect(json?["version"] as? String == "2.1.0", "a complete SARIF report or the old one")
                outcomes.append("new")
            }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".reglint-") }
            if signalNumber == SIGKILL {
                for leftover in leftovers { try FileManager.default.removeItem(at: folder.appending(path: leftover)) }
            } else {
                #expect(leftovers.isEmpty, "signal \(signalNumber) after \(String(describing: delay)) s left \(leftovers); status \(process.terminationStatus) \(process.terminationReason == .uncaughtSignal ? "signal" : "exit")")
            }
        }
        #expect(outcomes.contains("old"), "some kill landed before the report was replaced: \(outcomes)")
        #expect(caughtMidWrite >= 3, "signals sent while the temporary file existed: \(caughtMidWrite)")
    }
}
