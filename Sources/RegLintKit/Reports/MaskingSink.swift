/// A sink that masks secrets in a stream before passing it on, so a report with secrets to mask
/// is streamed like any other instead of being rendered whole and then scrubbed (a second copy
/// of tens of megabytes). It holds back only the bytes a secret could still run on into.
public final class MaskingSink: ByteSink {
    private let scrubber: SecretScrubber
    private let downstream: ByteSink
    private var pending: [UInt8] = []
    /// Bytes gathered before a pass: at least twice the longest secret, so each pass settles at
    /// least half of what it scans and the passes stay linear in the report.
    private let batch: Int

    public init(scrubber: SecretScrubber, downstream: ByteSink, batch: Int = 1 << 20) {
        self.scrubber = scrubber
        self.downstream = downstream
        self.batch = max(batch, 2 * scrubber.longestSecret)
    }

    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        pending.append(contentsOf: bytes)
        if pending.count >= batch { try pass(final: false) }
    }

    /// Masks and sends what is still held; call once, after the last write.
    public func finish() throws {
        try pass(final: true)
    }

    private func pass(final: Bool) throws {
        guard !pending.isEmpty else { return }
        let (out, consumed) = pending.withUnsafeBufferPointer { scrubber.scrubSettled($0, final: final) }
        pending.removeSubrange(..<consumed)
        try out.withUnsafeBufferPointer { try downstream.write($0) }
    }
}
