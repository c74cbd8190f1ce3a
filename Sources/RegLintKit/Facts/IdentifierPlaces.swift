/// Where each password credential keyId and application appId of a file is: its span, pointer
/// and registration, as a `RunMatch` (the related location of REG302's finding).
///
/// Made for each file as it is linted (then reduced to the run index's keys), and again for
/// a file a configuration setting names. A collection of 100,000 apps holds about 250,000
/// identifiers, so the places are compact: a GUID is kept as its 128 bits, a place as numbers,
/// the pointers and labels as bytes in one buffer, and there is no hash table: identifiers are
/// appended, and sorted once (`seal`) for the lookups.
public struct IdentifierPlaces: Sendable {
    /// A credential or application elsewhere in the run.
    public typealias Target = RunMatch

    /// A GUID's 128 bits (case does not matter); only the `8-4-4-4-12` hex form is one.
    struct Key: Hashable, Sendable {
        let high: UInt64
        let low: UInt64

        init?(_ text: String) {
            var high: UInt64 = 0, low: UInt64 = 0, count = 0, position = 0
            for c in text.utf8 {
                defer { position += 1 }
                if position == 8 || position == 13 || position == 18 || position == 23 {
                    guard c == UInt8(ascii: "-") else { return nil }
                    continue
                }
                let digit: UInt8
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
                default: return nil
                }
                if count < 16 { high = high << 4 | UInt64(digit) } else { low = low << 4 | UInt64(digit) }
                count += 1
                if count > 32 { return nil }
            }
            guard count == 32, position == 36 else { return nil }
            self.high = high
            self.low = low
        }
    }

    /// A registration that holds identifiers: its file (an index into `paths`), and its pointer
    /// and label as bytes of `text` (kept once for all its identifiers).
    struct Owner: Sendable {
        var path: Int32
        var pointerLength: Int32
        var labelLength: Int32
        var text: Int
    }

    /// One identifier and its place: its registration, its span, and its pointer below the
    /// registration's (an index into `suffixes`: a handful of distinct ones, `/appId`, …; a
    /// negative one, `-1 - index`, is a whole pointer). 40 bytes: a span on one line, as many
    /// bytes as columns (a quoted GUID), ends at `endColumn`; another's end is `ends[-1 - endColumn]`.
    struct Entry: GUIDKeyed {
        var key: Key
        var owner: Int32
        var suffix: Int32
        var startLine: Int32, startColumn: Int32
        var endColumn: Int32
        var startOffset: UInt32
    }

    /// Identifiers in the order they were recorded, in chunks (no copy of the whole as it grows).
    private var credentials = Chunks<Entry>()
    private var applications = Chunks<Entry>()
    /// Once sealed: the entries' positions sorted by key, then by position (the earlier wins).
    private var credentialOrder: [Int32]?
    private var applicationOrder: [Int32]?
    private var owners = Chunks<Owner>()
    /// The ends of the few spans an entry cannot give by its end column.
    private var ends: [SourcePosition] = []
    private var text: [UInt8] = []
    private var paths: [String] = []
    private var suffixes: [String] = []
    private var suffixIndex: [String: Int32] = [:]

    public init() {}

    /// The number of credentials and applications recorded (an identifier seen twice counts twice).
    public var count: (credentials: Int, applications: Int) { (credentials.count, applications.count) }

    /// The password credential whose keyId is `guid` (any case), if the run has one.
    public func credential(_ guid: String) -> Target? {
        Key(guid).flatMap { credentials.firstPosition(of: $0, order: credentialOrder) }.map { target(credentials[$0]) }
    }

    /// The application whose appId is `guid` (any case), if the run has one.
    public func application(_ guid: String) -> Target? {
        Key(guid).flatMap { applications.firstPosition(of: $0, order: applicationOrder) }.map { target(applications[$0]) }
    }

    /// The keyIds recorded, in order (repeats included).
    func credentialKeys(_ body: (Key) -> Void) { credentials.forEach { body($0.key) } }

    /// The appIds recorded, in order (repeats included).
    func applicationKeys(_ body: (Key) -> Void) { applications.forEach { body($0.key) } }

    /// Sorts the identifiers for lookups, once every part is in (before, a lookup scans them all).
    public mutating func seal() {
        credentialOrder = credentials.keyOrder()
        applicationOrder = applications.keyOrder()
    }

    /// Starts the identifiers of one registration, in the file at `path`, at `pointer`.
    mutating func beginRegistration(path: String, pointer: String, label: String) {
        let file: Int32
        if let last = paths.last, last == path { file = Int32(paths.count - 1) } else {
            paths.append(path)
            file = Int32(paths.count - 1)
        }
        let start = text.count
        text += pointer.utf8
        text += label.utf8
        owners.append(Owner(path: file, pointerLength: Int32(pointer.utf8.count), labelLength: Int32(label.utf8.count), text: start))
    }

    /// Records a credential keyId of the current registration (a value that is not a GUID is
    /// never looked up, so it is not kept); `location` is only worked out when it is recorded.
    mutating func recordCredential(_ keyID: String, _ location: () -> SourceLocation) {
        guard let key = Key(keyID) else { return }
        credentials.append(entry(key, location()))
        credentialOrder = nil
    }

    /// Records the current registration's appId.
    mutating func recordApplication(_ appID: String, _ location: () -> SourceLocation) {
        guard let key = Key(appID) else { return }
        applications.append(entry(key, location()))
        applicationOrder = nil
    }

    /// Adds another part's entries (the next registrations of a file, or the next file) after
    /// this one's; the earlier wins a lookup, so the result follows input order.
    mutating func merge(_ other: IdentifierPlaces) {
        if owners.count == 0 {
            // The first part is taken whole (a 10,000-app collection's, without copying it).
            self = other
            return
        }
        let ownerShift = Int32(owners.count), textShift = text.count
        var pathShift = Int32(paths.count)
        // Parts of one file (a collection's registrations) share its path.
        if other.paths.count == 1, paths.last == other.paths[0] { pathShift -= 1 } else { paths += other.paths }
        let suffixMap = other.suffixes.map { intern($0) }
        other.owners.forEach { owner in
            var owner = owner
            owner.path += pathShift
            owner.text += textShift
            owners.append(owner)
        }
        text += other.text
        let endShift = Int32(ends.count)
        ends += other.ends
        func shifted(_ entry: Entry) -> Entry {
            var entry = entry
            entry.owner += ownerShift
            if entry.endColumn < 0 { entry.endColumn -= endShift }
            entry.suffix = entry.suffix >= 0 ? suffixMap[Int(entry.suffix)] : -1 - suffixMap[Int(-1 - entry.suffix)]
            return entry
        }
        other.credentials.forEach { credentials.append(shifted($0)) }
        other.applications.forEach { applications.append(shifted($0)) }
        credentialOrder = nil
        applicationOrder = nil
    }

    private mutating func intern(_ suffix: String) -> Int32 {
        if let known = suffixIndex[suffix] { return known }
        suffixes.append(suffix)
        suffixIndex[suffix] = Int32(suffixes.count - 1)
        return Int32(suffixes.count - 1)
    }

    private mutating func entry(_ key: Key, _ location: SourceLocation) -> Entry {
        let ownerIndex = owners.count - 1
        let owner = owners[ownerIndex]
        // The pointer below the registration's own; one that is not below it is kept whole.
        let base = text[owner.text..<owner.text + Int(owner.pointerLength)]
        // The pointer's bytes read where they are (a copy of them was an allocation an entry).
        let relative = UTF8Bytes.with(location.pointer) { pointer in
            pointer.starts(with: base) && (pointer.count == base.count || pointer[base.count] == UInt8(ascii: "/"))
                ? String(decoding: UnsafeBufferPointer(rebasing: pointer[base.count...]), as: UTF8.self) : nil
        }
        let suffix = relative.map { intern($0) } ?? -1 - intern(location.pointer)
        let start = location.start, end = location.end
        let endColumn: Int32
        if end.line == start.line, end.offset - start.offset == end.column - start.column, start.offset <= Int(UInt32.max), end.column <= Int(Int32.max) {
            endColumn = Int32(end.column)
        } else {
            ends.append(end)
            endColumn = -Int32(ends.count)
        }
        return Entry(
            key: key, owner: Int32(ownerIndex), suffix: suffix,
            startLine: Self.narrow(start.line), startColumn: Self.narrow(start.column), endColumn: endColumn,
            startOffset: UInt32(clamping: start.offset))
    }

    private func target(_ entry: Entry) -> Target {
        let owner = owners[Int(entry.owner)]
        let pointerEnd = owner.text + Int(owner.pointerLength)
        let pointer = entry.suffix >= 0
            ? String(decoding: text[owner.text..<pointerEnd], as: UTF8.self) + suffixes[Int(entry.suffix)]
            : suffixes[Int(-1 - entry.suffix)]
        let label = String(decoding: text[pointerEnd..<pointerEnd + Int(owner.labelLength)], as: UTF8.self)
        let start = SourcePosition(line: Int(entry.startLine), column: Int(entry.startColumn), offset: Int(entry.startOffset))
        let location = SourceLocation(
            path: paths[Int(owner.path)],
            start: start,
            end: entry.endColumn >= 0
                ? SourcePosition(line: start.line, column: Int(entry.endColumn), offset: start.offset + Int(entry.endColumn) - start.column)
                : ends[Int(-1 - entry.endColumn)],
            pointer: pointer)
        return Target(location: location, label: label)
    }

    /// Lines and columns past 2^31 do not occur under the file size limit; they are clamped.
    private static func narrow(_ value: Int) -> Int32 { Int32(clamping: value) }
}
