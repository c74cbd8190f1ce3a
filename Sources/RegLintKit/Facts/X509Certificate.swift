import RuleSchema

/// What REG311 needs to know about the X.509 certificate of a key credential (RFC 5280): its key
/// algorithm and size, how it is signed, and whether it signed itself. Read from DER with
/// `DERReader`, strictly; anything it cannot read is an error, never a guess.
public struct X509Certificate: Sendable {
    /// A public key algorithm, as the certificate's SubjectPublicKeyInfo names it.
    public enum KeyAlgorithm: String, Sendable {
        case rsa = "RSA", ec = "EC", dsa = "DSA", ed25519 = "Ed25519", ed448 = "Ed448"
        /// An algorithm reglint has no name for; `keyAlgorithmOID` says which.
        case unrecognised = "unrecognised"
    }

    /// A hash algorithm a signature is made with.
    public enum HashAlgorithm: String, Sendable {
        case md2 = "MD2", md5 = "MD5", sha1 = "SHA-1", sha224 = "SHA-224", sha256 = "SHA-256", sha384 = "SHA-384", sha512 = "SHA-512"
        case shake256 = "SHAKE256"
    }

    public let keyAlgorithm: KeyAlgorithm
    public let keyAlgorithmOID: String
    /// The named curve of an EC key (`P-256`), when the certificate names one reglint knows.
    public let curve: String?
    /// The RSA modulus or DSA prime length, the EC field size, or the EdDSA key size; nil when the
    /// algorithm is unrecognised.
    public let keySizeBits: Int?
    /// The signature algorithm's name (`sha256WithRSAEncryption`, `ecdsa-with-SHA1`), or its OID.
    public let signatureAlgorithm: String
    /// The hash the signature is made with; nil for an unrecognised signature algorithm.
    public let signatureHash: HashAlgorithm?
    /// The issuer and subject names as encoded (DER bytes of the Name), compared for self-signing.
    public let issuer: [UInt8]
    public let subject: [UInt8]
    /// The names as text, in encoded order (`CN=contoso-daemon, O=Contoso`), control characters replaced.
    public let issuerName: String
    public let subjectName: String
    public let notBefore: Instant
    public let notAfter: Instant

    /// Issuer and subject are the same name: the certificate vouches for itself (no CA checked it).
    public var isSelfSigned: Bool { issuer == subject }

    /// Larger than any certificate Entra accepts; refused before reading.
    public static let maxBytes = 65_536

    /// Reads a DER-encoded certificate.
    public init(der bytes: [UInt8]) throws(DERError) {
        guard bytes.count <= Self.maxBytes else {
            throw DERError(offset: 0, problem: .unsupported("\(bytes.count) bytes, more than the \(Self.maxBytes) a certificate can have"))
        }
        var top = DERReader(bytes)
        let certificateElement = try top.read(DERReader.Tag.sequence, "a certificate (a SEQUENCE)")
        try top.expectEnd("the certificate")
        var certificate = try top.reader(into: certificateElement)
        let tbsElement = try certificate.read(DERReader.Tag.sequence, "the signed part of the certificate (tbsCertificate)")
        let outerAlgorithm = try certificate.read(DERReader.Tag.sequence, "the signature algorithm")
        _ = try certificate.read(DERReader.Tag.bitString, "the signature")
        try certificate.expectEnd("the signature")

        var tbs = try certificate.reader(into: tbsElement)
        if let version = try tbs.readIfPresent(DERReader.Tag.contextConstructed(0)) {
            var inner = try tbs.reader(into: version)
            _ = try inner.read(DERReader.Tag.integer, "the version number")
            try inner.expectEnd("the version")
        }
        _ = try tbs.read(DERReader.Tag.integer, "the serial number")
        let innerAlgorithm = try tbs.read(DERReader.Tag.sequence, "the signature algorithm")
        // RFC 5280 4.1.1.2: both must be the same; a difference is a tampered or broken certificate.
        guard bytes[innerAlgorithm.encoded] == bytes[outerAlgorithm.encoded] else {
            throw DERError(offset: outerAlgorithm.offset, problem: .invalidValue("a signature algorithm that differs from the one in the signed part"))
        }
        let issuerElement = try tbs.read(DERReader.Tag.sequence, "the issuer name")
        let validityElement = try tbs.read(DERReader.Tag.sequence, "the validity")
        let subjectElement = try tbs.read(DERReader.Tag.sequence, "the subject name")
        let keyInfoElement = try tbs.read(DERReader.Tag.sequence, "the subject public key info")
        // Unique ids and extensions: each must still be a well-formed element.
        while !tbs.isAtEnd { _ = try tbs.read() }

        var validity = try tbs.reader(into: validityElement)
        notBefore = try Self.time(&validity, "the start of the validity (notBefore)")
        notAfter = try Self.time(&validity, "the end of the validity (notAfter)")
        try validity.expectEnd("the validity")

        issuer = Array(bytes[issuerElement.encoded])
        subject = Array(bytes[subjectElement.encoded])
        issuerName = try Self.name(tbs.reader(into: issuerElement))
        subjectName = try Self.name(tbs.reader(into: subjectElement))

        let signature = try Self.signatureAlgorithm(certificate.reader(into: outerAlgorithm))
        signatureAlgorithm = signature.name
        signatureHash = signature.hash

        let key = try Self.publicKey(tbs.reader(into: keyInfoElement))
        keyAlgorithm = key.algorithm
        keyAlgorithmOID = key.oid
        curve = key.curve
        keySizeBits = key.bits
    }

