import Foundation

/// A folder's entry names (without `.` and `..`) in one buffer, sorted by their bytes, with the
/// type the listing gave each (`Kind`).
///
/// A tenant export's `Applications` folder holds 100,000 names; as `[String]` (and its sorted
/// copy) each was a string object of its own, about 110 bytes a name held for the whole walk of
/// the folder, at the walk's peak. Here a name costs its bytes, a type byte, a terminating zero
/// and an offset.
struct FolderListing: Sendable {
    /// What the listing says an entry is (most file systems tell a plain file or folder there):
    /// a walk takes a plain folder on its word, without an `lstat` (one per application of a
    /// tenant export), and looks at everything else first.
    enum Kind: Sendable, Equatable {
        case file, folder, unknown
    }

    /// Each name preceded by its type byte (`d_type`) and followed by a zero byte.
    private var bytes: [UInt8] = []
    /// Where each name starts in `bytes`, in sorted order.
    private var starts: [Int32] = []

    var count: Int { starts.count }

    /// The entries of `directory`, or nil with `errno` set when it cannot be read.
    init?(_ directory: String) {
        guard let stream = opendir(directory) else { return nil }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let length = raw.firstIndex(of: 0) ?? raw.count
                // "." and "..".
                if raw[0] == 0x2E, length == 1 || (length == 2 && raw[1] == 0x2E) { return }
                guard bytes.count + length + 1 < Int(Int32.max) else { return }
                bytes.append(entry.pointee.d_type)
                starts.append(Int32(bytes.count))
                bytes.append(contentsOf: raw[0..<length])
                bytes.append(0)
            }
        }
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            starts.sort { a, b in
                base.advanced(by: Int(a)).withMemoryRebound(to: CChar.self, capacity: 1) { x in
                    base.advanced(by: Int(b)).withMemoryRebound(to: CChar.self, capacity: 1) { y in strcmp(x, y) < 0 }
                }
            }
        }
    }

    /// The `k`th name in sorted order.
    subscript(k: Int) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            let start = Int(starts[k])
            var end = start
            while buffer[end] != 0 { end += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        }
    }

    /// What the listing says the `k`th entry in sorted order is.
    func kind(_ k: Int) -> Kind {
        switch Int32(bytes[Int(starts[k]) - 1]) {
        case Int32(DT_REG): .file
        case Int32(DT_DIR): .folder
        default: .unknown
        }
    }

    /// Whether some name is `name` written in any case (ASCII).
    func containsIgnoringCase(_ name: String) -> Bool {
        let wanted = Array(name.lowercased().utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            starts.contains { start in
                var k = Int(start)
                for c in wanted {
                    let b = buffer[k]
                    guard b != 0, (b >= 0x41 && b <= 0x5A ? b + 0x20 : b) == c else { return false }
                    k += 1
                }
                return buffer[k] == 0
            }
        }
    }
}
