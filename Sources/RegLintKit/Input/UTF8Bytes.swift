#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A string's UTF-8 read where it is, and two strings ordered or compared byte for byte.
///
/// Paths, rule ids, reasons and secrets are told apart by their bytes: two file names that differ
/// only in their Unicode normal form are two files, never one (`==` on `String` would join them).
/// Read through `String.UTF8View` a byte at a time, the same comparison was a measured cost
/// (a hundredth of a 10,000-app collection's run, in the SARIF fold alone).
enum UTF8Bytes {
    /// `body` on the string's UTF-8, in place for a native string (copied only for a bridged one).
    static func with<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Byte order of two strings' UTF-8: negative, zero or positive as `memcmp`.
    static func order(_ a: String, _ b: String) -> Int32 {
        with(a) { x in with(b) { y in order(x, y) } }
    }

    /// Byte order of two byte runs: negative, zero or positive as `memcmp`, the shorter first
    /// when one begins the other.
    static func order(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int32 {
        let common = min(x.count, y.count)
        if common > 0, let p = x.baseAddress, let q = y.baseAddress {
            let order = memcmp(p, q, common)
            if order != 0 { return order }
        }
        return x.count == y.count ? 0 : x.count < y.count ? -1 : 1
    }

    /// Whether the two strings' UTF-8 bytes are the same; the sizes first (known without a walk).
    static func equal(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && order(a, b) == 0
    }

    /// Whether the string's UTF-8 is exactly `bytes` (a member name against a rule path's segment).
    static func equal(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        text.utf8.count == bytes.count && with(text) { order($0, bytes) } == 0
    }
}

extension String {
    /// The same text in storage of its own (a copy of a `String` shares its storage, and every
    /// copy retains it): for a text that threads copy at a high rate, one copy each keeps their
    /// retains off one shared reference count. A short text is stored inline and copied as is.
    init(ownCopyOf text: String) {
        let count = text.utf8.count
        self = String(unsafeUninitializedCapacity: count) { buffer in
            UTF8Bytes.with(text) { source in
                guard let from = source.baseAddress, let to = buffer.baseAddress else { return 0 }
                to.initialize(from: from, count: count)
                return count
            }
        }
    }
}