    // MARK: - Times

    private static func time(_ reader: inout DERReader, _ what: String) throws(DERError) -> Instant {
        let element = try reader.read()
        let text = reader.bytes[element.contents]
        let digits: ArraySlice<UInt8>
        var year: Int
        switch element.tag {
        case DERReader.Tag.utcTime where text.count == 13:
            digits = text.dropLast()
            guard let yy = Self.number(digits.prefix(2)) else { throw DERError(offset: element.offset, problem: .invalidValue("\(what) is not a time")) }
            // RFC 5280 4.1.2.5.1: two-digit years 50–99 are 19xx, 00–49 are 20xx.
            year = yy >= 50 ? 1900 + yy : 2000 + yy
        case DERReader.Tag.generalizedTime where text.count == 15:
            digits = text.dropLast().dropFirst(2)
            guard let yyyy = Self.number(text.prefix(4)) else { throw DERError(offset: element.offset, problem: .invalidValue("\(what) is not a time")) }
            year = yyyy
        case DERReader.Tag.utcTime, DERReader.Tag.generalizedTime:
            throw DERError(offset: element.offset, problem: .invalidValue("\(what) is not in the DER form YYMMDDHHMMSSZ / YYYYMMDDHHMMSSZ"))
        default:
            throw DERError(offset: element.offset, problem: .unexpectedTag(expected: what, found: element.tag))
        }
        guard text.last == UInt8(ascii: "Z"), digits.count == 12, let fields = Self.pairs(digits.dropFirst(2)) else {
            throw DERError(offset: element.offset, problem: .invalidValue("\(what) is not a UTC time ending in Z"))
        }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        let iso = "\(year)-\(two(fields[0]))-\(two(fields[1]))T\(two(fields[2])):\(two(fields[3])):\(two(fields[4]))Z"
        guard let instant = Instant(parsing: iso) else { throw DERError(offset: element.offset, problem: .invalidValue("\(what) is not a valid date")) }
        return instant
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return digits.isEmpty ? nil : value
    }

