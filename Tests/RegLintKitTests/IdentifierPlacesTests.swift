import Foundation
import Synchronization
@testable import RegLintKit
import Testing

/// A file's identifier places are kept compactly (GUID bits, numbers, shared pointer suffixes);
/// what comes back out must be exactly what went in.
@Suite("Identifier places")
struct IdentifierPlacesTests {
    static func place(_ path: String, _ line: Int, _ column: Int, _ pointer: String) -> RegLintKit.SourceLocation {
        RegLintKit.SourceLocation(path: path, start: SourcePosition(line: line, column: column, offset: line * 100 + column),
                       end: SourcePosition(line: line, column: column + 38, offset: line * 100 + column + 38), pointer: pointer)
    }

    @Test("a keyId or appId comes back with its file, span, pointer and registration, found in any case")
    func roundTrip() throws {
        var index = IdentifierPlaces()
        index.beginRegistration(path: "tenant/a.json", pointer: "/value/3", label: "Payroll (11111111-1111-1111-1111-111111111111)")
        index.recordCredential("AAAAAAAA-0000-4000-8000-00000000000A") { Self.place("tenant/a.json", 40, 17, "/value/3/passwordCredentials/0/keyId") }
        index.recordApplication("11111111-1111-1111-1111-111111111111") { Self.place("tenant/a.json", 12, 9, "/value/3/appId") }
        let credential = try #require(index.credential("aaaaaaaa-0000-4000-8000-00000000000a"))
        #expect(credential.location == Self.place("tenant/a.json", 40, 17, "/value/3/passwordCredentials/0/keyId"))
        #expect(credential.label == "Payroll (11111111-1111-1111-1111-111111111111)")
        let app = try #require(index.application("11111111-1111-1111-1111-111111111111"))
        #expect(app.location == Self.place("tenant/a.json", 12, 9, "/value/3/appId"))
        #expect(index.credential("11111111-1111-1111-1111-111111111111") == nil)
        // A span that ends on another line (an XML element's text) keeps its end.
        let spread = RegLintKit.SourceLocation(path: "tenant/a.json", start: SourcePosition(line: 50, column: 7, offset: 5_007),
                                               end: SourcePosition(line: 52, column: 3, offset: 5_090), pointer: "/value/3/passwordCredentials/1/keyId")
        index.recordCredential("bbbbbbbb-0000-4000-8000-00000000000b") { spread }
        #expect(index.credential("bbbbbbbb-0000-4000-8000-00000000000b")?.location == spread)
        #expect(index.application("aaaaaaaa-0000-4000-8000-00000000000a") == nil)
    }

    @Test("a value that is not a GUID is not kept, and is never found")
    func notGUIDs() {
        var index = IdentifierPlaces()
        index.beginRegistration(path: "a.json", pointer: "", label: "A")
        for value in ["", "not-a-guid", "{aaaaaaaa-0000-4000-8000-00000000000a}", "aaaaaaaa-0000-4000-8000-00000000000a ", "aaaaaaaa00000-4000-8000-00000000000a", "gaaaaaaa-0000-4000-8000-00000000000a"] {
            index.recordCredential(value) { Self.place("a.json", 1, 1, "/keyId") }
            #expect(index.credential(value) == nil, "\(value)")
        }
        #expect(index.count.credentials == 0)
    }

    @Test("the earlier file wins when two name the same identifier; merged parts keep their own files and pointers")
    func mergeOrder() throws {
        var first = IdentifierPlaces(), second = IdentifierPlaces(), third = IdentifierPlaces()
        first.beginRegistration(path: "a.json", pointer: "", label: "A")
        first.recordCredential("aaaaaaaa-0000-4000-8000-00000000000a") { Self.place("a.json", 5, 3, "/passwordCredentials/0/keyId") }
        second.beginRegistration(path: "b.json", pointer: "", label: "B")
        second.recordCredential("AAAAAAAA-0000-4000-8000-00000000000A") { Self.place("b.json", 6, 4, "/passwordCredentials/0/keyId") }
        second.recordCredential("bbbbbbbb-0000-4000-8000-00000000000b") { Self.place("b.json", 7, 4, "/passwordCredentials/1/keyId") }
        // A pointer that is not below the registration's is kept whole.
        third.beginRegistration(path: "c.json", pointer: "/value/0", label: "C")
        third.recordApplication("cccccccc-0000-4000-8000-00000000000c") { Self.place("c.json", 2, 2, "/elsewhere/appId") }
        third.recordCredential("dddddddd-0000-4000-8000-00000000000d") { Self.place("c.json", 3, 2, "/value/0") }
        var index = IdentifierPlaces()
        index.merge(first)
        index.merge(second)
        index.merge(third)
        #expect(index.count.credentials == 4)
        // Looked up by a scan, then (sealed) by a binary search: the same answers.
        for sealed in [false, true] {
            if sealed { index.seal() }
            #expect(index.credential("aaaaaaaa-0000-4000-8000-00000000000a")?.location.path == "a.json")
            let b = try #require(index.credential("bbbbbbbb-0000-4000-8000-00000000000b"))
            #expect(b.location == Self.place("b.json", 7, 4, "/passwordCredentials/1/keyId"))
            #expect(b.label == "B")
            #expect(index.application("cccccccc-0000-4000-8000-00000000000c")?.location.pointer == "/elsewhere/appId")
            #expect(index.credential("dddddddd-0000-4000-8000-00000000000d")?.location.pointer == "/value/0")
            #expect(index.credential("dddddddd-0000-4000-8000-00000000000d")?.label == "C")
            #expect(index.credential("eeeeeeee-0000-4000-8000-00000000000e") == nil)
        }
    }

