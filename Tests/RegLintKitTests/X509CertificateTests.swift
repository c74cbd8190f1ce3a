import Foundation
import RuleSchema
import Testing
@testable import RegLintKit

/// Real certificates made with openssl (testdata/certificates/README.md) and malformed ones: what
/// REG311 reads from them, and that hostile bytes give an error, never a crash or a guess.
@Suite("X.509 certificates")
struct X509CertificateTests {
    static func certificate(_ name: String) throws -> X509Certificate {
        let text = try Fixtures.text("testdata/certificates/\(name)")
        return try X509Certificate(der: CertificateKeyText.der(from: text))
    }

    struct Expected: Sendable, CustomStringConvertible {
        let file: String
        let algorithm: X509Certificate.KeyAlgorithm
        let bits: Int
        let signature: String
        let hash: X509Certificate.HashAlgorithm
        let selfSigned: Bool
        let subject: String
        var description: String { file }
    }

    static let expected: [Expected] = [
        Expected(file: "rsa1024-sha1-self-signed.pem", algorithm: .rsa, bits: 1024, signature: "sha1WithRSAEncryption", hash: .sha1, selfSigned: true, subject: "CN=contoso-legacy-rsa1024"),
        Expected(file: "rsa2048-sha256-self-signed.pem", algorithm: .rsa, bits: 2048, signature: "sha256WithRSAEncryption", hash: .sha256, selfSigned: true, subject: "CN=contoso-daemon, O=Contoso"),
        Expected(file: "rsa2048-md5-self-signed.pem", algorithm: .rsa, bits: 2048, signature: "md5WithRSAEncryption", hash: .md5, selfSigned: true, subject: "CN=contoso-md5"),
        Expected(file: "rsa2048-pss-sha256-self-signed.pem", algorithm: .rsa, bits: 2048, signature: "RSASSA-PSS with SHA-256", hash: .sha256, selfSigned: true, subject: "CN=contoso-pss"),
        Expected(file: "rsa1024-sha256-ca-signed.pem", algorithm: .rsa, bits: 1024, signature: "ecdsa-with-SHA256", hash: .sha256, selfSigned: false, subject: "CN=contoso-old-client, O=Contoso"),
        Expected(file: "ec-p256-sha256-self-signed.pem", algorithm: .ec, bits: 256, signature: "ecdsa-with-SHA256", hash: .sha256, selfSigned: true, subject: "CN=contoso-ec"),
        Expected(file: "ec-p256-sha1-self-signed.pem", algorithm: .ec, bits: 256, signature: "ecdsa-with-SHA1", hash: .sha1, selfSigned: true, subject: "CN=contoso-ec-sha1"),
        Expected(file: "ec-p192-sha256-self-signed.pem", algorithm: .ec, bits: 192, signature: "ecdsa-with-SHA256", hash: .sha256, selfSigned: true, subject: "CN=contoso-ec192"),
        Expected(file: "ec-p256-sha256-ca-signed.pem", algorithm: .ec, bits: 256, signature: "ecdsa-with-SHA256", hash: .sha256, selfSigned: false, subject: "CN=contoso-api-client, O=Contoso"),
        Expected(file: "contoso-test-ca.pem", algorithm: .ec, bits: 256, signature: "ecdsa-with-SHA256", hash: .sha256, selfSigned: true, subject: "CN=Contoso Test CA, O=Contoso"),
        Expected(file: "ed25519-self-signed.pem", algorithm: .ed25519, bits: 256, signature: "Ed25519", hash: .sha512, selfSigned: true, subject: "CN=contoso-ed25519"),
    ]

    @Test("reads key, signature, names and validity of real certificates", arguments: expected)
    func reads(_ expected: Expected) throws {
        let certificate = try Self.certificate(expected.file)
        #expect(certificate.keyAlgorithm == expected.algorithm)
        #expect(certificate.keySizeBits == expected.bits)
        #expect(certificate.signatureAlgorithm == expected.signature)
        #expect(certificate.signatureHash == expected.hash)
        #expect(certificate.isSelfSigned == expected.selfSigned)
        #expect(certificate.subjectName == expected.subject)
        #expect(certificate.notBefore < certificate.notAfter)
    }

