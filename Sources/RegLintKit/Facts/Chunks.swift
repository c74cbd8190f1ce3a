/// An append-only list kept in fixed-size chunks: it grows without copying what it holds, so a
/// list of 250,000 entries never needs the old and the new storage at once (an array's growth
/// does), and wastes at most one chunk.
struct Chunks<Element: Sendable>: Sendable {
    private static var chunkSize: Int { 4096 }
    private var chunks: [[Element]] = []
    private(set) var count = 0

    init() {}

    mutating func append(_ element: Element) {
        if count % Self.chunkSize == 0 {
            // The first chunk grows as an array does (most lists are a file's few entries);
            // later ones are made whole.
            var chunk: [Element] = []
            if count > 0 { chunk.reserveCapacity(Self.chunkSize) }
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    subscript(position: Int) -> Element {
        chunks[position / Self.chunkSize][position % Self.chunkSize]
    }

    /// Each element in order.
    func forEach(_ body: (Element) -> Void) {
        for chunk in chunks { for element in chunk { body(element) } }
    }
}