    /// MMDDHHMMSS as five numbers.
    private static func pairs(_ digits: ArraySlice<UInt8>) -> [Int]? {
        guard digits.count == 10 else { return nil }
        var out: [Int] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            guard let value = number(digits[index..<(index + 2)]) else { return nil }
            out.append(value)
            index += 2
        }
        return out
    }

    // MARK: - Names

    static let attributeNames: [String: String] = [
        "2.5.4.3": "CN", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.10": "O", "2.5.4.11": "OU",
        "2.5.4.5": "SERIALNUMBER", "2.5.4.9": "STREET", "1.2.840.113549.1.9.1": "E",
        "0.9.2342.19200300.100.1.25": "DC", "0.9.2342.19200300.100.1.1": "UID",
    ]

    /// Longer names are cut (with …): they are for messages, and the bytes are what is compared.
    static let maxNameCharacters = 256

    private static func name(_ reader: DERReader) throws(DERError) -> String {
        var rdns = reader
        var parts: [String] = []
        while !rdns.isAtEnd {
            let set = try rdns.read(DERReader.Tag.set, "a relative distinguished name (a SET)")
            var attributes = try rdns.reader(into: set)
            var values: [String] = []
            while !attributes.isAtEnd {
                let pair = try attributes.read(DERReader.Tag.sequence, "an attribute (a SEQUENCE)")
                var fields = try attributes.reader(into: pair)
                let type = try fields.objectIdentifier(fields.read(DERReader.Tag.objectIdentifier, "an attribute type"))
                let value = try fields.read()
                try fields.expectEnd("an attribute value")
                values.append("\(attributeNames[type] ?? type)=\(text(of: value, in: fields.bytes))")
            }
            parts.append(values.joined(separator: " + "))
        }
        let joined = parts.joined(separator: ", ")
        return joined.count > maxNameCharacters ? String(joined.prefix(maxNameCharacters)) + "…" : joined
    }

    /// A directory string as text; control and format characters (which could rewrite a terminal
    /// line or reorder text) become `?`.
    private static func text(of element: DERReader.Element, in bytes: [UInt8]) -> String {
        let contents = Array(bytes[element.contents].prefix(4 * maxNameCharacters))
        var scalars: [Unicode.Scalar] = []
        switch element.tag {
        case DERReader.Tag.utf8String:
            scalars = Array(String(decoding: contents, as: UTF8.self).unicodeScalars)
        case DERReader.Tag.bmpString:
            let units: [UInt16] = stride(from: 0, to: contents.count - 1, by: 2).map { (UInt16(contents[$0]) << 8) | UInt16(contents[$0 + 1]) }
            scalars = Array(String(decoding: units, as: UTF16.self).unicodeScalars)
        case DERReader.Tag.universalString:
            for start in stride(from: 0, to: contents.count - 3, by: 4) {
                var value: UInt32 = 0
                for byte in contents[start..<(start + 4)] { value = value << 8 | UInt32(byte) }
                scalars.append(Unicode.Scalar(value) ?? "?")
            }
        default:
            // PrintableString, IA5String, TeletexString (read as Latin-1) and the rest.
            scalars = contents.map { Unicode.Scalar($0) }
        }
        var out = String.UnicodeScalarView()
        for scalar in scalars {
            let category = scalar.properties.generalCategory
            out.append(category == .control || category == .format || category == .lineSeparator || category == .paragraphSeparator ? "?" : scalar)
        }
        return String(out)
    }

    // MARK: - Algorithms

    /// Signature algorithms by OID: name and hash.
    static let signatureAlgorithms: [String: (name: String, hash: HashAlgorithm?)] = [
        "1.2.840.113549.1.1.2": ("md2WithRSAEncryption", .md2),
        "1.2.840.113549.1.1.4": ("md5WithRSAEncryption", .md5),
        "1.2.840.113549.1.1.5": ("sha1WithRSAEncryption", .sha1),
        "1.3.14.3.2.29": ("sha1WithRSASignature", .sha1),
        "1.2.840.113549.1.1.14": ("sha224WithRSAEncryption", .sha224),
        "1.2.840.113549.1.1.11": ("sha256WithRSAEncryption", .sha256),
        "1.2.840.113549.1.1.12": ("sha384WithRSAEncryption", .sha384),
        "1.2.840.113549.1.1.13": ("sha512WithRSAEncryption", .sha512),
        "1.2.840.10045.4.1": ("ecdsa-with-SHA1", .sha1),
        "1.2.840.10045.4.3.1": ("ecdsa-with-SHA224", .sha224),
        "1.2.840.10045.4.3.2": ("ecdsa-with-SHA256", .sha256),
        "1.2.840.10045.4.3.3": ("ecdsa-with-SHA384", .sha384),
        "1.2.840.10045.4.3.4": ("ecdsa-with-SHA512", .sha512),
        "1.2.840.10040.4.3": ("dsa-with-SHA1", .sha1),
        "2.16.840.1.101.3.4.3.1": ("dsa-with-SHA224", .sha224),
        "2.16.840.1.101.3.4.3.2": ("dsa-with-SHA256", .sha256),
        "1.3.101.112": ("Ed25519", .sha512),
        "1.3.101.113": ("Ed448", .shake256),
    ]

    static let rsassaPSS = "1.2.840.113549.1.1.10"

    /// Hash algorithms by OID (RSASSA-PSS parameters).
    static let hashAlgorithms: [String: HashAlgorithm] = [
        "1.2.840.113549.2.2": .md2, "1.2.840.113549.2.5": .md5, "1.3.14.3.2.26": .sha1,
        "2.16.840.1.101.3.4.2.4": .sha224, "2.16.840.1.101.3.4.2.1": .sha256,
        "2.16.840.1.101.3.4.2.2": .sha384, "2.16.840.1.101.3.4.2.3": .sha512,
    ]

    private static func signatureAlgorithm(_ reader: DERReader) throws(DERError) -> (name: String, hash: HashAlgorithm?) {
        var fields = reader
        let oid = try fields.objectIdentifier(fields.read(DERReader.Tag.objectIdentifier, "the signature algorithm's identifier"))
        if oid == rsassaPSS {
            // RSASSA-PSS-params: hashAlgorithm [0] defaults to SHA-1 (RFC 4055 3.1).
            var hash = HashAlgorithm.sha1
            if let parameters = try fields.readIfPresent(DERReader.Tag.sequence) {
                var pss = try fields.reader(into: parameters)
                if let tagged = try pss.readIfPresent(DERReader.Tag.contextConstructed(0)) {
                    var explicit = try pss.reader(into: tagged)
                    var identifier = try explicit.reader(into: explicit.read(DERReader.Tag.sequence, "the PSS hash algorithm"))
                    let hashOID = try identifier.objectIdentifier(identifier.read(DERReader.Tag.objectIdentifier, "the PSS hash algorithm's identifier"))
                    guard let known = hashAlgorithms[hashOID] else { return ("RSASSA-PSS", nil) }
                    hash = known
                }
            }
            return ("RSASSA-PSS with \(hash.rawValue)", hash)
        }
        return signatureAlgorithms[oid] ?? (oid, nil)
    }

    /// Named curves by OID: name and field size in bits.
    static let curves: [String: (name: String, bits: Int)] = [
        "1.2.840.10045.3.1.1": ("P-192", 192), "1.3.132.0.33": ("P-224", 224),
        "1.2.840.10045.3.1.7": ("P-256", 256), "1.3.132.0.34": ("P-384", 384), "1.3.132.0.35": ("P-521", 521),
        "1.3.132.0.10": ("secp256k1", 256),
        "1.3.36.3.3.2.8.1.1.7": ("brainpoolP256r1", 256), "1.3.36.3.3.2.8.1.1.11": ("brainpoolP384r1", 384),
        "1.3.36.3.3.2.8.1.1.13": ("brainpoolP512r1", 512),
    ]

    private static func publicKey(_ reader: DERReader) throws(DERError) -> (algorithm: KeyAlgorithm, oid: String, curve: String?, bits: Int?) {
        var info = reader
        let algorithmElement = try info.read(DERReader.Tag.sequence, "the public key algorithm")
        let keyElement = try info.read(DERReader.Tag.bitString, "the public key")
        try info.expectEnd("the public key")
        var algorithm = try info.reader(into: algorithmElement)
        let oid = try algorithm.objectIdentifier(algorithm.read(DERReader.Tag.objectIdentifier, "the public key algorithm's identifier"))
        let key = try info.bitStringBytes(keyElement)
        switch oid {
        case "1.2.840.113549.1.1.1", rsassaPSS:
            // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
            var outer = DERReader(Array(key))
            var rsa = try outer.reader(into: outer.read(DERReader.Tag.sequence, "an RSA public key"))
            try outer.expectEnd("the RSA public key")
            let modulus = try rsa.read(DERReader.Tag.integer, "the RSA modulus")
            _ = try rsa.read(DERReader.Tag.integer, "the RSA public exponent")
            try rsa.expectEnd("the RSA public exponent")
            return (.rsa, oid, nil, try rsa.unsignedBitLength(modulus))
        case "1.2.840.10045.2.1":
            if let named = try algorithm.readIfPresent(DERReader.Tag.objectIdentifier) {
                let curveOID = try algorithm.objectIdentifier(named)
                if let curve = curves[curveOID] { return (.ec, oid, curve.name, curve.bits) }
            }
            // An unnamed or explicit curve: the size of the point's coordinates (uncompressed
            // 04‖X‖Y, or compressed 02/03‖X).
            guard let form = key.first else { throw DERError(offset: keyElement.offset, problem: .invalidValue("an empty EC public key")) }
            let coordinate = form == 4 ? (key.count - 1) / 2 : key.count - 1
            return (.ec, oid, nil, coordinate > 0 ? coordinate * 8 : nil)
        case "1.2.840.10040.4.1":
            // Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }; absent when inherited.
            guard let parameters = try algorithm.readIfPresent(DERReader.Tag.sequence) else { return (.dsa, oid, nil, nil) }
            var dss = try algorithm.reader(into: parameters)
            return (.dsa, oid, nil, try dss.unsignedBitLength(dss.read(DERReader.Tag.integer, "the DSA prime")))
        case "1.3.101.112":
            return (.ed25519, oid, nil, 256)
        case "1.3.101.113":
            return (.ed448, oid, nil, 456)
        default:
            return (.unrecognised, oid, nil, nil)
        }
    }
}
