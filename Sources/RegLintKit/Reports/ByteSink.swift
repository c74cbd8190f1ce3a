/// Where a report is streamed to, chunk by chunk (a report file being written, standard output),
/// so a report of tens of megabytes never sits whole in memory.
public protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws
}

extension Reporter {
    /// Writes the masked report to `sink`. Reporters that can stream (SARIF) send it in chunks
    /// as it is made; the others render it whole and send it once.
    public func stream(_ report: LintReport, to sink: ByteSink) throws {
        let bytes = renderMaskedBytes(report)
        try bytes.withUnsafeBufferPointer { try sink.write($0) }
    }
}