    @Test("validity dates and the CA-signed certificate's issuer")
    func validityAndIssuer() throws {
        let leaf = try Self.certificate("ec-p256-sha256-ca-signed.pem")
        #expect(leaf.notBefore == Instant(parsing: "2026-12-04T18:40:39Z"))
        #expect(leaf.notAfter == Instant(parsing: "2027-12-04T18:40:39Z"))
        #expect(leaf.issuerName == "CN=Contoso Test CA, O=Contoso")
        #expect(leaf.curve == "P-256")
        let ca = try Self.certificate("contoso-test-ca.pem")
        #expect(leaf.issuer == ca.subject)
    }

    @Test("the same certificate as DER, base64 DER, PEM with CRLF, base64 of PEM and hex")
    func encodings() throws {
        let der = try Fixtures.bytes("testdata/certificates/ec-p256-sha256-ca-signed.der")
        let pem = try Fixtures.text("testdata/certificates/ec-p256-sha256-ca-signed.pem")
        #expect(try CertificateKeyText.der(from: pem) == der)
        let base64 = Data(der).base64EncodedString()
        #expect(try CertificateKeyText.der(from: base64) == der)
        #expect(try CertificateKeyText.der(from: String(base64.prefix(while: { $0 != "=" }))) == der)
        #expect(try CertificateKeyText.der(from: pem.replacingOccurrences(of: "\n", with: "\r\n")) == der)
        #expect(try CertificateKeyText.der(from: Data(pem.utf8).base64EncodedString()) == der)
        #expect(try CertificateKeyText.der(from: der.map { String(format: "%02x", $0) }.joined()) == der)
        #expect(try CertificateKeyText.bytes(from: der.map(Double.init)) == der)
        #expect(try CertificateKeyText.bytes(from: [48, 300]) == nil)
        #expect(try X509Certificate(der: der).subjectName == "CN=contoso-api-client, O=Contoso")
    }

    @Test("text that is not a certificate says why, without repeating itself")
    func notCertificates() throws {
        let request = try Fixtures.text("testdata/certificates/certificate-request.csr.pem")
        #expect(throws: CertificateKeyText.Failure.pemLabel("CERTIFICATE REQUEST")) { try CertificateKeyText.der(from: request) }
        #expect(throws: CertificateKeyText.Failure.empty) { try CertificateKeyText.der(from: "  \n") }
        #expect(throws: CertificateKeyText.Failure.notEncoded) { try CertificateKeyText.der(from: "FAKE-symmetric-secret-0001!") }
        #expect(throws: CertificateKeyText.Failure.pemUnterminated) { try CertificateKeyText.der(from: "-----BEGIN CERTIFICATE-----\nMIIB\n") }
        #expect(throws: CertificateKeyText.Failure.tooLong(characters: 200_000)) { try CertificateKeyText.der(from: String(repeating: "A", count: 200_000)) }
        let failure = CertificateKeyText.Failure.pemLabel("PRIVATE KEY").description
        #expect(failure == "it is a PEM 'PRIVATE KEY' block, not a certificate")
    }

    @Test("malformed DER is refused with the problem and its byte offset", arguments: [
        ("malformed-truncated.der", DERError.Problem.lengthExceedsInput(claimed: 342, remaining: 169)),
        ("malformed-wrong-length.der", .lengthExceedsInput(claimed: 343, remaining: 342)),
        ("malformed-huge-length.der", .lengthExceedsInput(claimed: 4_294_967_280, remaining: 34)),
        ("malformed-indefinite-length.der", .indefiniteLength),
    ])
    func malformed(_ file: String, _ problem: DERError.Problem) throws {
        let bytes = try Fixtures.bytes("testdata/certificates/\(file)")
        #expect(throws: DERError.self) { try X509Certificate(der: bytes) }
        do {
            _ = try X509Certificate(der: bytes)
        } catch {
            #expect(error.problem == problem, "\(file): \(error)")
        }
    }

