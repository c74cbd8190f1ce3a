#if canImport(Glibc)
import Glibc
#endif

/// Advice to the kernel for the few large fresh buffers of a big input (its bytes, its tape):
/// back their whole 2 MiB pages with huge pages where it does so on request
/// (`transparent_hugepage` set to `madvise`). Reading a 51 MB collection faulted a page per
/// 4 KiB, 12,500 faults of a serial first step, and every later pass over the text and tape
/// missed the TLB the more for it. Only advice: refused or ignored, nothing else changes.
enum HugePages {
    static let size = 2 << 20

    static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard buffer.count >= 2 * size, let base = buffer.baseAddress else { return }
        let start = (Int(bitPattern: base) + size - 1) & ~(size - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(size - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
    }
}
