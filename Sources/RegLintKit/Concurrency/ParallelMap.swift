import Foundation

/// Maps `0..<count` on several threads, results in index order: the registrations of one large
/// collection file are independent once it is parsed (DESIGN §11, "both cores"), and so are the
/// credentials of one huge registration. In a folder below every stage, so any may use it.
enum ParallelMap {
    /// `chunks`: how many runs of consecutive indices the threads take one at a time (default
    /// four per thread; `count` when indices differ widely in cost, as rules do on one huge
    /// registration).
    static func map<T: Sendable>(count: Int, parallelism: Int, chunks: Int? = nil, _ body: @Sendable (Int) -> T) -> [T] {
        guard parallelism > 1, count > 1 else { return (0..<count).map(body) }
        let slots = Slots<T>(count: count)
        let chunks = max(1, min(count, chunks ?? parallelism * 4))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = count * chunk / chunks
            let end = count * (chunk + 1) / chunks
            for index in start..<end { slots.store(body(index), at: index) }
        }
        return slots.values()
    }

    /// `0..<count` in blocks of `block` indices, each made by `make` on `parallelism` threads, a
    /// window of four blocks a thread at a time, and handed to `take` in order: a report of
    /// 160,000 findings rendered on every core, holding a window of blocks rather than all.
    static func inBlocks<T: Sendable>(count: Int, block: Int, parallelism: Int, _ make: @Sendable (Range<Int>) -> T, take: (T) -> Void) {
        let blocks = (count + block - 1) / block
        var next = 0
        while next < blocks {
            let first = next
            let window = min(blocks - first, max(1, parallelism) * 4)
            let made = map(count: window, parallelism: parallelism) { k in
                make(((first + k) * block)..<min(count, (first + k + 1) * block))
            }
            for part in made { take(part) }
            next += window
        }
    }

    /// `beside` on another thread while `here` runs on this one; both results once both are done.
    static func both<A: Sendable, B>(beside: @escaping @Sendable () -> A, here: () -> B) -> (A, B) {
        let slot = Slots<A>(count: 1)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            slot.store(beside(), at: 0)
            done.signal()
        }
        let b = here()
        done.wait()
        // Stored before the signal, so the slot holds a value.
        return (slot.values()[0], b)
    }

    /// One slot per index, each initialized by exactly one thread before `values()` moves them all
    /// out (`concurrentPerform` and the semaphore of `both` order the stores before it). The
    /// slots are disjoint memory, so a store takes no lock, and the results are moved, not copied:
    /// a lock per store and a copy of every result (each field of 40,000 credentials' facts
    /// retained, then released with the slots) were a serial tenth of one huge registration's facts.
    private final class Slots<T>: @unchecked Sendable {
        private let base: UnsafeMutablePointer<T>
        private let count: Int
        private var moved = false

        init(count: Int) {
            self.count = count
            base = .allocate(capacity: max(count, 1))
        }

        func store(_ value: T, at index: Int) { (base + index).initialize(to: value) }

        /// Every value, in index order; called once, after every index was stored.
        func values() -> [T] {
            precondition(!moved, "ParallelMap slots are moved out once")
            moved = true
            return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
                if let address = buffer.baseAddress { address.moveInitialize(from: base, count: count) }
                initialized = count
            }
        }

        deinit {
            if !moved { base.deinitialize(count: count) }
            base.deallocate()
        }
    }
}
