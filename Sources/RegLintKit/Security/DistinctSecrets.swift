/// The secret values of a run or a report, gathered once each without hashing the huge ones: a
/// value of a megabyte or more (a 500 MB `.env` line) is kept as it comes, since hashing it took
/// a quarter of a second at every gathering. Such a value may so appear twice in `values`; the
/// masking sorts its secrets and drops repeats (`SecretScrubber`), and `LintReport.secrets` too.
struct DistinctSecrets {
    /// Values this long (UTF-8 bytes) or longer are not hashed.
    static let unhashedSize = 1 << 20

    private var hashed = Set<String>()
    private var unhashed: [String] = []

    mutating func add(_ secrets: [String]) {
        for secret in secrets {
            if secret.utf8.count >= Self.unhashedSize { unhashed.append(secret) } else { hashed.insert(secret) }
        }
    }

    /// Every value gathered, in no particular order.
    var values: [String] { unhashed + hashed }
}
