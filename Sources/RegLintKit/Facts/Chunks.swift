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

/// An entry found by a GUID: the run index's and the identifier places' lists are sorted and
/// searched the same way.
protocol GUIDKeyed: Sendable {
    var key: IdentifierPlaces.Key { get }
}

extension Chunks where Element: GUIDKeyed {
    /// The positions sorted by key, then by position (the earlier wins a lookup).
    func keyOrder() -> [Int32] {
        var order = (0..<Int32(count)).map { $0 }
        order.sort { a, b in
            let x = self[Int(a)].key, y = self[Int(b)].key
            return x != y ? (x.high, x.low) < (y.high, y.low) : a < b
        }
        return order
    }

    /// The position of the earliest entry with `key`: by binary search in `order` (`keyOrder`),
    /// or by a scan without one.
    func firstPosition(of key: IdentifierPlaces.Key, order: [Int32]?) -> Int? {
        guard let order else {
            for position in 0..<count where self[position].key == key { return position }
            return nil
        }
        var low = 0, high = order.count
        while low < high {
            let middle = (low + high) / 2
            let found = self[Int(order[middle])].key
            if (found.high, found.low) < (key.high, key.low) { low = middle + 1 } else { high = middle }
        }
        guard low < order.count, self[Int(order[low])].key == key else { return nil }
        return Int(order[low])
    }
}
