import Foundation

/// Decides what a file is and hands it to the adapter for its format.
public struct InputAdapter: Sendable {
    public var parser: JSONParser
    /// Takes a root object as one application without detection (rule examples are partial apps).
    public var rootIsApplication: Bool
    /// Threads a collection's applications are adapted on (each is adapted on its own).
    public var parallelism: Int
    /// False when the file's folder is known to have no `Owners` folder
    /// (`InputFile.listedWithoutOwners`): an EntraExporter application gets none without a look.
    var readsOwners = true

    public init(parser: JSONParser = JSONParser(), rootIsApplication: Bool = false, parallelism: Int = 1) {
        self.parser = parser
        self.rootIsApplication = rootIsApplication
        self.parallelism = parallelism
    }

    /// Applications a collection needs before its applications are adapted on several threads.
    static let parallelCollectionSize = 1_024

    /// The parsed file, ready for positions: its UTF-8 text and, for JSON, the tape.
    public struct Parsed: Sendable {
        public var text: [UInt8]
        public var document: JSONDocument?
        public var adapted: AdaptedInput
        /// The text's line table, when it was built beside the parse (`besideParseSize`).
        public var lines: LineTable?

        init(text: [UInt8], document: JSONDocument?, adapted: AdaptedInput, lines: LineTable? = nil) {
            self.text = text
            self.document = document
            self.adapted = adapted
            self.lines = lines
        }
    }

    /// The size from which a JSON file's line table is built on another thread while it is
    /// parsed: the parse of a large collection is serial, the other core idle (the table of a
    /// 51 MB collection was 25 to 35 ms of its run, after the parse, on one core).
    static let besideParseSize = 1 << 20

    /// Why a file could not be adapted.
    public enum Failure: Error, Sendable {
        /// Not well-formed, at a byte offset of the UTF-8 text.
        case malformed(offset: Int, message: String, text: [UInt8])
        /// Rejected by the XML reader (not well-formed, or a DTD).
        case xml(line: Int, column: Int, message: String, offset: Int)
        /// Well-formed but not an export reglint knows.
        case unrecognized
    }

    /// - Parameters: `name` is the file's name as reported (a hint for configuration files);
    ///   `path`, when it is a file on disk, lets an EntraExporter application find its owners.
    public func adapt(_ bytes: [UInt8], name: String, path: String? = nil, walked: Bool = false) -> Result<Parsed, Failure> {
        let encoding = TextDecoding.detect(bytes)
        let text = TextDecoding.utf8(bytes, encoding: encoding)
        if !rootIsApplication, ConfigFileAdapter.isDotenvName(name) {
            guard let settings = ConfigFileAdapter.settings(fromDotenv: text) else { return .failure(.unrecognized) }
            return .success(Parsed(text: text, document: nil, adapted: configuration(.dotenv, settings, name: name)))
        }
        if InputAdapter.firstSignificantByte(text) == UInt8(ascii: "<") {
            // A walk passes over XML that is neither CliXml nor a .config file before judging it.
            if walked, let root = XMLReader.rootElementName(text), root != "Objs", root != "configuration" { return .failure(.unrecognized) }
            // libxml2 detects a byte order mark itself; UTF-16 without one is handed over transcoded.
            let bomless = encoding == .utf16LEWithoutBOM || encoding == .utf16BEWithoutBOM
            return adaptXML(bomless ? text : bytes, text: text, name: name, encoding: bomless ? "UTF-8" : nil)
        }
        let document: JSONDocument
        var lines: LineTable?
        let parser = self.parser
        let parse = { Result { () throws(JSONParseError) -> JSONDocument in try parser.parse(text) } }
        let parsed: Result<JSONDocument, JSONParseError>
        if parallelism > 1, text.count >= Self.besideParseSize {
            (lines, parsed) = ParallelMap.both(beside: { LineTable(bytes: text) }, here: parse)
        } else {
            parsed = parse()
        }
        switch parsed {
        case .success(let value): document = value
        case .failure(let error):
            return .failure(.malformed(offset: error.offset, message: "not valid JSON: \(error.message)", text: text))
        }
        if !rootIsApplication, TerraformAdapter.isTerraform(document.root) {
            let isPlan = document.root.member("planned_values") != nil
            let registrations = TerraformAdapter.adapt(document.root)
            guard !registrations.isEmpty else { return .failure(.unrecognized) }
            let adapted = AdaptedInput(format: isPlan ? .terraformPlan : .terraformState, registrations: registrations, notices: [], truncations: [])
            return .success(Parsed(text: text, document: document, adapted: adapted, lines: lines))
        }
        guard let found = GraphJSONAdapter.applicationObjects(in: document, rootIsApplication: rootIsApplication) else {
            if GraphJSONAdapter.isRequiredResourceAccessList(document.root) {
                // The permissions of a registration, without the registration around them.
                let root = ModelNode.json(document.root)
                let registration = ModelNode.object(["requiredresourceaccess": root], fallback: nil, origin: root.origin)
                let notice = InputNotice(message: "a bare requiredResourceAccess list: linted as the permissions of a registration with an unknown identity", span: document.root.span)
                var adapted = AdaptedInput(format: .graphJSON, registrations: [registration], notices: [notice], truncations: [])
                adapted.pointers = [""]
                return .success(Parsed(text: text, document: document, adapted: adapted, lines: lines))
            }
            if ConfigFileAdapter.isConfigJSON(document.root, name: name) {
                let adapted = configuration(.configJSON, ConfigFileAdapter.settings(fromJSON: document.root), name: name)
                return .success(Parsed(text: text, document: document, adapted: adapted, lines: lines))
            }
            return .failure(.unrecognized)
        }
        // A collection's applications are adapted on every thread, in runs of consecutive ones
        // joined in order (a tenant's 10,000 were a serial tenth of its run, the other cores idle).
        let objects = found.objects
        let runs = parallelism > 1 && objects.count >= Self.parallelCollectionSize ? parallelism * 4 : 1
        // Linted on several cores, each registration takes a handle of its own on the document.
        let handles = parallelism > 1 && objects.count > 1
        var parts = ParallelMap.map(count: runs, parallelism: runs > 1 ? parallelism : 1) { run in
            Self.canonical(objects, objects.count * run / runs..<objects.count * (run + 1) / runs, handles: handles)
        }
        let format = parts.first?.format ?? .graphJSON
        var registrations: [ModelNode] = []
        var truncations: [Truncation] = []
        registrations.reserveCapacity(objects.count)
        for run in parts.indices {
            registrations += parts[run].registrations
            truncations += parts[run].truncations
            parts[run].registrations = []
        }
        var adapted = AdaptedInput(format: format, registrations: registrations, notices: found.notices, truncations: truncations)
        adapted.pointers = found.pointers
        if let path, format == .graphJSON, registrations.count == 1, let folder = EntraExporterTree.applicationFolder(of: path),
           let registration = registrations.first {
            // The registration is its JSON object, or that object under the type guard's
            // overlay and member index: the owners join either.
            var members = ModelMembers()
            var raw: JSONValue?
            switch registration {
            case .json(let value): raw = value
            case .object(let existing): (members, raw) = (existing.members, existing.fallback)
            case .array, .scalar, .field: break
            }
            if let raw {
                adapted.format = .entraExporter
                let owners = readsOwners ? EntraExporterTree.owners(inApplicationFolder: folder, parser: parser) : []
                members["owners"] = .array(owners, origin: .computed)
                adapted.registrations = [.object(members, fallback: raw, origin: ModelNode.json(raw).origin)]
            }
        }
        return .success(Parsed(text: text, document: document, adapted: adapted, lines: lines))
    }

