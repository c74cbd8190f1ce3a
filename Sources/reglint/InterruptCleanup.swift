import Synchronization
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Removes a report's temporary file when reglint is interrupted (Ctrl-C, `kill`, a CI job
/// cancelled) while writing it: without this a hidden file as large as the report stays beside
/// it. The path lives in a fixed C buffer so the signal handler only calls `unlink`, which is
/// async-signal-safe; then the signal's default action runs, so the exit status still says which
/// signal ended the run. (SIGKILL cannot be caught: the old report then stays whole, and the
/// temporary file is left.)
enum InterruptCleanup {
    /// Temporary files that may exist at once: one per output, written on threads of their own.
    static let slots = 16
    static let slotSize = Int(PATH_MAX) + 1

    /// `slots` C strings of `slotSize` bytes; an empty one (first byte 0) holds no path.
    nonisolated(unsafe) static let pendingPaths: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: slots * slotSize)
        buffer.initialize(repeating: 0, count: slots * slotSize)
        return buffer
    }()

    /// Which slots a writer holds (taken and given back under the lock; the handler reads only
    /// the buffers).
    private static let taken = Mutex<[Bool]>(Array(repeating: false, count: slots))

    /// Installs the handler for SIGINT, SIGTERM and SIGHUP (once, at start-up).
    static func install() {
        _ = pendingPaths
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { signal(signalNumber, removePendingAndReraise) }
    }

    /// Creates the temporary file with `mkstemp` on one of the handler's own buffers, so that
    /// from the moment the file exists a signal removes it (a copy made after `mkstemp` returns
    /// leaves a window where it would stay). Returns the descriptor, the path and the slot to
    /// give back with `clear`, or nil with `errno` set.
    static func makeTemporary(_ template: String) -> (descriptor: Int32, path: String, slot: Int)? {
        let bytes = Array(template.utf8)
        guard bytes.count < slotSize else { errno = ENAMETOOLONG; return nil }
        guard let slot = taken.withLock({ taken -> Int? in
            guard let free = taken.firstIndex(of: false) else { return nil }
            taken[free] = true
            return free
        }) else { errno = EMFILE; return nil }
        let path = pendingPaths + slot * slotSize
        // The first byte last: the handler never sees a half-written path.
        for (k, b) in bytes.enumerated().reversed() where k > 0 { path[k] = CChar(bitPattern: b) }
        path[bytes.count] = 0
        if let first = bytes.first { path[0] = CChar(bitPattern: first) }
        let descriptor = mkstemp(path)
        guard descriptor >= 0 else { let code = errno; clear(slot); errno = code; return nil }
        return (descriptor, String(cString: path), slot)
    }

    /// Gives the slot back: its file was renamed or removed.
    static func clear(_ slot: Int) {
        pendingPaths[slot * slotSize] = 0
        taken.withLock { $0[slot] = false }
    }
}

private func removePendingAndReraise(_ signalNumber: Int32) {
    for slot in 0..<InterruptCleanup.slots {
        let path = InterruptCleanup.pendingPaths + slot * InterruptCleanup.slotSize
        if path[0] != 0 { unlink(path) }
    }
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
}