    @Test("thousands of identifiers across chunks: every one is found, the earliest of a repeated one wins")
    func manyIdentifiers() throws {
        var index = IdentifierPlaces()
        for file in 0..<3 {
            var part = IdentifierPlaces()
            part.beginRegistration(path: "f\(file).json", pointer: "", label: "F\(file)")
            for k in 0..<5_000 {
                let guid = String(format: "%08x-0000-4000-8000-%012x", k, file == 2 ? k : 0)
                part.recordCredential(guid) { Self.place("f\(file).json", k + 1, 5, "/passwordCredentials/\(k)/keyId") }
            }
            index.merge(part)
        }
        index.seal()
        for k in stride(from: 0, to: 5_000, by: 97) {
            #expect(index.credential(String(format: "%08x-0000-4000-8000-%012x", k, 0))?.location.path == "f0.json")
            let third = try #require(index.credential(String(format: "%08x-0000-4000-8000-%012x", k, k)))
            #expect(third.location.path == (k == 0 ? "f0.json" : "f2.json"))
            #expect(third.location.start.line == k + 1)
        }
    }
}

/// The run index keeps only each identifier's input, and places it by asking for that input's
/// identifiers again, once per input.
@Suite("Run index")
struct RunIndexTests {
    @Test("an identifier is placed in the earliest input that has it; that input is read again once; a vanished one is still a match")
    func lookup() throws {
        @Sendable func places(_ path: String, _ keys: [String]) -> IdentifierPlaces {
            var places = IdentifierPlaces()
            places.beginRegistration(path: path, pointer: "", label: path.uppercased())
            for (k, key) in keys.enumerated() { places.recordCredential(key) { IdentifierPlacesTests.place(path, k + 2, 5, "/passwordCredentials/\(k)/keyId") } }
            return places
        }
        let files = [("a.json", ["aaaaaaaa-0000-4000-8000-00000000000a"]),
                     ("b.json", ["bbbbbbbb-0000-4000-8000-00000000000b", "AAAAAAAA-0000-4000-8000-00000000000A"])]
        var index = RunIndex()
        for (position, file) in files.enumerated() { index.merge(RunIndex(places(file.0, file.1), input: position)) }
        index.seal()
        let reads = Mutex(0)
        index.places = PlaceLookup { position in
            reads.withLock { $0 += 1 }
            // b.json no longer holds its first keyId when it is read again.
            return (files[position].0, places(files[position].0, position == 1 ? [] : files[position].1))
        }
        let a = try #require(index.credential("aaaaaaaa-0000-4000-8000-00000000000a"))
        #expect(a.location == IdentifierPlacesTests.place("a.json", 2, 5, "/passwordCredentials/0/keyId"))
        #expect(a.label == "A.JSON")
        #expect(index.credential("AAAAAAAA-0000-4000-8000-00000000000A")?.location.path == "a.json")
        let vanished = try #require(index.credential("bbbbbbbb-0000-4000-8000-00000000000b"))
        #expect(vanished.location.path == "b.json")
        #expect(vanished.location.start.line == 1)
        #expect(index.credential("cccccccc-0000-4000-8000-00000000000c") == nil)
        #expect(index.application("aaaaaaaa-0000-4000-8000-00000000000a") == nil)
        #expect(reads.withLock { $0 } == 2)
    }
}
