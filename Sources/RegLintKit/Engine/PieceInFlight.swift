import Foundation

/// One piece of a collection, linted in chunks by helper threads and by whoever waits for it.
///
/// A run hands a large collection on piece by piece; while one piece's reports are written (on
/// one thread), the helpers lint the next, and the writer joins them once it is done, so no core
/// idles and no more threads run than the run's parallelism. Chunks are taken in order from a
/// shared counter; results are kept by chunk, so their order does not depend on who linted them.
final class PieceInFlight: @unchecked Sendable {
    typealias Item = (RegistrationResult?, [String], IdentifierPlaces)

    /// Registrations per chunk: small enough to share a piece out evenly, large enough that
    /// taking one costs nothing next to linting it.
    static let chunkSize = 32

    let range: Range<Int>
    private let work: @Sendable (Range<Int>) -> [Item]
    private let chunkCount: Int
    private let condition = NSCondition()
    private var nextChunk = 0
    private var finishedChunks = 0
    private var chunks: [[Item]]

    /// Starts `helpers` threads on `range` (from a global queue: the caller holds a thread of
    /// the cooperative pool); `work` lints one chunk of it.
    init(range: Range<Int>, helpers: Int, work: @escaping @Sendable (Range<Int>) -> [Item]) {
        self.range = range
        self.work = work
        chunkCount = (range.count + Self.chunkSize - 1) / Self.chunkSize
        chunks = Array(repeating: [], count: chunkCount)
        for _ in 0..<min(max(0, helpers), max(0, chunkCount - 1)) {
            DispatchQueue.global().async { self.lintChunks() }
        }
    }

    /// Lints chunks until none is left to take.
    private func lintChunks() {
        while true {
            condition.lock()
            guard nextChunk < chunkCount else {
                condition.unlock()
                return
            }
            let chunk = nextChunk
            nextChunk += 1
            condition.unlock()
            let start = range.lowerBound + chunk * Self.chunkSize
            let items = work(start..<min(start + Self.chunkSize, range.upperBound))
            condition.lock()
            chunks[chunk] = items
            finishedChunks += 1
            if finishedChunks == chunkCount { condition.broadcast() }
            condition.unlock()
        }
    }

    /// The piece's results in registration order: lints what is left, then waits for the chunks
    /// the helpers took.
    func value() -> [Item] {
        lintChunks()
        condition.lock()
        while finishedChunks < chunkCount { condition.wait() }
        let items = chunks.flatMap { $0 }
        condition.unlock()
        return items
    }
}
