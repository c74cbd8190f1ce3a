import CYaml

/// Bounds what YAML aliases expand to before a text reaches Yams, whose composed tree and every
/// walk over it (duplicate-key hashing, validation) repeat an aliased node at each alias: ten
/// anchors of ten aliases each ("billion laughs") stand for 10^10 nodes in a few hundred bytes.
///
/// Reads the text once with libyaml's event parser (the one Yams uses), keeps the expanded size of
/// every anchored node, and stops at the first alias that takes the nodes added by aliases past
/// the limit. Nodes written out in full cost nothing, so large plain files are never refused.
public enum YAMLAliasExpansion {
    /// Nodes that aliases may add to a document stream; real rule and configuration files add tens.
    public static let defaultLimit = 100_000

    /// An alias that takes the expansion past the limit, at its 1-based line and column.
    public struct Excess: Error, Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var anchor: String
        public var limit: Int

        /// "the alias *a expands past 100000 nodes (a YAML alias bomb)"
        public var message: String { "the alias *\(anchor) takes the nodes added by aliases past \(limit) (a YAML alias bomb)" }
    }

    /// The first alias past `limit`, or nil when the text stays within it or is not valid YAML
    /// (Yams reports that with its own position).
    public static func firstExcess(in text: String, limit: Int = defaultLimit) -> Excess? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in scan(buffer, limit: limit) }
    }

    private static func scan(_ buffer: UnsafeMutableBufferPointer<UInt8>, limit: Int) -> Excess? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)

        /// Expanded node count of each anchor defined so far.
        var anchorSizes: [String: Int] = [:]
        /// Open sequences and mappings: their anchor and expanded size so far.
        var open: [(anchor: String?, size: Int)] = []
        var addedByAliases = 0

        func add(_ size: Int) {
            guard !open.isEmpty else { return }
            open[open.count - 1].size = saturatingSum(open[open.count - 1].size, size)
        }

        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SCALAR_EVENT:
                if let anchor = name(event.data.scalar.anchor) { anchorSizes[anchor] = 1 }
                add(1)
            case YAML_SEQUENCE_START_EVENT:
                open.append((name(event.data.sequence_start.anchor), 1))
            case YAML_MAPPING_START_EVENT:
                open.append((name(event.data.mapping_start.anchor), 1))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let closed = open.popLast() else { break }
                if let anchor = closed.anchor { anchorSizes[anchor] = closed.size }
                add(closed.size)
            case YAML_ALIAS_EVENT:
                let anchor = name(event.data.alias.anchor) ?? ""
                let size = anchorSizes[anchor] ?? 1
                addedByAliases = saturatingSum(addedByAliases, size)
                if addedByAliases > limit {
                    return Excess(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1,
                                  anchor: anchor, limit: limit)
                }
                add(size)
            default:
                break
            }
        }
    }

    private static func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}
