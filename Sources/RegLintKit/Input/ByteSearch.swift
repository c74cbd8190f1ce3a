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
