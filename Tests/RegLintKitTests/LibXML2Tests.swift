import CLibXML2
import Foundation
import Testing

@Suite("libxml2 binding")
struct LibXML2Tests {
    @Test("a small document parses through the system library and elements know their line numbers")
    func elementLineNumbers() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
              <Obj RefId="0">
                <MS>
                  <S N="DisplayName">Contoso FHIR client</S>
                  <B N="IsFallbackPublicClient">true</B>
                </MS>
              </Obj>
            </Objs>
            """
        let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_BIG_LINES.rawValue)
        let bytes = Array(xml.utf8)
        let doc = try #require(bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32($0.count), "inline.xml", nil, options) }
        })
        defer { xmlFreeDoc(doc) }
        var found: [(String, Int)] = []
        func walk(_ first: xmlNodePtr?) {
            var node = first
            while let current = node {
                if current.pointee.type == XML_ELEMENT_NODE {
                    found.append((String(cString: current.pointee.name), Int(xmlGetLineNo(current))))
                }
                walk(current.pointee.children)
                node = current.pointee.next
            }
        }
        walk(xmlDocGetRootElement(doc))
        #expect(found.map(\.0) == ["Objs", "Obj", "MS", "S", "B"])
        #expect(found.map(\.1) == [2, 3, 4, 5, 6])
        let s = try #require(xmlDocGetRootElement(doc)?.pointee.children?.pointee.next?.pointee.children?.pointee.next?.pointee.children?.pointee.next)
        let name = try #require(xmlGetProp(s, "N"))
        defer { clibxml2_free(name) }
        #expect(String(cString: name) == "DisplayName")
    }
}
