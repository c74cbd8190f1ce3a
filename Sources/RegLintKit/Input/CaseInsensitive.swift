/// Case-insensitive equality as rules compare strings (`equals`, `in`): ASCII byte by byte, other
/// text through `lowercased()` as before.
enum CaseInsensitive {
    /// nil when either side is not ASCII (the caller falls back to `lowercased()`).
    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { other -> Bool? in
            guard bytes.count == other.count else {
                // Different lengths in bytes differ after lower-casing only when both are ASCII.
                return bytes.allSatisfy { $0 < 0x80 } && other.allSatisfy { $0 < 0x80 } ? false : nil
            }
            for k in 0..<bytes.count {
                let a = bytes[k], b = other[k]
                guard a < 0x80, b < 0x80 else { return nil }
                if a != b, lower(a) != lower(b) { return false }
            }
            return true
        }
    }

    static func equal(_ a: String, _ b: String) -> Bool {
        var a = a
        if let known = a.withUTF8({ equal($0, b) }) { return known }
        return a.lowercased() == b.lowercased()
    }

    /// `bytes` lower-cased, appended to `out`, when they are ASCII (where `lowercased()` maps
    /// A-Z alone); false, with nothing appended, when they are not.
    static func appendLowercased(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
        for byte in bytes { out.append(lower(byte)) }
        return true
    }

    /// `text.lowercased()` appended to `out` as UTF-8, made on the bytes where they are ASCII.
    static func appendLowercased(_ text: String, to out: inout [UInt8]) {
        if !UTF8Bytes.with(text, { appendLowercased($0, to: &out) }) { out.append(contentsOf: text.lowercased().utf8) }
    }

    /// `bytes` with A-Z lower-cased, in a scratch buffer lent to `body`: no array or string made
    /// (a rule pattern's prefilter and a built-in's path argument, for every registration).
    static func withLowercased<Bytes: Collection, T>(_ bytes: Bytes, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T where Bytes.Element == UInt8 {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { buffer in
            for (k, byte) in bytes.enumerated() { buffer[k] = lower(byte) }
            return body(UnsafeBufferPointer(buffer))
        }
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte | 0x20 : byte
    }
}
