import CLibXML2

/// An XML element as the adapters see it: a Swift value with its position, never a C pointer.
public struct XMLElement: Sendable {
    /// The local name (`Obj`, `add`).
    public var name: String
    /// Attributes in document order (local names).
    public var attributes: [(name: String, value: String)]
    public var children: [XMLElement]
    /// The element's own text (its text and CDATA children, joined).
    public var text: String
    /// Byte range in the UTF-8 text: from the start tag's `<` to the end of the element when it
    /// ends on the same line, else to the end of its start tag.
    public var span: SourceSpan
    /// Byte range of each attribute's quoted value in the start tag, by attribute name.
    public var attributeSpans: [String: SourceSpan] = [:]

    public func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    public func children(named name: String) -> [XMLElement] { children.filter { $0.name == name } }
}

/// Why an XML file was rejected, and where.
public struct XMLReadError: Error, Sendable {
    public var line: Int
    public var column: Int
    public var message: String
}

/// Reads XML through libxml2 with no network, no DTD loading and no entity expansion; a document
/// that declares a DTD or entities is rejected before it is parsed.
public enum XMLReader {
    /// Parses `bytes` (the file as written, so libxml2 sees its BOM and declaration); positions are
    /// computed on `text`, the file's UTF-8 form, whose lines equal the original's.
    /// `encoding` overrides what the document declares (the UTF-8 form of a transcoded file).
    public static func read(_ bytes: [UInt8], text: [UInt8], maxDepth: Int = 256, encoding: String? = nil) throws(XMLReadError) -> XMLElement {
        let table = LineTable(bytes: text)
        if let offset = declarationOffset(text) {
            let p = table.position(of: offset)
            throw XMLReadError(line: p.line, column: p.column, message: "the document declares a DTD or entities (<!DOCTYPE or <!ENTITY), which reglint refuses to process")
        }
        if let crowded = crowdingOffset(text) {
            let p = table.position(of: crowded.offset)
            throw XMLReadError(line: p.line, column: p.column, message: crowded.message)
        }
        guard let context = xmlNewParserCtxt() else {
            throw XMLReadError(line: 1, column: 1, message: "libxml2 could not create a parser")
        }
        defer { xmlFreeParserCtxt(context) }
        // NONET: never touch the network. No NOENT, no DTDLOAD: entities are neither expanded nor fetched.
        // BIG_LINES: without it xmlGetLineNo() stops at 65535.
        let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_BIG_LINES.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlCtxtReadMemory(context, $0.baseAddress, Int32($0.count), "input.xml", encoding, options) }
        }
        guard let document else {
            if let error = xmlCtxtGetLastError(context) {
                let message = libxml2Message(error.pointee.message.map { String(cString: $0) } ?? "not well-formed")
                throw XMLReadError(line: max(1, Int(error.pointee.line)), column: max(1, Int(error.pointee.int2)), message: "not well-formed XML: \(message)")
            }
            throw XMLReadError(line: 1, column: 1, message: "not well-formed XML")
        }
        defer { xmlFreeDoc(document) }
        if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
            throw XMLReadError(line: 1, column: 1, message: "the document declares a DTD, which reglint refuses to process")
        }
        guard let root = xmlDocGetRootElement(document) else {
            throw XMLReadError(line: 1, column: 1, message: "the document has no root element")
        }
        var locator = TagLocator(text: text, table: table)
        return try convert(root, depth: 0, maxDepth: maxDepth, locator: &locator)
    }

    private static func convert(_ node: xmlNodePtr, depth: Int, maxDepth: Int, locator: inout TagLocator) throws(XMLReadError) -> XMLElement {
        let name = String(cString: node.pointee.name)
        let line = Int(xmlGetLineNo(node))
        guard depth < maxDepth else {
            throw XMLReadError(line: max(line, 1), column: 1, message: "elements nest deeper than \(maxDepth) levels")
        }
        let qualified: String
        if let prefix = node.pointee.ns?.pointee.prefix { qualified = String(cString: prefix) + ":" + name } else { qualified = name }
        let span = locator.locate(qualified, line: line)
        var attributes: [(String, String)] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let attributeName = String(cString: current.pointee.name)
            var value = ""
            if let raw = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
                value = String(cString: raw)
                clibxml2_free(raw)
            }
            attributes.append((attributeName, value))
            attribute = current.pointee.next
        }
        var children: [XMLElement] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(try convert(current, depth: depth + 1, maxDepth: maxDepth, locator: &locator))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default:
                break
            }
            child = current.pointee.next
        }
        var element = XMLElement(name: name, attributes: attributes.map { (name: $0.0, value: $0.1) }, children: children, text: text, span: locator.finish(qualified, span))
        element.attributeSpans = locator.attributeSpans(in: span)
        return element
    }

    /// The root element's name, read from the text without parsing it (past the declaration,
    /// comments, processing instructions and any DOCTYPE with its internal subset).
    /// libxml2's wording without any of the input it quotes (an entity name, an attribute value or
    /// a tag can be a secret, and a file that fails to parse is never masked): the first line only
    /// (the second shows the line's bytes), up to its first colon, quoted text replaced by `…`.
    static func libxml2Message(_ full: String) -> String {
        var line = Substring(full.split(separator: "\n").first ?? "")
        if let colon = line.firstIndex(of: ":") { line = line[..<colon] }
        var out = ""
        var quote: Character?
        for character in line {
            if let open = quote {
                if character == open { out.append("…"); out.append(character); quote = nil }
            } else {
                out.append(character)
                if character == "'" || character == "\"" { quote = character }
            }
        }
        if quote != nil { out.append("…") }
        let trimmed = TextTrim.spaces(out)
        return trimmed.isEmpty ? "not well-formed" : trimmed
    }

    public static func rootElementName(_ text: [UInt8]) -> String? {
        var k = text.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func starts(_ word: String) -> Bool {
            let w = Array(word.utf8)
            return k + w.count <= text.count && Array(text[k..<(k + w.count)]) == w
        }
        func skip(past word: String) {
            let w = Array(word.utf8)
            while k + w.count <= text.count, Array(text[k..<(k + w.count)]) != w { k += 1 }
            k += w.count
        }
        while k < text.count {
            let c = text[k]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { k += 1; continue }
            guard c == UInt8(ascii: "<") else { return nil }
            if starts("<?") { skip(past: "?>"); continue }
            if starts("<!--") { skip(past: "-->"); continue }
            if starts("<!") {
                // DOCTYPE, possibly with an internal subset in brackets.
                var depth = 0
                while k < text.count {
                    if text[k] == UInt8(ascii: "[") { depth += 1 } else if text[k] == UInt8(ascii: "]") { depth -= 1 } else if text[k] == UInt8(ascii: ">"), depth <= 0 { k += 1; break }
                    k += 1
                }
                continue
            }
            var end = k + 1
            while end < text.count, ![0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/")].contains(text[end]) { end += 1 }
            let name = String(decoding: text[(k + 1)..<end], as: UTF8.self)
            return name.split(separator: ":").last.map(String.init) ?? name
        }
        return nil
    }

    /// Most attributes one element may carry, and most distinct element and attribute names in
    /// one document. libxml2 2.9 checks each new attribute against the ones before it and interns
    /// every name in a dictionary that degrades with many distinct names: 100,000 attributes on
    /// one element took over 10 s, a million distinct element names never ended. Exports use a
    /// few dozen names.
    static let maxAttributesPerElement = 10_000
    static let maxDistinctNames = 50_000

    /// Why the document is refused before libxml2 sees it, and where: too many attributes on one
    /// start tag (`=` signs outside quotes) or too many distinct names (tokens outside quotes in
    /// tags); comments, CDATA sections and processing instructions are skipped. One linear pass.
    static func crowdingOffset(_ text: [UInt8], attributes: Int = maxAttributesPerElement, names: Int = maxDistinctNames) -> (offset: Int, message: String)? {
        let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), equals = UInt8(ascii: "=")
        var k = 0
        let n = text.count
        var seen = Set<UInt64>()
        while k < n {
            guard text[k] == lt else { k += 1; continue }
            let start = k
            if k + 3 < n, text[k + 1] == UInt8(ascii: "!"), text[k + 2] == UInt8(ascii: "-"), text[k + 3] == UInt8(ascii: "-") {
                k += 4
                while k + 2 < n, !(text[k] == UInt8(ascii: "-") && text[k + 1] == UInt8(ascii: "-") && text[k + 2] == gt) { k += 1 }
                k += 3
                continue
            }
            if k + 1 < n, text[k + 1] == UInt8(ascii: "!") || text[k + 1] == UInt8(ascii: "?") {
                // CDATA, processing instruction or declaration: skipped to its end.
                k += 2
                while k < n, text[k] != gt { k += 1 }
                continue
            }
            var count = 0
            var quote: UInt8?
            var hash: UInt64 = 0xcbf29ce484222325
            var inToken = false
            k += 1
            while k < n {
                let b = text[k]
                if let open = quote {
                    if b == open { quote = nil }
                    k += 1
                    continue
                }
                let isNameByte = !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == equals || b == gt || b == lt
                    || b == UInt8(ascii: "/") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'"))
                if isNameByte {
                    hash = (hash ^ UInt64(b)) &* 0x100000001b3
                    inToken = true
                } else if inToken {
                    inToken = false
                    if seen.insert(hash).inserted, seen.count > names {
                        return (start, "the document uses more than \(names) distinct element and attribute names, which reglint refuses to process")
                    }
                    hash = 0xcbf29ce484222325
                }
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    quote = b
                } else if b == equals {
                    count += 1
                    if count > attributes { return (start, "an element has more than \(attributes) attributes, which reglint refuses to process") }
                } else if b == gt || b == lt {
                    break
                }
                k += 1
            }
        }
        return nil
    }

    /// Offset of a `<!DOCTYPE` or `<!ENTITY` outside comments, if any.
    static func declarationOffset(_ text: [UInt8]) -> Int? {
        let doctype = Array("<!DOCTYPE".utf8)
        let entity = Array("<!ENTITY".utf8)
        var k = 0
        while k < text.count {
            if text[k] == UInt8(ascii: "<"), k + 3 < text.count, text[k + 1] == UInt8(ascii: "!"), text[k + 2] == UInt8(ascii: "-"), text[k + 3] == UInt8(ascii: "-") {
                k += 4
                while k + 2 < text.count, !(text[k] == UInt8(ascii: "-") && text[k + 1] == UInt8(ascii: "-") && text[k + 2] == UInt8(ascii: ">")) { k += 1 }
                k += 3
                continue
            }
            if text[k] == UInt8(ascii: "<"), starts(text, at: k, with: doctype) || starts(text, at: k, with: entity) { return k }
            k += 1
        }
        return nil
    }

    private static func starts(_ text: [UInt8], at k: Int, with word: [UInt8]) -> Bool {
        guard k + word.count <= text.count else { return false }
        for j in 0..<word.count where text[k + j] & 0xDF != word[j] & 0xDF { return false }
        return true
    }
}

