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

    /// Whether `needle` (not empty) occurs in the buffer: its first byte found by `memchr`, the
    /// rest compared by `memcmp` (a byte loop per starting place was most of the time a rule's
    /// pattern prefilter took; glibc's `memmem` is not visible to Swift without `_GNU_SOURCE`).
    func contains(_ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = baseAddress, let pattern = needle.baseAddress, !needle.isEmpty, needle.count <= count else { return false }
        let last = count - needle.count
        var k = 0
        while k <= last, let hit = memchr(base + k, Int32(pattern[0]), last - k + 1) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, pattern, needle.count) == 0 { return true }
            k = at + 1
        }
        return false
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

    /// A word whose bytes' high bits mark the bytes of `word` equal to `byte`, exactly (the
    /// "haszero" test of "Bit Twiddling Hacks" without its borrows: no byte is marked wrongly).
    @inline(__always)
    static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return ~(((x & lows) &+ lows) | x | lows)
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Calls `body` with the index of every `byte` in the buffer, in order: eight bytes a step,
    /// where `firstIndex(of:from:to:)` costs a call each (a pretty-printed collection's 1.5
    /// million newlines, 35 bytes apart, were a serial 30 ms of a 10,000-app run that way).
    func forEachIndex(of byte: UInt8, _ body: (Int) -> Void) {
        guard let base = baseAddress else { return }
        var k = 0
        while k + 8 <= count {
            var mask = ByteWord.matches(UInt64(littleEndian: UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)), byte)
            while mask != 0 {
                body(k + mask.trailingZeroBitCount >> 3)
                mask &= mask &- 1
            }
            k += 8
        }
        while k < count {
            if base[k] == byte { body(k) }
            k += 1
        }
    }
}
