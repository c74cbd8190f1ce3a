/// Pretty-printed JSON written straight into one UTF-8 buffer, for the JSON, SARIF, Code Quality
/// and rule reports. It exists because a tenant export gives reports of tens of megabytes: a tree
/// of values built first, then serialised, costs as much memory as the report again and most of
/// its time in copies. Members are written in call order, so output is byte-identical run to run
/// and reads in the spec's order.
///
/// Layout: two-space indentation, `"key": value`, an empty object or array as `{}` or `[]`, and a
/// final newline (`finished()`). A container opened with `oneLine` is written on one line with
/// nothing between tokens (`{"key":value,"k":[1,2]}`), with everything inside it: SARIF results
/// and notifications, one per line, so a log of 160,000 results is half the bytes (GitHub's
/// upload limit is on them) and still diffs a result a line. Strings are escaped as `JSONText`
/// escapes them.
///
/// Calls must nest: `key(_:)` only directly in an object and before each of its values, every
/// `begin…` closed by its `end…` (asserted in debug builds, where the reporters' tests run).
struct JSONWriter {
    private var bytes: [UInt8] = []
    /// Open containers.
    private var depth = 0
    /// True until the innermost open container holds a member.
    private var isEmpty = true
    /// True between a key and its value.
    private var afterKey = false
    /// The depth of the outermost open one-line container (its members and all inside them are
    /// written without line breaks); `Int.max` when none is open.
    private var oneLineDepth = Int.max

    /// Where full chunks go when the report is streamed; nil to keep the whole document.
    private let sink: ByteSink?
    /// The first error the sink threw; nothing more is sent after it.
    private(set) var sinkError: Error?

    /// `capacity`: the expected size in bytes (a large report grows without copying when it is right).
    init(capacity: Int = 1 << 12) {
        sink = nil
        bytes.reserveCapacity(capacity)
    }

    /// A writer that sends its bytes to `sink` in chunks of about `chunk` bytes (at `drain()`
    /// calls and at the end), keeping one chunk in memory.
    init(streamingTo sink: ByteSink, chunk: Int = 1 << 20) {
        self.sink = sink
        bytes.reserveCapacity(chunk + chunk / 4)
        self.chunk = chunk
    }

    private var chunk = Int.max

    /// A writer for consecutive values of an array open at `depth` in another writer, rendered
    /// apart (on another thread) and spliced in with `append(fragment:)` in order; `first` when
    /// no value precedes them in that array. The spliced bytes are those the other writer would
    /// have written itself.
    init(fragmentAtDepth depth: Int, first: Bool, capacity: Int = 1 << 16) {
        sink = nil
        self.depth = depth
        isEmpty = first
        bytes.reserveCapacity(capacity)
    }

    /// Splices in the values a fragment writer rendered for the array open here
    /// (`fragmentBytes`, made at `openDepth`).
    mutating func append(fragment: [UInt8]) {
        assert(!afterKey, "a fragment after a key")
        guard !fragment.isEmpty else { return }
        bytes.append(contentsOf: fragment)
        isEmpty = false
    }

    /// Sends what is buffered, then lets `copy` send values rendered apart (fragments made at
    /// `openDepth`, kept in a `Spool`) straight to the sink; `values` when it sent any.
    /// `renderedFirst`: the fragments were made as the array's first values (`first: true`),
    /// before it was known whether others would precede them here; the comma is written now if so.
    mutating func splice(values: Bool, renderedFirst: Bool = false, _ copy: (ByteSink) throws -> Void) {
        assert(!afterKey, "a splice after a key")
        if values && renderedFirst && !isEmpty { bytes.append(UInt8(ascii: ",")) }
        send()
        guard let sink, sinkError == nil else { return }
        do { try copy(sink) } catch { sinkError = error }
        if values { isEmpty = false }
    }

    /// A fragment writer's bytes, to splice into the writer it was made for.
    consuming func fragmentBytes() -> [UInt8] { bytes }

    /// The depth of the innermost open container (a fragment for it is made at this depth).
    var openDepth: Int { depth }

    /// Sends the buffer to the sink once it holds a chunk; call it between values (results).
    mutating func drain() {
        guard bytes.count >= chunk else { return }
        send()
    }

    private mutating func send() {
        guard let sink, sinkError == nil else { bytes.removeAll(keepingCapacity: true); return }
        do {
            try bytes.withUnsafeBufferPointer { try sink.write($0) }
        } catch {
            sinkError = error
        }
        bytes.removeAll(keepingCapacity: true)
    }

