import RuleSchema

/// The facts a key credential's certificate gives the rules (REG311): `keyAlgorithm`,
/// `keySizeBits`, `signatureAlgorithm`, `signatureHash`, `isSelfSigned`, `certificateSubject`.
/// Kept apart from `FactBuilder` so reading certificates stays in one place; when `key` is absent
/// or cannot be read, every one of them is *unknown* with the reason, so the rule is not evaluated.
enum CertificateFacts {
    /// The fact names, as the vocabulary lowercases them.
    static let names = FactRegistry.certificateFactNames.map { $0.lowercased() }

    /// What one `keyCredentials` element's certificate says; nil for a symmetric key, whose `key`
    /// is a secret and is never read.
    static func summary(of credential: ModelNode) -> CertificateSummary? {
        if let type = credential.member("type")?.string, CaseInsensitive.equal(type, "Symmetric") { return nil }
        let key = credential.member("key")
        let origin = key?.origin ?? .computed
        guard let key, !key.isNull else {
            return .unknown("the credential's certificate ('key') is not in this export; Graph returns it only when one application is read with $select=keyCredentials", origin: origin)
        }
        if case .unknown(let reason)? = key.scalar { return .unknown(reason, origin: origin) }
        let bytes: [UInt8]
        do throws(CertificateKeyText.Failure) {
            if let text = key.string {
                bytes = try CertificateKeyText.der(from: text)
            } else if let values = key.elements, let list = try CertificateKeyText.bytes(from: values.compactMap(number)), list.count == values.count {
                bytes = list
            } else {
                return .unknown("the credential's 'key' is neither a string nor a list of bytes", origin: origin)
            }
        } catch {
            return .unknown("the credential's 'key' cannot be read as a certificate: \(error)", origin: origin)
        }
        let certificate: X509Certificate
        do {
            certificate = try X509Certificate(der: bytes)
        } catch {
            return .unknown("the credential's 'key' is not a readable X.509 certificate; \(error)", origin: origin)
        }
        let algorithm = certificate.keyAlgorithm == .unrecognised ? certificate.keyAlgorithmOID : certificate.keyAlgorithm.rawValue
        return CertificateSummary(
            keyAlgorithm: .known(algorithm),
            keySizeBits: certificate.keySizeBits.map { .known($0) } ?? .unknown(reason: "reglint does not know the key size of a \(algorithm) key"),
            signatureAlgorithm: .known(certificate.signatureAlgorithm),
            signatureHash: certificate.signatureHash.map { .known($0.rawValue) }
                ?? .unknown(reason: "reglint does not know the hash of the signature algorithm \(certificate.signatureAlgorithm)"),
            isSelfSigned: .known(certificate.isSelfSigned),
            subject: .known(certificate.subjectName),
            origin: origin)
    }

    private static func number(_ node: ModelNode) -> Double? {
        if case .number(let value)? = node.scalar { return value }
        return nil
    }
}
