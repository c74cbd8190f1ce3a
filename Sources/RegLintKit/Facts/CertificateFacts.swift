/// The facts a key credential's certificate gives the rules (REG311): `keyAlgorithm`,
/// `keySizeBits`, `signatureAlgorithm`, `signatureHash`, `isSelfSigned`, `certificateSubject`.
/// Kept apart from `FactBuilder` so reading certificates stays in one place; when `key` is absent
/// or cannot be read, every one of them is *unknown* with the reason, so the rule is not evaluated.
enum CertificateFacts {
    /// The fact names, as the vocabulary lowercases them.
    static let names = ["keyalgorithm", "keysizebits", "signaturealgorithm", "signaturehash", "isselfsigned", "certificatesubject"]

    /// The certificate facts of one `keyCredentials` element; none for a symmetric key, whose
    /// `key` is a secret and is never read.
    static func facts(of credential: ModelNode) -> [String: ModelNode] {
        if let type = credential.member("type")?.string, type.caseInsensitiveCompare("Symmetric") == .orderedSame { return [:] }
        let key = credential.member("key")
        let origin = key?.origin ?? .computed
        func unknown(_ reason: String) -> [String: ModelNode] {
            Dictionary(uniqueKeysWithValues: names.map { ($0, ModelNode.scalar(.unknown(reason: reason), origin: origin)) })
        }
        guard let key, !key.isNull else {
            return unknown("the credential's certificate ('key') is not in this export; Graph returns it only when one application is read with $select=keyCredentials")
        }
        if case .unknown(let reason)? = key.scalar { return unknown(reason) }
        let bytes: [UInt8]
        do throws(CertificateKeyText.Failure) {
            if let text = key.string {
                bytes = try CertificateKeyText.der(from: text)
            } else if let values = key.elements, let list = try CertificateKeyText.bytes(from: values.compactMap(number)), list.count == values.count {
                bytes = list
            } else {
                return unknown("the credential's 'key' is neither a string nor a list of bytes")
            }
        } catch {
            return unknown("the credential's 'key' cannot be read as a certificate: \(error)")
        }
        let certificate: X509Certificate
        do {
            certificate = try X509Certificate(der: bytes)
        } catch {
            return unknown("the credential's 'key' is not a readable X.509 certificate; \(error)")
        }
        var facts: [String: ModelNode] = [
            "keyalgorithm": .scalar(.string(certificate.keyAlgorithm == .unrecognised ? certificate.keyAlgorithmOID : certificate.keyAlgorithm.rawValue), origin: origin),
            "signaturealgorithm": .scalar(.string(certificate.signatureAlgorithm), origin: origin),
            "isselfsigned": .scalar(.bool(certificate.isSelfSigned), origin: origin),
            "certificatesubject": .scalar(.string(certificate.subjectName), origin: origin),
        ]
        facts["keysizebits"] = certificate.keySizeBits.map { .scalar(.number(Double($0)), origin: origin) }
            ?? .scalar(.unknown(reason: "reglint does not know the key size of a \(facts["keyalgorithm"]?.string ?? "") key"), origin: origin)
        facts["signaturehash"] = certificate.signatureHash.map { .scalar(.string($0.rawValue), origin: origin) }
            ?? .scalar(.unknown(reason: "reglint does not know the hash of the signature algorithm \(certificate.signatureAlgorithm)"), origin: origin)
        return facts
    }

    private static func number(_ node: ModelNode) -> Double? {
        if case .number(let value)? = node.scalar { return value }
        return nil
    }
}
