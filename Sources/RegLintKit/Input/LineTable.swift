#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps byte offsets to 1-based line and UTF-16 column, built only for files with something to report.
///
/// Columns are counted from a checkpoint, not from the line start: every 256 bytes the table records
/// the column reached, so a minified export (one line of megabytes, as Graph REST returns it)
/// costs at most 256 bytes of counting per position instead of the whole line.
public struct LineTable: Sendable {
    /// Byte offset of the first byte of each line (32-bit: a collection of 100,000 apps has
    /// 13 million lines; the JSON parser takes no file over 4 GiB either).
    public let lineStarts: [UInt32]
    let bytes: [UInt8]
    /// Bytes before offset 0 that are not content (a UTF-8 byte order mark on line 1).
    let skipPrefix: Int
    /// (byte offset, 1-based UTF-16 column there), ascending; each at a character boundary.
    let checkpoints: [(offset: Int, column: Int)]
    /// For each block of `blockShift` bits of offsets, the line its first byte is on: a position
    /// is searched for among the lines of its block (a few thousand bytes of `lineStarts`, most
    /// likely in cache) rather than among all 13 million.
    let blockLines: [UInt32]

    static let checkpointInterval = 256
    static let blockShift = 16

    public init(bytes: [UInt8]) {
        var starts: [UInt32] = []
        var checkpoints: [(offset: Int, column: Int)] = []
        let skip = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        let interval = LineTable.checkpointInterval
        bytes.withUnsafeBufferPointer { b in
            // Newlines found eight bytes a step; the list grows by doubling.
            starts.reserveCapacity(b.count / 32 + 1)
            starts.append(0)
            guard let base = b.baseAddress else { return }
            b.forEachIndex(of: 0x0A) { found in starts.append(UInt32(truncatingIfNeeded: found + 1)) }
            // Checkpoints only on lines longer than the interval; pretty-printed files have none.
            for index in starts.indices {
                let start = Int(starts[index])
                let end = index + 1 < starts.count ? Int(starts[index + 1]) : b.count
                guard end - start > interval else { continue }
                var column = 1
                var next = start + interval
                var k = max(start, skip)
                while k < end {
                    // Eight ASCII bytes at a time up to the next checkpoint: a column each (a
                    // 500 MB one-line value was a second here, a byte at a time).
                    let run = min(end, next)
                    while k + 8 <= run, UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                        column += 8
                        k += 8
                    }
                    guard k < end else { break }
                    let c = b[k]
                    if k >= next, c & 0xC0 != 0x80 {
                        checkpoints.append((k, column))
                        next = k + interval
                    }
                    if c & 0xC0 != 0x80 { column += c >= 0xF0 ? 2 : 1 }
                    k += 1
                }
            }
        }
        lineStarts = starts
        self.bytes = bytes
        skipPrefix = skip
        self.checkpoints = checkpoints
        blockLines = Self.blockLines(starts, size: bytes.count)
    }

    /// The line each block of offsets starts on, and one past the last block.
    static func blockLines(_ starts: [UInt32], size: Int) -> [UInt32] {
        let blocks = (size >> blockShift) + 2
        var lines = [UInt32](repeating: 0, count: blocks)
        var line = 0
        for block in 0..<blocks {
            let start = block << blockShift
            while line + 1 < starts.count, Int(starts[line + 1]) <= start { line += 1 }
            lines[block] = UInt32(line)
        }
        return lines
    }

    /// The 1-based line and column (UTF-16 code units, a tab counts one) of a byte offset.
    public func position(of offset: Int) -> SourcePosition {
        let clamped = max(0, min(offset, bytes.count))
        let block = clamped >> Self.blockShift
        var low = Int(blockLines[block])
        var high = Int(blockLines[block + 1])
        while low < high {
            let mid = (low + high + 1) / 2
            if Int(lineStarts[mid]) <= clamped { low = mid } else { high = mid - 1 }
        }
        var from = Int(lineStarts[low])
        if low == 0 { from = min(skipPrefix, clamped) }
        var column = 1
        // The last checkpoint on this line at or before the offset.
        var lo = 0
        var hi = checkpoints.count - 1
        var best = -1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if checkpoints[mid].offset <= clamped { best = mid; lo = mid + 1 } else { hi = mid - 1 }
        }
        if best >= 0, checkpoints[best].offset > from {
            from = checkpoints[best].offset
            column = checkpoints[best].column
        }
        column += Self.utf16Units(bytes, from: from, to: clamped)
        return SourcePosition(line: low + 1, column: column, offset: clamped)
    }

    /// UTF-16 code units of the UTF-8 text in `bytes[from..<to]`: one per byte that does not
    /// continue a character, two for a four-byte character. Eight bytes at a time (a finding on a
    /// minified export counts up to a checkpoint interval of bytes, and 80,000 findings on one
    /// line made byte-at-a-time counting a fifth of a run).
    static func utf16Units(_ bytes: [UInt8], from: Int, to end: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            var units = 0
            var k = from
            let high: UInt64 = 0x8080_8080_8080_8080
            while k + 8 <= end {
                let w = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                // Bit 7 of each byte: a continuation byte is 10xxxxxx, a four-byte lead 11110xxx.
                let continuation = w & ~(w << 1) & high
                let fourByteLead = w & (w << 1) & (w << 2) & (w << 3) & high
                units += 8 - continuation.nonzeroBitCount + fourByteLead.nonzeroBitCount
                k += 8
            }
            while k < end {
                let c = raw[k]
                if c & 0xC0 != 0x80 { units += c >= 0xF0 ? 2 : 1 }
                k += 1
            }
            return units
        }
    }
}