    /// The canonical models of a run of a collection's applications, the format of the first,
    /// and the properties a PowerShell export cut short; with `handles`, each application's
    /// values on a handle of their own (`JSONDocument.handle`).
    private static func canonical(_ objects: [JSONValue], _ range: Range<Int>, handles: Bool) -> (registrations: [ModelNode], format: InputFormat?, truncations: [Truncation]) {
        var mapper = SchemaMapper()
        var format: InputFormat?
        var registrations: [ModelNode] = []
        registrations.reserveCapacity(range.count)
        for shared in objects[range] {
            let object = handles ? JSONValue(document: shared.document.handle(), index: shared.index) : shared
            let kind: InputFormat
            if LegacyManifestAdapter.isLegacy(.json(object)) {
                kind = .legacyManifest
                registrations.append(LegacyManifestAdapter.canonical(.json(object), mapper: &mapper))
            } else if PowerShellJSONAdapter.isPowerShell(object) {
                kind = .powerShellJSON
                registrations.append(PowerShellJSONAdapter.canonical(object, mapper: &mapper))
            } else {
                kind = .graphJSON
                registrations.append(JSONTypeGuard.guarded(object))
            }
            if format == nil { format = kind }
        }
        return (registrations, format, mapper.truncations)
    }

    func configuration(_ format: InputFormat, _ settings: [ConfigSetting], name: String) -> AdaptedInput {
        let origin = NodeOrigin(span: SourceSpan(start: 0, end: 0), pointer: "")
        var adapted = AdaptedInput(format: format, registrations: [], notices: [], truncations: [])
        adapted.configuration = ConfigFileAdapter.canonical(settings, fileName: (name as NSString).lastPathComponent, origin: origin)
        return adapted
    }

    func adaptXML(_ bytes: [UInt8], text: [UInt8], name: String, encoding: String? = nil) -> Result<Parsed, Failure> {
        let root: XMLElement
        do {
            root = try XMLReader.read(bytes, text: text, encoding: encoding)
        } catch {
            let table = LineTable(bytes: text)
            let offset = error.line - 1 < table.lineStarts.count ? Int(table.lineStarts[max(0, error.line - 1)]) : 0
            return .failure(.xml(line: error.line, column: error.column, message: error.message, offset: offset))
        }
        if ConfigFileAdapter.isWebConfig(root) {
            return .success(Parsed(text: text, document: nil, adapted: configuration(.webConfig, ConfigFileAdapter.settings(fromWebConfig: root), name: name)))
        }
        guard CliXmlAdapter.isCliXml(root) else { return .failure(.unrecognized) }
        var mapper = SchemaMapper()
        let registrations: [ModelNode]
        let secrets: [String]
        do {
            (registrations, secrets) = try CliXmlAdapter.adapt(root, mapper: &mapper)
        } catch {
            let p = LineTable(bytes: text).position(of: error.span.start)
            return .failure(.xml(line: p.line, column: p.column, message: error.message, offset: error.span.start))
        }
        guard !registrations.isEmpty else { return .failure(.unrecognized) }
        var adapted = AdaptedInput(format: .cliXml, registrations: registrations, notices: [], truncations: mapper.truncations)
        adapted.secrets = secrets
        return .success(Parsed(text: text, document: nil, adapted: adapted))
    }

    /// The first byte that is not a BOM or white space.
    static func firstSignificantByte(_ text: [UInt8]) -> UInt8? {
        var k = text.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while k < text.count, text[k] == 0x20 || text[k] == 0x09 || text[k] == 0x0A || text[k] == 0x0D { k += 1 }
        return k < text.count ? text[k] : nil
    }
}
