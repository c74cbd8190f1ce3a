import Foundation
import Synchronization

/// Part of a report held while a run goes on: its first bytes in memory, as far as the process's
/// `SpoolBudget` allows, the rest in an unnamed temporary file (`O_TMPFILE`), so a run's memory
/// stays bounded however many findings it has. The file has no name, so nothing is left behind
/// when reglint exits or is killed; what the spool holds is masked when it is copied out.
///
/// The file is made in `$TMPDIR` when that is set, else in `/tmp`; where neither can hold one (a
/// read-only file system, a sandboxed hook), the spool keeps all its bytes in memory instead, so
/// a run still writes its reports, as the whole-report path would, holding them in memory.
public final class Spool {
    private let file: UnsafeMutablePointer<FILE>?
    /// The file's buffer (`fileBufferSize`), freed after the file is closed.
    private var fileBuffer: UnsafeMutablePointer<CChar>?
    private let budget: SpoolBudget
    /// The first bytes (all of them without a file), in chunks of `chunkSize`: a chunk is never
    /// reallocated, so a byte is copied in once.
    private var head: [[UInt8]] = []
    private var headCount = 0
    /// The bytes of `budget` this spool holds.
    private var granted = 0
    /// Bytes in the file, after the head's.
    private var fileCount = 0
    /// Bytes written so far.
    public var count: Int { headCount + fileCount }

    /// The size of a chunk of the head, and of a grant from the budget.
    static let chunkSize = 1 << 20

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public convenience init() throws(Failure) {
        self.init(onDisk: true)
    }

    /// `onDisk: false` keeps the bytes in memory (what a spool falls back to; tests choose it);
    /// `budget` is what it may keep in memory before it writes to its file.
    public init(onDisk: Bool, budget: SpoolBudget = .shared) {
        file = onDisk ? Spool.temporaryFile(in: ProcessInfo.processInfo.environment["TMPDIR"]) : nil
        self.budget = budget
        // A buffer of its own, given before any other use of the file (the C library takes a
        // size only with a buffer; without one it keeps its block-sized own).
        if let file {
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Spool.fileBufferSize)
            if setvbuf(file, buffer, _IOFBF, Spool.fileBufferSize) == 0 { fileBuffer = buffer } else { buffer.deallocate() }
        }
    }

    deinit {
        if let file { fclose(file) }
        fileBuffer?.deallocate()
        budget.give(granted)
    }

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

    /// The size of a spool file's buffer. The C library's own is a block (4 KiB): a tree of
    /// 10,000 files spooled its SARIF in 13,400 writes of 4 KiB.
    static let fileBufferSize = 1 << 18

    public func write(_ bytes: [UInt8]) throws(Failure) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) in try append(buffer) }
    }

    /// Empties the spool for reuse (one spool serves each file's part in turn), giving its memory
    /// back to the budget.
    public func reset() {
        guard count > 0 else { return }
        head = []
        headCount = 0
        budget.give(granted)
        granted = 0
        guard let file, fileCount > 0 else { return }
        fileCount = 0
        fflush(file)
        _ = ftruncate(fileno(file), 0)
        rewind(file)
    }

    /// Everything written, from the start, to `sink`: the head, then the file in chunks.
    public func copy(to sink: ByteSink) throws {
        for chunk in head { try chunk.withUnsafeBufferPointer { try sink.write($0) } }
        guard let file, fileCount > 0 else { return }
        fflush(file)
        rewind(file)
        let size = Spool.chunkSize
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        guard let base = buffer.baseAddress else { return }
        var left = fileCount
        while left > 0 {
            let read = fread(base, 1, min(size, left), file)
            guard read > 0 else { throw Failure(description: "cannot read back a temporary file") }
            try sink.write(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: read))
            left -= read
        }
        fseek(file, 0, SEEK_END)
    }

    /// Appends `bytes` to the head while nothing went to the file and the budget grants the
    /// room, else to the file (where all later bytes follow, keeping their order).
    private func append(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
        guard !bytes.isEmpty else { return }
        guard let file, fileCount > 0 || !roomInHead(for: bytes.count) else {
            appendToHead(bytes)
            return
        }
        let written = fwrite(bytes.baseAddress, 1, bytes.count, file)
        guard written == bytes.count else { throw Failure(description: "cannot write a temporary file: \(String(cString: strerror(errno)))") }
        fileCount += written
    }

    /// Whether the head can take `size` more bytes, asking the budget for whole chunks.
    private func roomInHead(for size: Int) -> Bool {
        let missing = headCount + size - granted
        guard missing > 0 else { return true }
        let grant = (missing + Spool.chunkSize - 1) / Spool.chunkSize * Spool.chunkSize
        guard budget.take(grant) else { return false }
        granted += grant
        return true
    }

    private func appendToHead(_ bytes: UnsafeBufferPointer<UInt8>) {
        var rest = bytes[...]
        while !rest.isEmpty {
            if head.isEmpty || head[head.count - 1].count == Spool.chunkSize {
                var chunk: [UInt8] = []
                chunk.reserveCapacity(Spool.chunkSize)
                head.append(chunk)
            }
            let room = Spool.chunkSize - head[head.count - 1].count
            let part = rest.prefix(room)
            head[head.count - 1].append(contentsOf: UnsafeBufferPointer(rebasing: part))
            rest = rest.dropFirst(part.count)
        }
        headCount += bytes.count
    }
}

extension Spool: ByteSink {
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        try append(bytes)
    }
}

/// The bytes all spools of a process may keep in memory together before they write to their
/// files: the reports of an ordinary run never go through the disk twice, and a run with
/// millions of findings still holds no more than this in memory.
public final class SpoolBudget: Sendable {
    private let remaining: Mutex<Int>

    /// A budget of `bytes`.
    public init(bytes: Int) {
        remaining = Mutex(bytes)
    }

    /// The process's budget (32 MiB).
    public static let shared = SpoolBudget(bytes: 32 << 20)

    /// Takes `size` bytes when the budget has them.
    func take(_ size: Int) -> Bool {
        remaining.withLock { left in
            guard left >= size else { return false }
            left -= size
            return true
        }
    }

    /// Gives back bytes taken.
    func give(_ size: Int) {
        guard size > 0 else { return }
        remaining.withLock { $0 += size }
    }

    /// The bytes left to take.
    public var available: Int { remaining.withLock { $0 } }
}
