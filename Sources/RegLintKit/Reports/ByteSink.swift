/// Where a report is streamed to, chunk by chunk (a report file being written, standard output),
/// so a report of tens of megabytes never sits whole in memory.
public protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws
}

extension Reporter {
    /// Writes the masked report to `sink`. Reporters that can stream (SARIF) send it in chunks
    /// as it is made; the others render it whole and send it masked in chunks, so there is one
    /// copy of it in memory rather than the rendered one and a masked one.
    public func stream(_ report: LintReport, to sink: ByteSink) throws {
        let bytes = renderBytes(report)
        let scrubber = report.masking.scrubber(report)
        guard !scrubber.isEmpty else { return try bytes.withUnsafeBufferPointer { try sink.write($0) } }
        let masking = MaskingSink(scrubber: scrubber, downstream: sink)
        try bytes.withUnsafeBufferPointer { whole in
            var start = 0
            while start < whole.count {
                let end = min(whole.count, start + (1 << 20))
                try masking.write(UnsafeBufferPointer(rebasing: whole[start..<end]))
                start = end
            }
        }
        try masking.finish()
    }
}
