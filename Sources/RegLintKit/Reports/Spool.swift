import Foundation

/// An unnamed temporary file (`O_TMPFILE`) holding part of a report while a run goes on, so the
/// part is on disk rather than in memory. It has no name, so nothing is left behind when reglint
/// exits or is killed; what it holds is masked when it is copied out.
///
/// It is made in `$TMPDIR` when that is set, else in `/tmp`; where neither can hold one (a
/// read-only file system, a sandboxed hook), the spool keeps its bytes in memory instead, so a
/// run still writes its reports, as the whole-report path would, holding them in memory.
public final class Spool {
    private let file: UnsafeMutablePointer<FILE>?
    /// The bytes, when no temporary file could be made.
    private var memory: [UInt8] = []
    /// Bytes written so far.
    public private(set) var count = 0

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public convenience init() throws(Failure) {
        self.init(onDisk: true)
    }

    /// `onDisk: false` keeps the bytes in memory (what a spool falls back to; tests choose it).
    public init(onDisk: Bool) {
        file = onDisk ? Spool.temporaryFile(in: ProcessInfo.processInfo.environment["TMPDIR"]) : nil
    }

    deinit { if let file { fclose(file) } }

    /// True when the bytes are on disk.
    public var isOnDisk: Bool { file != nil }

    /// `O_TMPFILE`: `__O_TMPFILE` (the same on every Linux architecture) with `O_DIRECTORY`
    /// (which is not: x86-64 and arm64 differ); the C macro does not import.
    static let temporaryFileFlag: Int32 = 0o20_000_000 | O_DIRECTORY

    /// An unnamed file in `folder` (`$TMPDIR`), else `tmpfile`'s (`/tmp`); nil when neither can
    /// be made.
    static func temporaryFile(in folder: String?) -> UnsafeMutablePointer<FILE>? {
        if let folder, !folder.isEmpty {
            let descriptor = open(folder, temporaryFileFlag | O_RDWR | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                if let file = fdopen(descriptor, "w+") { return file }
                close(descriptor)
            }
        }
        return tmpfile()
    }

    public func write(_ bytes: [UInt8]) throws(Failure) {
        guard !bytes.isEmpty else { return }
        guard let file else {
            memory.append(contentsOf: bytes)
            count += bytes.count
            return
        }
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count else { throw Failure(description: "cannot write a temporary file: \(String(cString: strerror(errno)))") }
        count += written
    }

    /// Empties the file for reuse (one spool serves each file's part in turn).
    public func reset() {
        guard count > 0 else { return }
        count = 0
        guard let file else {
            memory.removeAll(keepingCapacity: true)
            return
        }
        fflush(file)
        _ = ftruncate(fileno(file), 0)
        rewind(file)
    }

    /// Everything written, from the start, to `sink` in chunks.
    public func copy(to sink: ByteSink) throws {
        guard count > 0 else { return }
        guard let file else {
            try memory.withUnsafeBufferPointer { try sink.write($0) }
            return
        }
        fflush(file)
        rewind(file)
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        guard let base = buffer.baseAddress else { return }
        var left = count
        while left > 0 {
            let read = fread(base, 1, min(size, left), file)
            guard read > 0 else { throw Failure(description: "cannot read back a temporary file") }
            try sink.write(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: read))
            left -= read
        }
        fseek(file, 0, SEEK_END)
    }
}

extension Spool: ByteSink {
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard !bytes.isEmpty else { return }
        guard let file else {
            memory.append(contentsOf: bytes)
            count += bytes.count
            return
        }
        let written = fwrite(bytes.baseAddress, 1, bytes.count, file)
        guard written == bytes.count else { throw Failure(description: "cannot write a temporary file: \(String(cString: strerror(errno)))") }
        count += written
    }
}