    /// Ends a streamed document: the final newline and the last chunk; throws the sink's error.
    consuming func finishStream() throws {
        assert(depth == 0, "a container left open")
        bytes.append(UInt8(ascii: "\n"))
        send()
        if let sinkError { throw sinkError }
    }

    // MARK: Containers

    /// `oneLine`: this object and everything in it on one line (see the type's layout).
    mutating func beginObject(oneLine: Bool = false) {
        open(UInt8(ascii: "{"))
        if oneLine && depth < oneLineDepth { oneLineDepth = depth }
    }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// The key of the next member of the open object.
    mutating func key(_ key: String) {
        assert(depth > 0 && !afterKey, "a key outside an object, or two keys in a row")
        newLine()
        quoted(key)
        bytes.append(UInt8(ascii: ":"))
        if depth < oneLineDepth { bytes.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    // MARK: Values

    mutating func string(_ value: String) {
        beginValue()
        quoted(value)
    }

    mutating func int(_ value: Int) {
        beginValue()
        digits(value)
    }

    mutating func bool(_ value: Bool) {
        beginValue()
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    mutating func null() {
        beginValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// A value whose bytes `write` appends as they are, inside a one-line container (where no
    /// layout is left to keep): for a value whose fixed parts are made once and reused, as SARIF
    /// locations are. `write` must append exactly one JSON value, with nothing between tokens.
    mutating func rawValue(_ write: (inout [UInt8]) -> Void) {
        assert(depth >= oneLineDepth, "raw bytes outside a one-line container")
        beginValue()
        write(&bytes)
    }

    /// A value written whole by `write`, in any container, laid out as a one-line container is
    /// (nothing between tokens): for a value of a fixed shape written thousands of times (SARIF
    /// notifications), its keys and punctuation appended as bytes. `write` must append exactly
    /// one JSON value.
    mutating func oneLineValue(_ write: (inout [UInt8]) -> Void) {
        beginValue()
        write(&bytes)
    }

    // MARK: Members (a key and its value)

    mutating func member(_ name: String, _ value: String) { key(name); string(value) }
    mutating func member(_ name: String, _ value: Int) { key(name); int(value) }
    mutating func member(_ name: String, _ value: Bool) { key(name); bool(value) }

    /// The value, or `null` when there is none.
    mutating func member(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    /// The value, or `null` when there is none.
    mutating func member(_ name: String, _ value: Int?) {
        key(name)
        if let value { int(value) } else { null() }
    }

    /// An array of strings.
    mutating func member(_ name: String, strings: some Sequence<String>) {
        key(name)
        beginArray()
        for value in strings { string(value) }
        endArray()
    }

    // MARK: Result

    /// The document with its final newline.
    consuming func finished() -> [UInt8] {
        assert(depth == 0, "a container left open")
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// The document with its final newline, as text.
    consuming func finishedText() -> String { String(decoding: finished(), as: UTF8.self) }

    // MARK: Layout

    private mutating func open(_ bracket: UInt8) {
        beginValue()
        bytes.append(bracket)
        depth += 1
        isEmpty = true
    }

    private mutating func close(_ bracket: UInt8) {
        assert(depth > 0 && !afterKey, "a container closed that was not open, or after a key")
        if depth == oneLineDepth {
            oneLineDepth = Int.max
        } else if !isEmpty && depth < oneLineDepth {
            bytes.append(UInt8(ascii: "\n"))
            indent(depth - 1)
        }
        depth -= 1
        bytes.append(bracket)
        // The container just closed is a member of the one around it.
        isEmpty = false
    }

    /// Before a value: in an array, the separator and indentation a key gives in an object.
    private mutating func beginValue() {
        if afterKey {
            afterKey = false
        } else if depth > 0 {
            newLine()
        }
    }

    /// The comma after the previous member, if any, a line break and the indentation.
    private mutating func newLine() {
        if isEmpty {
            isEmpty = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
        guard depth < oneLineDepth else { return }
        bytes.append(UInt8(ascii: "\n"))
        indent(depth)
    }

    private mutating func indent(_ depth: Int) {
        let width = 2 * depth
        if width <= Self.spaces.count {
            Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<width])) }
        } else {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width))
        }
    }

    /// Indentation for every depth a report reaches, copied in one call.
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private mutating func quoted(_ text: String) { JSONText.appendQuoted(text, to: &bytes) }

    /// Decimal digits without a temporary string.
    private mutating func digits(_ value: Int) { DecimalText.append(value, to: &bytes) }
}
