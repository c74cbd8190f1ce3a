/// Decides what a file is and hands it to the adapter for its format.
public struct InputAdapter: Sendable {
    public var parser: JSONParser
    /// Takes a root object as one application without detection (rule examples are partial apps).
    public var rootIsApplication: Bool

    public init(parser: JSONParser = JSONParser(), rootIsApplication: Bool = false) {
        self.parser = parser
        self.rootIsApplication = rootIsApplication
    }

    /// The parsed file, ready for positions: its UTF-8 text and, for JSON, the tape.
    public struct Parsed: Sendable {
        public var text: [UInt8]
        public var document: JSONDocument?
        public var adapted: AdaptedInput
    }

    public enum Failure: Error, Sendable {
        /// Not well-formed, at a byte offset of the UTF-8 text.
        case malformed(offset: Int, message: String, text: [UInt8])
        /// Rejected by the XML reader (not well-formed, or a DTD).
        case xml(line: Int, column: Int, message: String, offset: Int)
        /// Well-formed but not an export reglint knows.
        case unrecognized
    }

    public func adapt(_ bytes: [UInt8], name: String) -> Result<Parsed, Failure> {
        let text = TextDecoding.utf8(bytes, encoding: TextDecoding.detect(bytes))
        if InputAdapter.firstSignificantByte(text) == UInt8(ascii: "<") {
            return adaptXML(bytes, text: text)
        }
        let document: JSONDocument
        do {
            document = try parser.parse(text)
        } catch {
            return .failure(.malformed(offset: error.offset, message: "not valid JSON: \(error.message)", text: text))
        }
        guard let found = GraphJSONAdapter.applicationObjects(in: document, rootIsApplication: rootIsApplication) else {
            return .failure(.unrecognized)
        }
        var mapper = SchemaMapper()
        var format = InputFormat.graphJSON
        var registrations: [ModelNode] = []
        for (index, object) in found.objects.enumerated() {
            let kind: InputFormat
            if LegacyManifestAdapter.isLegacy(object) {
                kind = .legacyManifest
                registrations.append(LegacyManifestAdapter.canonical(object, mapper: &mapper))
            } else if PowerShellJSONAdapter.isPowerShell(object) {
                kind = .powerShellJSON
                registrations.append(PowerShellJSONAdapter.canonical(object, mapper: &mapper))
            } else {
                kind = .graphJSON
                registrations.append(.json(object))
            }
            if index == 0 { format = kind }
        }
        let adapted = AdaptedInput(format: format, registrations: registrations, notices: found.notices, truncations: mapper.truncations)
        return .success(Parsed(text: text, document: document, adapted: adapted))
    }

    func adaptXML(_ bytes: [UInt8], text: [UInt8]) -> Result<Parsed, Failure> {
        let root: XMLElement
        do {
            root = try XMLReader.read(bytes, text: text)
        } catch {
            let table = LineTable(bytes: text)
            let offset = error.line - 1 < table.lineStarts.count ? table.lineStarts[max(0, error.line - 1)] : 0
            return .failure(.xml(line: error.line, column: error.column, message: error.message, offset: offset))
        }
        guard CliXmlAdapter.isCliXml(root) else { return .failure(.unrecognized) }
        var mapper = SchemaMapper()
        let (registrations, secrets) = CliXmlAdapter.adapt(root, mapper: &mapper)
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
