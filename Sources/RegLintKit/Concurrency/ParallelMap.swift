import Foundation

/// Maps `0..<count` on several threads, results in index order: the registrations of one large
/// collection file are independent once it is parsed (DESIGN §11, "both cores"), and so are the
/// credentials of one huge registration. In a folder below every stage, so any may use it.
enum ParallelMap {
    static func map<T: Sendable>(count: Int, parallelism: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard parallelism > 1, count > 1 else { return (0..<count).map(body) }
        let slots = Slots<T>(count: count)
        let chunks = min(count, parallelism * 4)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = count * chunk / chunks
            let end = count * (chunk + 1) / chunks
            for index in start..<end { slots.store(body(index), at: index) }
        }
        return slots.values()
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
