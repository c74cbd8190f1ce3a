import Foundation
import RuleSchema
import Testing
@testable import RegLintKit

/// REG311 through the whole pipeline: what its examples cannot show (a pass is not "not
/// evaluated"), the formats that carry `key` differently, and that a symmetric key stays unread.
@Suite("REG311 weak key credential")
struct WeakKeyCredentialTests {
    static func app(key: String, type: String = "AsymmetricX509Cert") -> String {
        """
        {"id":"11111111-0000-0000-0000-000000000001","appId":"21111111-0000-0000-0000-000000000001","displayName":"Contoso Daemon",
         "keyCredentials":[{"keyId":"31111111-0000-0000-0000-000000000001","type":"\(type)","usage":"Verify","key":\(key),
           "displayName":"CN=contoso","startDateTime":"2026-10-01T00:00:00Z","endDateTime":"2027-01-01T00:00:00Z"}]}
        """
    }

    static func outcome(_ json: String, name: String = "inline.json") throws -> (status: RuleResult.Status, findings: [Finding]) {
        let file = try Fixtures.lintBytes(json, name: name)
        let registration = try #require(file.registrations.first)
        let outcome = try #require(registration.outcomes.first { $0.ruleID == "REG311" })
        return (outcome.status, registration.findings.filter { $0.ruleID == "REG311" })
    }

    static func base64(_ file: String) throws -> String {
        Data(try CertificateKeyText.der(from: Fixtures.text("testdata/certificates/\(file)"))).base64EncodedString()
    }

    @Test("a key absent or null is not evaluated, with the reason; never a pass")
    func keyAbsent() throws {
        for key in ["null", "\"\""] {
            let result = try Self.outcome(Self.app(key: key))
            guard case .notEvaluated(let reason) = result.status else { Issue.record("key \(key): \(result.status)"); continue }
            #expect(result.findings.isEmpty)
            #expect(reason.contains(key == "null" ? "'key') is not in this export" : "it is empty"), "\(reason)")
        }
    }

    @Test("a key that is not a certificate is not evaluated with why, and never repeated", arguments: [
        ("\"FAKE-not-a-cert-0001\"", "neither base64, PEM nor hex"),
        ("\"MIIBgarbage\"", "not a readable X.509 certificate; at byte 0"),
        ("[48, 130, 1]", "not a readable X.509 certificate"),
        ("{\"a\": 1}", "neither a string nor a list of bytes"),
    ])
    func unreadable(_ key: String, _ expected: String) throws {
        let result = try Self.outcome(Self.app(key: key))
        guard case .notEvaluated(let reason) = result.status else { Issue.record("\(key): \(result.status)"); return }
        #expect(reason.contains(expected), "\(reason)")
        #expect(!reason.contains("FAKE-not-a-cert") && !reason.contains("garbage"))
    }

    @Test("a symmetric key is a warning at its type, and its key is never read as a certificate")
    func symmetric() throws {
        let result = try Self.outcome(Self.app(key: "\"FAKE-symmetric-secret-0002\"", type: "Symmetric"))
        #expect(result.findings.map(\.severity) == [.warning])
        #expect(result.findings.first?.location.pointer == "/keyCredentials/0/type")
        let symmetric = try JSONParser().parse(Array(#"{"type": "Symmetric", "key": "FAKE-symmetric-secret-0002"}"#.utf8))
        #expect(CertificateFacts.summary(of: .json(symmetric.root)) == nil)
        let keyless = try JSONParser().parse(Array(#"{"type": "AsymmetricX509Cert", "key": null}"#.utf8))
        guard case .unknown(let reason)? = CertificateFacts.summary(of: .json(keyless.root))?.keySizeBits else {
            Issue.record("a certificate credential without its key must have unknown certificate facts")
            return
        }
        #expect(reason.contains("$select=keyCredentials"))
    }

    @Test("the most serious problem of a certificate is its one finding: RSA 1024 with SHA-1, self-signed, is an error")
    func oneFindingPerCredential() throws {
        let result = try Self.outcome(Self.app(key: "\"\(try Self.base64("rsa1024-sha1-self-signed.pem"))\""))
        #expect(result.findings.map(\.severity) == [.error])
        #expect(result.findings.first?.message.contains("1024-bit RSA key") == true)
        let md5 = try Self.outcome(Self.app(key: "\"\(try Self.base64("rsa2048-md5-self-signed.pem"))\""))
        #expect(md5.findings.map(\.severity) == [.warning])
        #expect(md5.findings.first?.message.contains("md5WithRSAEncryption; MD5 collisions") == true)
        let strong = try Self.outcome(Self.app(key: "\"\(try Self.base64("rsa2048-pss-sha256-self-signed.pem"))\""))
        #expect(strong.findings.map(\.severity) == [.note])
        #expect(strong.findings.first?.message.contains("self-signed (CN=contoso-pss)") == true)
    }

    @Test("a legacy manifest's keyCredentials value and a PEM key are read the same way")
    func otherFormats() throws {
        let pem = try Fixtures.text("testdata/certificates/ec-p192-sha256-self-signed.pem")
        let escaped = pem.replacingOccurrences(of: "\n", with: "\\n")
        let graph = try Self.outcome(Self.app(key: "\"\(escaped)\""))
        #expect(graph.findings.map(\.severity) == [.error])
        let legacy = """
        {"appId":"21111111-0000-0000-0000-000000000001","objectId":"11111111-0000-0000-0000-000000000001","displayName":"Contoso Daemon",
         "replyUrls":[],"keyCredentials":[{"keyId":"31111111-0000-0000-0000-000000000001","type":"AsymmetricX509Cert","usage":"Verify",
           "value":"\(try Self.base64("ec-p256-sha1-self-signed.pem"))","startDate":"2026-10-01T00:00:00Z","endDate":"2027-01-01T00:00:00Z"}]}
        """
        let manifest = try Self.outcome(legacy, name: "manifest.json")
        #expect(manifest.findings.map(\.severity) == [.warning])
        #expect(manifest.findings.first?.location.pointer == "/keyCredentials/0/value")
    }
}
