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
    nonisolated(unsafe) static let pendingPath: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)
        buffer.initialize(repeating: 0, count: Int(PATH_MAX) + 1)
        return buffer
    }()

    /// Installs the handler for SIGINT, SIGTERM and SIGHUP (once, at start-up).
    static func install() {
        _ = pendingPath
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { signal(signalNumber, removePendingAndReraise) }
    }

    /// Creates the temporary file with `mkstemp` on the handler's own buffer, so that from the
    /// moment the file exists a signal removes it (a copy made after `mkstemp` returns leaves a
    /// window where it would stay). Returns the descriptor and the path, or nil with `errno` set.
    static func makeTemporary(_ template: String) -> (descriptor: Int32, path: String)? {
        let bytes = Array(template.utf8)
        guard bytes.count < Int(PATH_MAX) else { errno = ENAMETOOLONG; return nil }
        clear()
        for (k, b) in bytes.enumerated().reversed() where k > 0 { pendingPath[k] = CChar(bitPattern: b) }
        pendingPath[bytes.count] = 0
        if let first = bytes.first { pendingPath[0] = CChar(bitPattern: first) }
        let descriptor = mkstemp(pendingPath)
        guard descriptor >= 0 else { let code = errno; clear(); errno = code; return nil }
        return (descriptor, String(cString: pendingPath))
    }

    static func clear() { pendingPath[0] = 0 }
}

private func removePendingAndReraise(_ signalNumber: Int32) {
    if InterruptCleanup.pendingPath[0] != 0 { unlink(InterruptCleanup.pendingPath) }
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
}
