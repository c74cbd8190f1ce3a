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

    /// One slot per index, each written by exactly one thread before `values()` reads them all.
    private final class Slots<T>: @unchecked Sendable {
        private var storage: [T?]
        private let lock = NSLock()

        init(count: Int) { storage = Array(repeating: nil, count: count) }

        func store(_ value: T, at index: Int) {
            lock.lock()
            storage[index] = value
            lock.unlock()
        }

        func values() -> [T] { storage.compactMap { $0 } }
    }
}