/// Finds each element's start tag in the text: libxml2 keeps line numbers but no columns, and
/// elements come in document order, so each search starts where the previous one ended.
struct TagLocator {
    let text: [UInt8]
    let table: LineTable
    var cursor = 0

    /// The start tag of the next element named `name` after the previous one. Elements come in
    /// document order, so the search starts where the last one ended; comments, CDATA sections
    /// and processing instructions are stepped over (libxml2's line is where a tag *ends*, so it
    /// cannot be the starting point for a tag that spans lines).
    mutating func locate(_ name: String, line: Int) -> SourceSpan {
        let needle = Array(("<" + name).utf8)
        var k = cursor
        while k + needle.count <= text.count {
            guard text[k] == UInt8(ascii: "<") else { k += 1; continue }
            if let skipped = skipMarkup(at: k) { k = skipped; continue }
            if Array(text[k..<(k + needle.count)]) == needle {
                let after = k + needle.count < text.count ? text[k + needle.count] : 0
                if after == UInt8(ascii: ">") || after == UInt8(ascii: "/") || after == 0x20 || after == 0x09 || after == 0x0A || after == 0x0D {
                    cursor = k + needle.count
                    return SourceSpan(start: k, end: tagEnd(from: k))
                }
            }
            k += 1
        }
        let lineStart = line >= 1 && line <= table.lineStarts.count ? Int(table.lineStarts[line - 1]) : 0
        return SourceSpan(start: lineStart, end: lineStart)
    }

