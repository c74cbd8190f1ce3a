import Foundation
import Testing
@testable import RegLintKit

/// The masking automaton against a plain definition of what it computes, on small alphabets
/// where secrets overlap, nest and share prefixes and suffixes all the time.
@Suite("Secret scrubber against a reference")
struct SecretScrubberTests {
    /// The reference: every occurrence of every secret, by start (the longest first at a start),
    /// each kept unless it overlaps the last one kept.
    static func reference(_ text: [UInt8], secrets: [[UInt8]]) -> [UInt8] {
        var found: [(start: Int, secret: [UInt8])] = []
        for start in text.indices {
            for secret in secrets where start + secret.count <= text.count && Array(text[start..<(start + secret.count)]) == secret {
                found.append((start, secret))
            }
        }
        found.sort { $0.start != $1.start ? $0.start < $1.start : $0.secret.count > $1.secret.count }
        var out: [UInt8] = []
        var copied = 0
        for match in found where match.start >= copied {
            out += text[copied..<match.start]
            out += Array(SecretMask.mask(String(decoding: match.secret, as: UTF8.self)).utf8)
            copied = match.start + match.secret.count
        }
        return out + text[copied...]
    }

    @Test("a secret that starts where a chosen match ends is masked, though a longer one ending with it overlaps that match")
    func shorterSecretAfterOverlap() {
        // xxab is chosen first; abcdefgh overlaps it and is dropped; cdefgh, ending at the same
        // byte as abcdefgh, must still be masked.
        let scrubber = SecretScrubber(secrets: ["xxab", "abcdefgh", "cdefgh"])
        #expect(scrubber.scrub("<xxabcdefgh>") == "<******>")
        let streamed = Array("<xxabcdefgh>".utf8).withUnsafeBufferPointer { scrubber.scrubSettled($0, final: true).out }
        #expect(streamed == Array("<******>".utf8))
    }

    /// Secrets over "abc"; text over "abc", or with letters no secret starts with (the scan
    /// skips those: by a table, or by `memchr` when every secret starts with one byte).
    @Test("2,000 random cases over a three-letter alphabet give the reference's output, whole and streamed",
          arguments: ["abc", "abxyz"])
    func randomCases(textLetters: String) throws {
        var generator = SeededGenerator(state: 20261205)
        let alphabet: [UInt8] = Array("abc".utf8)
        let letters: [UInt8] = Array(textLetters.utf8)
        for _ in 0..<2_000 {
            let secrets = (0..<Int.random(in: 1...12, using: &generator)).map { _ in
                (0..<Int.random(in: 4...9, using: &generator)).map { _ in alphabet[Int.random(in: 0..<3, using: &generator)] }
            }
            let text = (0..<Int.random(in: 0...80, using: &generator)).map { _ in letters[Int.random(in: 0..<letters.count, using: &generator)] }
            let scrubber = SecretScrubber(secrets: secrets.map { String(decoding: $0, as: UTF8.self) })
            let expected = Self.reference(text, secrets: Array(Set(secrets)))
            #expect(scrubber.scrub(text) == expected, "secrets \(secrets.map { String(decoding: $0, as: UTF8.self) }) text \(String(decoding: text, as: UTF8.self))")
            // Streamed in chunks of 7 bytes, holding back what a later chunk could still change.
            var pending: [UInt8] = []
            var streamed: [UInt8] = []
            var offset = 0
            while offset < text.count {
                pending += text[offset..<min(text.count, offset + 7)]
                offset += 7
                let (out, consumed) = pending.withUnsafeBufferPointer { scrubber.scrubSettled($0, final: false) }
                streamed += out
                pending.removeFirst(consumed)
            }
            streamed += pending.withUnsafeBufferPointer { scrubber.scrubSettled($0, final: true) }.out
            #expect(streamed == expected)
        }
    }

    @Test("a secret is told plain (letters, digits, '-', '.': no escaped forms) eight bytes at a time as byte by byte")
    func plainSecrets() {
        func reference(_ text: String) -> Bool {
            text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 46 }
        }
        // Every byte value at every position of a 20-byte word (both the 8-byte lanes and the tail).
        for byte in 0..<256 {
            for position in [0, 7, 8, 15, 19] {
                var bytes = Array("abcdefghij0123456789".utf8)
                bytes[position] = UInt8(byte)
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(LintReportMaskedForms.isPlain(text) == reference(text), "byte \(byte) at \(position)")
            }
        }
        var generator = SeededGenerator(state: 20261206)
        let letters = Array("aZ09-./_ ~é".unicodeScalars)
        for _ in 0..<2_000 {
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 0...40, using: &generator)).map { _ in
                letters[Int.random(in: 0..<letters.count, using: &generator)]
            }))
            #expect(LintReportMaskedForms.isPlain(text) == reference(text), "\(text)")
        }
    }

    @Test("secrets longer than the automaton's prefix are masked whole, and a cut-off one up to where it stops")
    func longSecrets() {
        let long = String(repeating: "k", count: 300) + "-tail"
        let scrubber = SecretScrubber(secrets: [long, "kkkk-short"])
        #expect(scrubber.scrub("<\(long)>") == "<kkk***>")
        #expect(scrubber.scrub("<" + String(repeating: "k", count: 280) + ">") == "<kkk***>")
        #expect(scrubber.longestSecret == long.utf8.count)
    }

    @Test("secrets are put in byte order as a whole-string comparison orders them, long ones past the automaton's prefix included")
    func byteOrder() {
        var generator = SeededGenerator(state: 20261207)
        let letters = Array("ab\u{0}é".unicodeScalars)
        let shared = String(repeating: "a", count: SecretScrubber.automatonPrefix - 2)
        for round in 0..<300 {
            let values = (0..<Int.random(in: 0...40, using: &generator)).map { _ -> String in
                let tail = String(String.UnicodeScalarView((0..<Int.random(in: 0...5, using: &generator)).map { _ in
                    letters[Int.random(in: 0..<letters.count, using: &generator)]
                }))
                // Short values, and values that agree on the first 256 bytes and differ after.
                return Bool.random(using: &generator) ? tail : shared + tail
            }
            let sorted = SecretScrubber.byteOrder(values).order.map { values[$0] }
            let reference = values.sorted { UTF8Bytes.order($0, $1) < 0 }
            #expect(sorted.map { Array($0.utf8) } == reference.map { Array($0.utf8) }, "round \(round)")
        }
    }

    @Test("a scrubber asked for the secrets of an earlier large one (in any order, with repeats) masks as one built afresh; other secrets do not reuse it")
    func sharedAutomaton() {
        let secrets = (0..<(SecretScrubber.sharedSize + 10)).map { "shared-secret-\($0)-value" }
        let first = SecretScrubber(secrets: secrets, minimumLength: 8)
        let again = SecretScrubber(secrets: secrets.reversed() + secrets.prefix(5) + ["short"], minimumLength: 8)
        let text = "a shared-secret-7-value b shared-secret-1030-value c shared-secret-99 d"
        #expect(first.scrub(text) == "a sha*** b sha*** c shared-secret-99 d")
        #expect(again.scrub(text) == first.scrub(text))
        // One secret more: its own automaton, which masks it.
        let other = SecretScrubber(secrets: secrets + ["shared-secret-99"], minimumLength: 8)
        #expect(other.scrub(text) == "a sha*** b sha*** c sha*** d")
        #expect(SecretScrubber(secrets: secrets, minimumLength: 8).scrub(text) == first.scrub(text))
    }
}
