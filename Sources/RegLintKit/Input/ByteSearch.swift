#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension UnsafeBufferPointer where Element == UInt8 {
    /// The first index of `byte` in `start..<end`, or nil: `memchr`, many bytes a step. Lines and
    /// values may be hundreds of megabytes, and a byte loop over them took seconds.
    func firstIndex(of byte: UInt8, from start: Int, to end: Int) -> Int? {
        guard start >= 0, start < end, end <= count, let base = baseAddress,
              let hit = memchr(base + start, Int32(byte), end - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
}

/// Eight bytes tested at once, as one word (the zero-byte tests of "Bit Twiddling Hacks"): the
/// JSON scanner skips the bytes of a string that need no look a word at a time.
enum ByteWord {
    /// Whether one of the eight bytes of `word` is a quote, a backslash or below 0x20. Exact: a
    /// byte's test borrows from the next only when the byte itself matches.
    @inline(__always)
    static func hasQuoteBackslashOrControl(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (zeroQuote | zeroBackslash | control) & highs != 0
    }
}