    @Test("random bytes and crafted nesting give an error, not a crash")
    func hostile() throws {
        for file in ["malformed-random.bin", "malformed-deep-nesting.der"] {
            let bytes = try Fixtures.bytes("testdata/certificates/\(file)")
            #expect(throws: DERError.self, "\(file)") { try X509Certificate(der: bytes) }
        }
        // A generic walk into the nesting stops at the depth limit.
        var reader = DERReader(try Fixtures.bytes("testdata/certificates/malformed-deep-nesting.der"))
        var depthError: DERError?
        do {
            while true {
                let element = try reader.read()
                reader = try reader.reader(into: element)
            }
        } catch {
            depthError = error
        }
        #expect(depthError?.problem == .tooDeep(limit: DERReader.maxDepth))
    }

    @Test("every truncation and every single-byte change of a real certificate is read or refused, never a crash")
    func mutations() throws {
        let der = try Fixtures.bytes("testdata/certificates/ec-p256-sha256-ca-signed.der")
        for length in 0..<der.count {
            #expect(throws: DERError.self, "prefix of \(length) bytes") { try X509Certificate(der: Array(der.prefix(length))) }
        }
        var readable = 0
        for index in der.indices {
            for replacement: UInt8 in [0x00, 0x80, 0xFF, der[index] ^ 0x01] where replacement != der[index] {
                var mutated = der
                mutated[index] = replacement
                if (try? X509Certificate(der: mutated)) != nil { readable += 1 }
            }
        }
        // Changes inside values (serial, key, signature, name text) still read; most changes in tags and lengths do not.
        #expect(readable > 0 && readable < der.count * 4)
    }

    @Test("DER strictness: lengths in shortest form, object identifiers, integer sizes")
    func strictness() throws {
        var nonMinimal = DERReader([0x30, 0x81, 0x05, 1, 2, 3, 4, 5])
        #expect(throws: DERError(offset: 1, problem: .nonMinimalLength)) { try nonMinimal.read() }
        var leadingZero = DERReader([0x30, 0x82, 0x00, 0x80] + [UInt8](repeating: 0, count: 128))
        #expect(throws: DERError(offset: 1, problem: .nonMinimalLength)) { try leadingZero.read() }
        var highTag = DERReader([0x1F, 0x81, 0x00])
        #expect(throws: DERError(offset: 0, problem: .highTagNumber)) { try highTag.read() }
        var fiveByteLength = DERReader([0x04, 0x85, 1, 0, 0, 0, 0])
        #expect(throws: DERError(offset: 1, problem: .lengthTooLong(bytes: 5))) { try fiveByteLength.read() }

        var oid = DERReader([0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B])
        let element = try oid.read()
        #expect(try oid.objectIdentifier(element) == "1.2.840.113549.1.1.11")
        var padded = DERReader([0x06, 0x03, 0x2A, 0x80, 0x01])
        let paddedElement = try padded.read()
        #expect(throws: DERError.self) { try padded.objectIdentifier(paddedElement) }
        var cut = DERReader([0x06, 0x02, 0x2A, 0x86])
        let cutElement = try cut.read()
        #expect(throws: DERError.self) { try cut.objectIdentifier(cutElement) }

        var integer = DERReader([0x02, 0x03, 0x00, 0x80, 0x01])
        let integerElement = try integer.read()
        #expect(try integer.unsignedBitLength(integerElement) == 16)
        var superfluous = DERReader([0x02, 0x02, 0x00, 0x01])
        let superfluousElement = try superfluous.read()
        #expect(throws: DERError.self) { try superfluous.unsignedBitLength(superfluousElement) }
        #expect(DERError(offset: 7, problem: .lengthExceedsInput(claimed: 9, remaining: 2)).description == "at byte 7: an element claims 9 bytes but only 2 remain")
    }
}
