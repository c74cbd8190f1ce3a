import Foundation

/// An unnamed temporary file (`tmpfile`, an `O_TMPFILE` file on Linux) holding part of a report
/// while a run goes on, so the part is on disk rather than in memory. It has no name, so nothing
/// is left behind when reglint exits or is killed; what it holds is masked when it is copied out.
public final class Spool {
    private let file: UnsafeMutablePointer<FILE>
    /// Bytes written so far.
    public private(set) var count = 0

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public init() throws(Failure) {
        guard let file = tmpfile() else { throw Failure(description: "cannot make a temporary file: \(String(cString: strerror(errno)))") }
        self.file = file
    }

    deinit { fclose(file) }

    public func write(_ bytes: [UInt8]) throws(Failure) {
        guard !bytes.isEmpty else { return }
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count else { throw Failure(description: "cannot write a temporary file: \(String(cString: strerror(errno)))") }
        count += written
    }

    /// Empties the file for reuse (one spool serves each file's part in turn).
    public func reset() {
        guard count > 0 else { return }
        fflush(file)
        _ = ftruncate(fileno(file), 0)
        rewind(file)
        count = 0
    }

    /// Everything written, from the start, to `sink` in chunks.
    public func copy(to sink: ByteSink) throws {
        guard count > 0 else { return }
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
        let written = fwrite(bytes.baseAddress, 1, bytes.count, file)
        guard written == bytes.count else { throw Failure(description: "cannot write a temporary file: \(String(cString: strerror(errno)))") }
        count += written
    }
}
