/// Maps byte offsets to 1-based line and UTF-16 column, built only for files with something to report.
public struct LineTable: Sendable {
    /// Byte offset of the first byte of each line.
    public let lineStarts: [Int]
    let bytes: [UInt8]
    /// Bytes before offset 0 that are not content (a UTF-8 byte order mark on line 1).
    let skipPrefix: Int

    public init(bytes: [UInt8]) {
        var starts = [0]
        bytes.withUnsafeBufferPointer { b in
            for k in 0..<b.count where b[k] == 0x0A { starts.append(k + 1) }
        }
        lineStarts = starts
        self.bytes = bytes
        skipPrefix = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// The 1-based line and column (UTF-16 code units, a tab counts one) of a byte offset.
    public func position(of offset: Int) -> SourcePosition {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        var from = lineStarts[low]
        if low == 0 { from = min(skipPrefix, clamped) }
        var column = 1
        var k = from
        while k < clamped {
            let c = bytes[k]
            if c & 0xC0 != 0x80 { column += c >= 0xF0 ? 2 : 1 }
            k += 1
        }
        return SourcePosition(line: low + 1, column: column, offset: clamped)
    }
}
