import Foundation
import RegLintKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file descriptor a report is streamed into, every byte written (short writes and
/// interrupted calls retried).
final class FileDescriptorSink: ByteSink {
    let descriptor: Int32
    let path: String

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw ReportFileError(path: path, what: "cannot write", code: errno)
            }
            offset += written
        }
    }
}

/// A report that could not be written, with the system's reason in words (never a raw code).
struct ReportFileError: Error, CustomStringConvertible {
    var path: String
    var what: String
    var code: Int32

    var description: String { "\(what) \(path): \(String(cString: strerror(code)))" }
}

/// Writes a report to a path, streamed. A regular file (or a new one) is written through a
/// temporary file beside it and a rename, so a reader sees the old report or the whole new one,
/// never part of one; the temporary file is removed on every error, and an existing file keeps
/// its permissions (a new one gets 0666 less the umask, as any file would). A device, FIFO or
/// socket (`/dev/null`, `/dev/stdout`, a named pipe) is written to as a stream, never replaced;
/// `-` is standard output. A symbolic link is followed: the file it points at is replaced and the
/// link stays.
enum ReportFile {
    /// The process's umask, read once: reading it means setting it, and outputs are written
    /// on several threads at once (one could read the 0 another had just set).
    static let creationMask: mode_t = {
        let mask = umask(0)
        umask(mask)
        return mask
    }()

    static func write(to path: String, _ body: (ByteSink) throws -> Void) throws {
        if path == "-" {
            try body(FileDescriptorSink(descriptor: STDOUT_FILENO, path: "standard output"))
            return
        }
        var target = path
        var status = stat()
        var exists = lstat(path, &status) == 0
        if exists, (status.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(path, nil) else { throw ReportFileError(path: path, what: "cannot follow the symbolic link", code: errno) }
            target = String(cString: resolved)
            free(resolved)
            exists = stat(target, &status) == 0
        }
        if exists, (status.st_mode & S_IFMT) == S_IFDIR {
            throw ReportFileError(path: path, what: "cannot write a report over the folder", code: EISDIR)
        }
        if exists, (status.st_mode & S_IFMT) != S_IFREG {
            // A device, FIFO or socket: written to, never replaced.
            let descriptor = open(target, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw ReportFileError(path: path, what: "cannot open", code: errno) }
            defer { close(descriptor) }
            try body(FileDescriptorSink(descriptor: descriptor, path: path))
            return
        }
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        guard let (descriptor, temporary, slot) = InterruptCleanup.makeTemporary("\(folder)/.\(url.lastPathComponent).reglint-XXXXXX") else {
            throw ReportFileError(path: path, what: "cannot create a temporary file for", code: errno)
        }
        var renamed = false
        defer {
            if !renamed { unlink(temporary) }
            InterruptCleanup.clear(slot)
        }
        do {
            defer { close(descriptor) }
            let mode: mode_t = exists ? status.st_mode & 0o7777 : 0o666 & ~ReportFile.creationMask
            guard fchmod(descriptor, mode) == 0 else { throw ReportFileError(path: path, what: "cannot set the permissions of", code: errno) }
            try body(FileDescriptorSink(descriptor: descriptor, path: path))
        }
        guard rename(temporary, target) == 0 else { throw ReportFileError(path: path, what: "cannot replace", code: errno) }
        renamed = true
    }
}
