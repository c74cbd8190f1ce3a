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
