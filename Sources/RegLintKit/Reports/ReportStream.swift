import Foundation

/// A report written as a streamed run goes (`LintRun.stream`): it takes each file's report as the
/// file is done and keeps what it rendered on disk, then writes the document once the run's exit
/// code and secrets are known. Its bytes are those of its format's whole-report reporter.
public protocol ReportStream: AnyObject {
    /// One file's report (a `LintReport` over that file alone; a collection may come in pieces).
    func add(_ file: LintReport)
    /// Writes the document to `sink`, masked with `masking` (`ReportStreamMasking.scrubber`).
    func finish(exitCode: Int32, trailing: [Diagnostic], masking: SecretScrubber, to sink: ByteSink) throws
}

/// The masking of a streamed run's documents: every written form of every secret the run saw,
/// as the whole-report path masks them; made once and shared by the run's documents.
public enum ReportStreamMasking {
    public static func scrubber(secrets: [String]) -> SecretScrubber {
        SecretScrubber(secrets: LintReportMaskedForms.compute(secrets: secrets), minimumLength: 8)
    }

    /// `write` through a masking sink when there is anything to mask.
    static func write(to sink: ByteSink, masking: SecretScrubber, _ write: (ByteSink) throws -> Void) throws {
        guard !masking.isEmpty else { return try write(sink) }
        let masked = MaskingSink(scrubber: masking, downstream: sink)
        try write(masked)
        try masked.finish()
    }
}

extension ReportStream {
    /// `finish` with the masking made from the run's secrets here (one document).
    public func finish(exitCode: Int32, trailing: [Diagnostic], secrets: [String], to sink: ByteSink) throws {
        try finish(exitCode: exitCode, trailing: trailing, masking: ReportStreamMasking.scrubber(secrets: secrets), to: sink)
    }
}

/// Hands each file's report to every stream of a run: on threads of their own when there are
/// several, since the formats share nothing but the report (a run writing SARIF and text rendered
/// them one after the other while the other core idled). Each stream still sees the files in order.
public enum ReportStreamFanOut {
    /// `concurrently: false` (`--jobs 1`) hands the report to the streams in turn.
    public static func add(_ file: LintReport, to streams: [ReportStream], concurrently: Bool = true) {
        guard streams.count > 1, concurrently else {
            for stream in streams { stream.add(file) }
            return
        }
        let each = UncheckedStreams(streams)
        DispatchQueue.concurrentPerform(iterations: streams.count) { each.streams[$0]?.add(file) }
    }

    /// Finishes each output with `finish`, which gives its error line or nil: on a thread per
    /// output when `concurrently`, else in turn. A missing stream (one that could not start)
    /// counts as failed with nothing more to say (""). The errors come back in output order.
    public static func finish(_ streams: [ReportStream?], concurrently: Bool,
                              _ finish: @Sendable (Int, ReportStream) -> String?) -> [String?] {
        let each = UncheckedStreams(streams)
        return ParallelMap.map(count: streams.count, parallelism: concurrently ? streams.count : 1, chunks: streams.count) { index in
            each.streams[index].map { finish(index, $0) } ?? ""
        }
    }

    /// The streams, each touched by one thread at a time (`concurrentPerform` gives every index
    /// to exactly one thread, and returns only when all are done).
    private struct UncheckedStreams: @unchecked Sendable {
        let streams: [ReportStream?]
        init(_ streams: [ReportStream?]) { self.streams = streams }
    }
}
