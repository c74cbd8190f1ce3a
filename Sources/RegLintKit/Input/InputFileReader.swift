import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a file could not be read, in words; `tooLarge` when it passed the bound.
public struct FileReadError: Error, Sendable {
    public var message: String
    public var tooLarge: Bool
}

/// Reads a file's bytes with a bound that does not trust the size the file reports: a symbolic
/// link to `/dev/zero` reports 0 bytes and never ends, a FIFO with no writer blocks an `open`
/// forever. Used for inputs and for every file reglint reads beside them (configuration,
/// baseline, rules, `.gitignore`), which a hostile repository controls as well. Errors are
/// worded for people, never a raw Foundation error code.
public struct InputFileReader: Sendable {
    /// The largest input accepted, in bytes.
    public var limit: Int
    /// How long a named pipe may stay silent before reglint gives up on it, in milliseconds.
    public var pipeTimeout: Int32 = 10_000

    public init(limit: Int) { self.limit = limit }

    private static let chunk = 1 << 20

    /// The whole file, or why it cannot be read. A walk (`named` false) reads regular files only;
    /// a pipe or character device named on the command line (`<(…)`, `/dev/stdin`) is read as a
    /// stream, with the same bound.
    public func read(_ path: String, named: Bool) -> Result<[UInt8], FileReadError> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(unreadable(Self.words(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(unreadable(Self.words(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            guard Int(info.st_size) <= limit else { return .failure(tooLarge(Int(info.st_size))) }
            return drain(fd, stream: false, expected: Int(info.st_size))
        case S_IFDIR:
            return .failure(unreadable("it is a folder, not a file"))
        case S_IFIFO, S_IFCHR, S_IFSOCK:
            let what = Self.kindName(info.st_mode & S_IFMT)
            guard named else { return .failure(unreadable("it is \(what), not a regular file; a walk reads regular files only (name it on the command line to read it as a stream)")) }
            return drain(fd, stream: true, expected: 0)
        default:
            return .failure(unreadable("it is \(Self.kindName(info.st_mode & S_IFMT)), not a regular file"))
        }
    }

    /// Reads to the end, or to one byte past the limit. A stream waits at most `pipeTimeout` for
    /// each chunk. A regular file is read straight into an array of its size plus a byte (to see
    /// one that grew), left uninitialised, and only a file that grew takes the chunked way: a
    /// zero-filled 1 MiB buffer per file was a twentieth of a 10,000-file run, and a copy through
    /// a scratch buffer a fortieth of a 10,000-app collection's first (serial) step.
    private func drain(_ fd: Int32, stream: Bool, expected: Int) -> Result<[UInt8], FileReadError> {
        guard !stream else { return drainChunks(fd, stream: true, expected: 0) }
        return readWhole(fd, expected: expected)
    }

    /// A regular file of `expected` bytes read into one array; one that grew past `expected` is
    /// read on in chunks from where this left off.
    private func readWhole(_ fd: Int32, expected: Int) -> Result<[UInt8], FileReadError> {
        var failure: FileReadError?
        var grew = false
        let bytes = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
            while initialized <= expected {
                let count = Glibc.read(fd, base + initialized, expected + 1 - initialized)
                if count > 0 { initialized += count; continue }
                if count == 0 { return }
                if errno == EINTR { continue }
                failure = unreadable(Self.words(errno))
                return
            }
            grew = true
        }
        if let failure { return .failure(failure) }
        guard grew else { return .success(bytes) }
        // One byte past the size it had: the rest the general way, after these bytes.
        return drainChunks(fd, stream: false, expected: 0, after: bytes)
    }

    private func drainChunks(_ fd: Int32, stream: Bool, expected: Int, after start: [UInt8] = []) -> Result<[UInt8], FileReadError> {
        let size = stream ? 64 << 10 : max(4096, min(Self.chunk, expected + 1))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        guard let base = buffer.baseAddress else { return .failure(unreadable("no memory to read it")) }
        var bytes = start
        if bytes.count > limit { return .failure(tooLarge(nil)) }
        while true {
            let count = Glibc.read(fd, base, size)
            if count > 0 {
                bytes.append(contentsOf: UnsafeRawBufferPointer(start: base, count: count))
                if bytes.count > limit { return .failure(tooLarge(nil)) }
                continue
            }
            if count == 0 { return .success(bytes) }
            let code = errno
            if code == EINTR { continue }
            guard code == EAGAIN || code == EWOULDBLOCK, stream else { return .failure(unreadable(Self.words(code))) }
            var wait = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&wait, 1, pipeTimeout)
            if ready == 0 { return .failure(unreadable("nothing arrived on it for \(pipeTimeout / 1000) seconds")) }
            if ready < 0, errno != EINTR { return .failure(unreadable(Self.words(errno))) }
        }
    }

    private func unreadable(_ reason: String) -> FileReadError {
        FileReadError(message: "cannot read the file: \(reason)", tooLarge: false)
    }

    private func tooLarge(_ size: Int?) -> FileReadError {
        let size = size.map { "the file is \($0) bytes" } ?? "the file goes on past the limit"
        return FileReadError(message: "\(size), over the \(limit)-byte limit (--max-file-size)", tooLarge: true)
    }

    /// A small file beside the inputs (configuration, baseline, `.gitignore`, a rule): a regular
    /// file of at most 64 MiB, or nil with the reason.
    public static func readSmall(_ path: String) -> Result<[UInt8], FileReadError> {
        InputFileReader(limit: 64 << 20).read(path, named: false)
    }

    public static func kindName(_ type: mode_t) -> String {
        switch type {
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a folder"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// An errno in words: the reasons people meet spelled out, others as the C library says them.
    public static func words(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or folder"
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "a loop of symbolic links"
        case ENOTDIR: return "a part of the path is not a folder"
        case ENAMETOOLONG: return "the path is too long"
        case EISDIR: return "it is a folder, not a file"
        default: return String(cString: strerror(code))
        }
    }
}
