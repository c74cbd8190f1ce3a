/// The nodes a rule path resolves to. Nearly every path gives one node or none, so one node is
/// held inline: resolving a path allocates nothing in the common case (a one-element array per
/// lookup was an allocation and a free for each of the millions of lookups of a large run).
enum NodeList: RandomAccessCollection {
    case none
    case one(ModelNode)
    case many([ModelNode])

    var startIndex: Int { 0 }

    var endIndex: Int {
        switch self {
        case .none: 0
        case .one: 1
        case .many(let nodes): nodes.count
        }
    }

    subscript(position: Int) -> ModelNode {
        switch self {
        case .one(let node) where position == 0: node
        case .many(let nodes): nodes[position]
        default: preconditionFailure("NodeList index \(position) out of range")
        }
    }

    mutating func append(_ node: ModelNode) {
        switch self {
        case .none:
            self = .one(node)
        case .one(let first):
            self = .many([first, node])
        case .many(var nodes):
            self = .none
            nodes.append(node)
            self = .many(nodes)
        }
    }

    /// Each node replaced, keeping the list's shape (no array for one node).
    func mapNodes(_ transform: (ModelNode) -> ModelNode) -> NodeList {
        switch self {
        case .none: .none
        case .one(let node): .one(transform(node))
        case .many(let nodes): .many(nodes.map(transform))
        }
    }
}
