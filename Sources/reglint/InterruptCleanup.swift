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

    /// `slots` C strings of `slotSize` bytes, each a temporary file's path while its slot is
    /// `created` (or being created).
    nonisolated(unsafe) static let pendingPaths: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: slots * slotSize)
        buffer.initialize(repeating: 0, count: slots * slotSize)
        return buffer
    }()

    /// A slot's state, read by the handler without a lock (atomics are async-signal-safe).
    /// `creating` covers `mkstemp`, which writes the name into the buffer and then creates the
    /// file: a handler on another thread waits it out instead of unlinking a half-written name
    /// while the file appears after it (the signal's default action then ends the process with
    /// the file left behind: the kill test caught it with two outputs started at once).
    static let free = 0, creating = 1, created = 2
    static let states: [SlotState] = (0..<slots).map { _ in SlotState() }

    final class SlotState: Sendable {
        let state = Atomic<Int>(InterruptCleanup.free)
        /// The thread creating the file (a handler on that very thread cannot wait for it).
        let creator = Atomic<UInt>(0)
    }

    /// Set by the handler before it looks at the slots: a file not yet being created by then is
    /// never created.
    static let dying = Atomic<Bool>(false)

    /// Which slots a writer holds (taken and given back under the lock).
    private static let taken = Mutex<[Bool]>(Array(repeating: false, count: slots))

    /// Installs the handler for SIGINT, SIGTERM and SIGHUP (once, at start-up).
    static func install() {
        _ = pendingPaths
        _ = states
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
        let state = states[slot]
        state.creator.store(currentThread(), ordering: .sequentiallyConsistent)
        state.state.store(creating, ordering: .sequentiallyConsistent)
        if dying.load(ordering: .sequentiallyConsistent) {
            // A signal is being handled: the process ends in a moment; create nothing more.
            state.state.store(free, ordering: .sequentiallyConsistent)
            while true { pause() }
        }
        let path = pendingPaths + slot * slotSize
        // The first byte last: a handler on this thread never sees a half-written path.
        for (k, b) in bytes.enumerated().reversed() where k > 0 { path[k] = CChar(bitPattern: b) }
        path[bytes.count] = 0
        if let first = bytes.first { path[0] = CChar(bitPattern: first) }
        let descriptor = mkstemp(path)
        guard descriptor >= 0 else { let code = errno; clear(slot); errno = code; return nil }
        state.state.store(created, ordering: .sequentiallyConsistent)
        return (descriptor, String(cString: path), slot)
    }

    /// Gives the slot back: its file was renamed or removed.
    static func clear(_ slot: Int) {
        states[slot].state.store(free, ordering: .sequentiallyConsistent)
        pendingPaths[slot * slotSize] = 0
        taken.withLock { $0[slot] = false }
    }

    static func currentThread() -> UInt {
        #if canImport(Glibc)
        UInt(pthread_self())
        #else
        UInt(bitPattern: pthread_self())
        #endif
    }
}

private func removePendingAndReraise(_ signalNumber: Int32) {
    InterruptCleanup.dying.store(true, ordering: .sequentiallyConsistent)
    let me = InterruptCleanup.currentThread()
    for slot in 0..<InterruptCleanup.slots {
        let state = InterruptCleanup.states[slot]
        // Another thread inside mkstemp: wait (boundedly) until its file exists or it failed.
        var spins = 0
        while state.state.load(ordering: .sequentiallyConsistent) == InterruptCleanup.creating,
              state.creator.load(ordering: .sequentiallyConsistent) != me, spins < 50_000_000 {
            spins += 1
        }
        guard state.state.load(ordering: .sequentiallyConsistent) != InterruptCleanup.free else { continue }
        let path = InterruptCleanup.pendingPaths + slot * InterruptCleanup.slotSize
        if path[0] != 0 { unlink(path) }
    }
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
}