    /// Where `<!--…-->`, `<![CDATA[…]]>`, `<?…?>` and `<!…>` starting at `k` end, if one does.
    private func skipMarkup(at k: Int) -> Int? {
        func starts(_ word: String) -> Bool {
            let w = Array(word.utf8)
            return k + w.count <= text.count && Array(text[k..<(k + w.count)]) == w
        }
        func find(_ word: String, from start: Int) -> Int {
            let w = Array(word.utf8)
            var j = start
            while j + w.count <= text.count {
                if text[j] == w[0], Array(text[j..<(j + w.count)]) == w { return j + w.count }
                j += 1
            }
            return text.count
        }
        if starts("<!--") { return find("-->", from: k + 4) }
        if starts("<![CDATA[") { return find("]]>", from: k + 9) }
        if starts("<?") { return find("?>", from: k + 2) }
        if starts("<!") { return find(">", from: k + 2) }
        return nil
    }

    /// The quoted values of the attributes in the start tag `span`.
    func attributeSpans(in span: SourceSpan) -> [String: SourceSpan] {
        var out: [String: SourceSpan] = [:]
        var k = span.start + 1
        while k < span.end, text[k] != 0x20, text[k] != 0x09, text[k] != 0x0A, text[k] != 0x0D, text[k] != UInt8(ascii: ">") { k += 1 }
        while k < span.end {
            while k < span.end, text[k] == 0x20 || text[k] == 0x09 || text[k] == 0x0A || text[k] == 0x0D { k += 1 }
            let nameStart = k
            while k < span.end, text[k] != UInt8(ascii: "="), text[k] != 0x20, text[k] != UInt8(ascii: ">"), text[k] != UInt8(ascii: "/") { k += 1 }
            let name = String(decoding: text[nameStart..<k], as: UTF8.self)
            while k < span.end, text[k] == 0x20 || text[k] == 0x09 { k += 1 }
            guard k < span.end, text[k] == UInt8(ascii: "=") else { k += 1; continue }
            k += 1
            while k < span.end, text[k] == 0x20 || text[k] == 0x09 || text[k] == 0x0A || text[k] == 0x0D { k += 1 }
            guard k < span.end, text[k] == UInt8(ascii: "\"") || text[k] == UInt8(ascii: "'") else { continue }
            let quote = text[k]
            let valueStart = k
            k += 1
            while k < span.end, text[k] != quote { k += 1 }
            let local = name.split(separator: ":").last.map(String.init) ?? name
            out[local] = SourceSpan(start: valueStart, end: min(k + 1, span.end))
            k += 1
        }
        return out
    }

    /// Extends the span over the end tag when the element closes on the line it opened.
    func finish(_ name: String, _ span: SourceSpan) -> SourceSpan {
        guard span.end > span.start, span.end >= 2, text[span.end - 2] != UInt8(ascii: "/") else { return span }
        let close = Array(("</" + name + ">").utf8)
        var k = span.end
        // Bounded: in a one-line (minified) document "the rest of the line" is the rest of the file.
        let limit = min(text.count, span.end + 4096)
        while k + close.count <= limit, text[k] != 0x0A {
            if text[k] == UInt8(ascii: "<"), Array(text[k..<(k + close.count)]) == close { return SourceSpan(start: span.start, end: k + close.count) }
            k += 1
        }
        return span
    }

    private func tagEnd(from start: Int) -> Int {
        var k = start
        var quote: UInt8 = 0
        while k < text.count {
            let c = text[k]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ">") {
                return k + 1
            }
            k += 1
        }
        return text.count
    }
}

import Foundation
