import Foundation
import RuleSchema

/// SARIF 2.1.0 for code scanning: one run, every rule's metadata, results with repo-relative
/// regions, unreadable inputs and unevaluated rules as tool execution notifications.
/// Mapping: `../shared/reference/reports.md` §2.5; spec: docs.oasis-open.org/sarif/sarif/v2.1.0.
public struct SARIFReporter: Reporter {
    /// Threads that render a large report's results (`--jobs`); the log is the same on any number.
    public var workers: Int

    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.workers = max(1, workers)
    }

    public func render(_ report: LintReport) -> String { String(decoding: renderBytes(report), as: UTF8.self) }

    public func renderBytes(_ report: LintReport) -> [UInt8] {
        let notifications = SARIFReporter.groupedDiagnostics(report.diagnostics)
        var json = JSONWriter(capacity: SARIFReporter.estimatedSize(of: report, notifications: notifications.count))
        write(report, notifications: notifications, into: &json)
        return json.finished()
    }

    /// Streams the log in chunks of about a megabyte; secrets to mask are masked on the way
    /// (`MaskingSink`), so the log never sits whole in memory.
    public func stream(_ report: LintReport, to sink: ByteSink) throws {
        let scrubber = report.masking.scrubber(report)
        let masking = scrubber.isEmpty ? nil : MaskingSink(scrubber: scrubber, downstream: sink)
        var json = JSONWriter(streamingTo: masking ?? sink)
        write(report, notifications: SARIFReporter.groupedDiagnostics(report.diagnostics), into: &json)
        try json.finishStream()
        try masking?.finish()
    }

    private func write(_ report: LintReport, notifications: [Diagnostic], into json: inout JSONWriter) {
        let header = RunHeader(toolName: report.toolName, toolVersion: report.toolVersion, rules: report.rules, exitCode: report.exitCode)
        let rules = RuleIndex(report.rules)
        write(header, into: &json, notifications: { json in
            // Sent on as they are written: 44,000 notifications of a 10,000-file tree were 100 MB
            // held in the buffer before the first result.
            for diagnostic in notifications {
                writeNotification(diagnostic, rules, into: &json)
                json.drain()
            }
        }, results: { json in
            writeResults(report.findings, ResultContext(report), into: &json)
        })
    }

    /// What the log says before its notifications and results.
    struct RunHeader {
        var toolName: String
        var toolVersion: String
        var rules: [RuleSpec]
        var exitCode: Int32
    }

    /// The log with its notifications and results written by the callers (rendered here, or
    /// spliced in from a streamed run's spools).
    func write(_ header: RunHeader, into json: inout JSONWriter, notifications: (inout JSONWriter) throws -> Void,
               results: (inout JSONWriter) throws -> Void) rethrows {
        json.beginObject()
        json.member("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        json.member("version", "2.1.0")
        json.key("runs")
        json.beginArray()
        json.beginObject()
        json.key("tool")
        json.beginObject()
        json.key("driver")
        writeDriver(header, into: &json)
        json.endObject()
        json.key("invocations")
        json.beginArray()
        json.beginObject()
        json.member("executionSuccessful", header.exitCode != 2)
        json.member("exitCode", Int(header.exitCode))
        json.key("toolExecutionNotifications")
        json.beginArray()
        try notifications(&json)
        json.endArray()
        json.endObject()
        json.endArray()
        json.key("originalUriBaseIds")
        json.beginObject()
        json.key("%SRCROOT%")
        json.beginObject()
        json.member("description", text: "The repository root (the directory reglint reports paths against).")
        json.endObject()
        json.endObject()
        json.member("columnKind", "utf16CodeUnits")
        json.key("results")
        json.beginArray()
        try results(&json)
        json.endArray()
        json.endObject()
        json.endArray()
        json.endObject()
    }

    /// Depths of the notification and result arrays in the log, for values rendered apart.
    static let notificationDepth = 6
    static let resultDepth = 4

    /// A little more than the bytes of the log (a result takes about 0.7 KB, a rule 2 KB), so the
    /// buffer seldom grows.
    static func estimatedSize(of report: LintReport, notifications: Int) -> Int {
        16_384 + 3_072 * report.rules.count + 896 * report.findings.count + 512 * notifications
    }

    private func writeDriver(_ header: RunHeader, into json: inout JSONWriter) {
        json.beginObject()
        json.member("name", header.toolName)
        json.member("version", header.toolVersion)
        json.member("semanticVersion", header.toolVersion)
        json.member("informationUri", SARIFReporter.informationURI)
        json.key("rules")
        json.beginArray()
        for rule in header.rules { writeRuleDescriptor(rule, into: &json) }
        json.endArray()
        json.key("notifications")
        json.beginArray()
        for kind in Diagnostic.Kind.allCases {
            json.beginObject()
            json.member("id", kind.rawValue)
            json.member("name", kind.name)
            json.member("shortDescription", text: kind.summary)
            json.member("defaultConfiguration", level: kind.level.rawValue)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    func writeRuleDescriptor(_ rule: RuleSpec, into json: inout JSONWriter) {
        var tags = ["security", "entra-id"]
        for tag in rule.tags where !tags.contains(tag) { tags.append(tag) }
        let help = "\(rule.remediation)"
        let markdown = "\(rule.description)\n\n**Fix:** \(rule.remediation)\n\nSee [\(rule.helpURI)](\(rule.helpURI))."
        json.beginObject()
        json.member("id", rule.id)
        json.member("name", rule.name)
        json.member("shortDescription", text: SARIFReporter.sentence(rule.title))
        json.member("fullDescription", text: String(rule.description.prefix(1024)))
        json.member("defaultConfiguration", level: rule.severity.rawValue)
        json.member("helpUri", rule.helpURI)
        json.key("help")
        json.beginObject()
        json.member("text", help)
        json.member("markdown", markdown)
        json.endObject()
        json.key("properties")
        json.beginObject()
        json.member("tags", strings: tags.prefix(10))
        json.member("precision", rule.precision)
        json.member("security-severity", rule.securitySeverityScore)
        json.endObject()
        json.endObject()
    }

    /// Rule ids to their places in the log's rule list.
    struct RuleIndex: Sendable {
        private var places: [String: Int] = [:]
        init(_ rules: [RuleSpec]) {
            for (index, rule) in rules.enumerated() where places[rule.id] == nil { places[rule.id] = index }
        }
        func callAsFunction(_ id: String) -> Int? { places[id] }
    }

    func writeNotification(_ diagnostic: Diagnostic, _ ruleIndex: RuleIndex, into json: inout JSONWriter) {
        // One line of a fixed shape, written as bytes: a tree of 10,000 files has tens of
        // thousands of notifications, and their keys, the message built as a string and then
        // escaped, were a twentieth of its run. The same bytes the writer's calls would make.
        json.oneLineValue { out in
            out.append(contentsOf: #"{"descriptor":{"id":"#.utf8)
            JSONText.appendQuoted(diagnostic.kind.rawValue, to: &out)
            out.append(contentsOf: #","index":"#.utf8)
            DecimalText.append(Diagnostic.Kind.allCases.firstIndex(of: diagnostic.kind) ?? 0, to: &out)
            if let rule = diagnostic.ruleID, let index = ruleIndex(rule) {
                out.append(contentsOf: #"},"associatedRule":{"id":"#.utf8)
                JSONText.appendQuoted(rule, to: &out)
                out.append(contentsOf: #","index":"#.utf8)
                DecimalText.append(index, to: &out)
            }
            out.append(contentsOf: #"},"level":"#.utf8)
            JSONText.appendQuoted(diagnostic.level.rawValue, to: &out)
            out.append(contentsOf: #","message":{"text":""#.utf8)
            Self.appendText(of: diagnostic, to: &out)
            out.append(contentsOf: #""},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"#.utf8)
            JSONText.appendQuoted(URIEncoding.relative(diagnostic.reportPath), to: &out)
            let start = diagnostic.position ?? SourcePosition(line: 1, column: 1, offset: 0)
            out.append(contentsOf: #","uriBaseId":"%SRCROOT%"},"region":{"startLine":"#.utf8)
            DecimalText.append(start.line, to: &out)
            out.append(contentsOf: #","startColumn":"#.utf8)
            DecimalText.append(start.column, to: &out)
            out.append(contentsOf: "}}}]}".utf8)
        }
    }

    /// What every result looks up, computed once per report rather than once per result.
    struct ResultContext: Sendable {
        var ruleIndex: [String: Int] = [:]
        let highest: [Severity]
        let scores: [String]
        let uris: ReportPaths
        let baselineInPlay: Bool
        /// SARIF §3.27.23: once any result carries `suppressions`, every result does ([] = not suppressed).
        let suppressionsInPlay: Bool

        init(_ report: LintReport) {
            self.init(rules: report.rules, policy: report.policy, inputs: report.result.files.map(\.input))
        }

        init(rules: [RuleSpec], policy: Policy, inputs: [InputFile]) {
            for (index, rule) in rules.enumerated() { ruleIndex[rule.id] = index }
            highest = rules.map(\.highestSeverity)
            scores = rules.map(\.securitySeverityScore)
            uris = ReportPaths(inputs)
            baselineInPlay = policy.baseline != nil
            suppressionsInPlay = !policy.suppressions.isEmpty
        }

        /// The repo-relative path of a place a finding names: its own file's is the finding's
        /// subject; another file's (a related location elsewhere in the run) is looked up.
        func uri(_ path: String, of finding: Finding) -> String {
            path == finding.registration.location.path ? finding.subject.file : uris.reportPath(path)
        }

        /// The `security-severity` of one result: the rule's own score when the finding has the rule's
        /// highest level, else the score of the finding's level (a 182-day secret is not High).
        func securitySeverity(_ finding: Finding, ruleIndex index: Int?) -> String {
            guard let index, finding.severity == highest[index] else { return finding.severity.securityScore }
            return scores[index]
        }
    }

    /// Findings per block rendered on one thread (`ParallelMap.inBlocks`, a window of a few
    /// megabytes spliced in order, so the log is the same on any number of cores).
    static let resultsPerBlock = 256

    /// The results, rendered in blocks on every core and written in order.
    func writeResults(_ findings: [Finding], _ context: ResultContext, into json: inout JSONWriter) {
        let depth = json.openDepth
        ParallelMap.inBlocks(count: findings.count, block: Self.resultsPerBlock, parallelism: workers) { range in
            var fragment = JSONWriter(fragmentAtDepth: depth, first: range.lowerBound == 0, capacity: range.count * 896)
            var places = LocationBytes()
            for index in range { writeResult(findings[index], context, places: &places, into: &fragment) }
            return fragment.fragmentBytes()
        } take: { fragment in
            json.append(fragment: fragment)
            json.drain()
        }
    }

    func writeResult(_ finding: Finding, _ context: ResultContext, places: inout LocationBytes, into json: inout JSONWriter) {
        json.beginObject(oneLine: true)
        json.member("ruleId", finding.ruleID)
        let index = context.ruleIndex[finding.ruleID]
        if let index { json.member("ruleIndex", index) }
        // Related locations are linked from the message, so GitHub shows them ("[text](1)").
        var text = finding.message
        for (index, related) in finding.related.enumerated() {
            text += " See [\(SARIFReporter.linkText(related.location.path)):\(related.location.start.line)](\(index + 1))."
        }
        json.member("level", finding.severity.rawValue)
        json.member("message", text: text)
        json.key("locations")
        json.rawValue { out in places.appendLocations(of: finding, uri: context.uri(finding.location.path, of: finding), to: &out) }
        if !finding.related.isEmpty { writeRelatedLocations(of: finding, context, into: &json) }
        if case .suppressed(let why) = finding.disposition {
            writeSuppression(why, into: &json)
        } else if context.suppressionsInPlay {
            json.key("suppressions")
            json.beginArray()
            json.endArray()
        }
        if context.baselineInPlay {
            json.member("baselineState", finding.disposition == .baselined ? "unchanged" : "new")
        }
        json.key("partialFingerprints")
        json.beginObject()
        json.member("reglintFingerprint/v1", finding.fingerprint)
        json.endObject()
        json.key("properties")
        json.beginObject()
        json.member("jsonPointer", finding.location.pointer)
        json.member("security-severity", context.securitySeverity(finding, ruleIndex: index))
        json.endObject()
        json.endObject()
    }

    /// A result's `locations` value, one line: its place in the file and the registration it
    /// belongs to. The parts before and after the region are the same for every result of a
    /// file and of a registration, so they are made once and copied (writing them member by
    /// member was half the time of a result). `ReportTests.sarifLocationBytes` checks the bytes
    /// against the same value written by `JSONWriter` (`writeLocations`).
    struct LocationBytes {
        private var uri: String?
        /// `[{"physicalLocation":{"artifactLocation":{"uri":…,"uriBaseId":"%SRCROOT%"},"region":{"startLine":`
        private var head: [UInt8] = []
        private var registration: RegistrationReference?
        /// `}},"logicalLocations":[{"name":…,"fullyQualifiedName":…,"kind":"resource"}]}]`
        private var tail: [UInt8] = []

        mutating func appendLocations(of finding: Finding, uri: String, to out: inout [UInt8]) {
            if self.uri != uri {
                self.uri = uri
                head = Array(#"[{"physicalLocation":{"artifactLocation":{"uri":""#.utf8)
                JSONText.append(URIEncoding.relative(uri), to: &head)
                head.append(contentsOf: #"","uriBaseId":"%SRCROOT%"},"region":{"startLine":"#.utf8)
            }
            if registration !== finding.registration {
                let app = finding.registration
                registration = app
                tail = Array(#"}},"logicalLocations":[{"name":""#.utf8)
                JSONText.append(app.displayName ?? app.label, to: &tail)
                if let appId = app.appId {
                    tail.append(contentsOf: #"","fullyQualifiedName":"applications/"#.utf8)
                    JSONText.append(appId, to: &tail)
                }
                tail.append(contentsOf: #"","kind":"resource"}]}]"#.utf8)
            }
            let start = finding.location.start, end = finding.location.end
            out.append(contentsOf: head)
            DecimalText.append(start.line, to: &out)
            out.append(contentsOf: #","startColumn":"#.utf8)
            DecimalText.append(start.column, to: &out)
            out.append(contentsOf: #","endLine":"#.utf8)
            DecimalText.append(end.line, to: &out)
            out.append(contentsOf: #","endColumn":"#.utf8)
            DecimalText.append(max(end.column, end.line == start.line ? start.column + 1 : 1), to: &out)
            out.append(contentsOf: tail)
        }
    }

    /// The same `locations` value through `JSONWriter`, member by member: what `LocationBytes`
    /// must give (its test's reference).
    static func writeLocations(of finding: Finding, uri: String, into json: inout JSONWriter) {
        json.beginArray()
        json.beginObject()
        SARIFReporter.writePhysicalLocation(uri: uri, finding.location.start, finding.location.end, into: &json)
        json.key("logicalLocations")
        json.beginArray()
        json.beginObject()
        json.member("name", finding.registration.displayName ?? finding.registration.label)
        if let appId = finding.registration.appId { json.member("fullyQualifiedName", "applications/\(appId)") }
        json.member("kind", "resource")
        json.endObject()
        json.endArray()
        json.endObject()
        json.endArray()
    }

    private func writeRelatedLocations(of finding: Finding, _ context: ResultContext, into json: inout JSONWriter) {
        json.key("relatedLocations")
        json.beginArray()
        for (index, related) in finding.related.enumerated() {
            json.beginObject()
            json.member("id", index + 1)
            SARIFReporter.writePhysicalLocation(uri: context.uri(related.location.path, of: finding), related.location.start, related.location.end, into: &json)
            json.member("message", text: related.message)
            json.endObject()
        }
        json.endArray()
    }

    private func writeSuppression(_ why: Justification, into json: inout JSONWriter) {
        json.key("suppressions")
        json.beginArray()
        json.beginObject()
        json.member("kind", "external")
        json.member("status", "accepted")
        json.member("justification", why.reason)
        json.key("properties")
        json.beginObject()
        json.member("source", why.source)
        if let expires = why.expires { json.member("expires", expires) }
        json.endObject()
        json.endObject()
        json.endArray()
    }

    static let informationURI = "https://github.com/reglint/reglint"


    /// Above this many registrations not evaluated by one rule for one reason, SARIF says it once
    /// with the count (a tenant export omits owners for every app: 10,000 notifications would
    /// bury the ones that matter). Counted over the run, so that a tree of files (a registration
    /// each) folds as one collection file does.
    static let groupingThreshold = 10

    /// The (rule, reason) groups a fold holds at once (reasons that quote an unreadable value
    /// make a group each, and what a fold holds stays bounded). A new group takes the place of
    /// the oldest group of one check, whose check is then written as it is, among the other
    /// notifications; when every group has two or more, the new check is written so.
    static let foldedGroupLimit = 1_024

    /// The diagnostics as SARIF lists them: every one that is not a check not evaluated (nor a
    /// check let go from a full table, `foldedGroupLimit`), in order; then the checks not
    /// evaluated, large groups folded into one each.
    static func groupedDiagnostics(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var fold = DiagnosticFold()
        for d in diagnostics { fold.add(d) }
        return fold.diagnostics
    }

    /// `groupedDiagnostics` taken a diagnostic at a time: what it keeps is bounded by the
    /// threshold for each (rule, reason) and by `foldedGroupLimit`, not by the 445,000
    /// not-evaluated checks of a 100,000-app run, which a streamed run adds piece by piece. The
    /// other diagnostics wait in `passing` until taken (`takePassing`).
    struct DiagnosticFold {
        /// Diagnostics that are not folded, in order, not yet taken.
        private var passing: [Diagnostic] = []
        /// Checks not evaluated, in order; a folded key's later ones are dropped (nil) once it
        /// passes the threshold.
        private var kept: [Diagnostic?] = []
        /// Each key's count, and the places in `kept` of its diagnostics while it is at or under
        /// the threshold: one lookup per diagnostic (a count and a list of places apart were three).
        private var groups: [Key: Group] = [:]
        /// Keys in the order their groups were made, from `nextCandidate` on: where a full table
        /// looks for a group of one check to let go (a group's count never falls, so a key passed
        /// over is never looked at again).
        private var madeOrder: [Key] = []
        private var nextCandidate = 0
        /// Places in `kept` emptied (folded or let go): past half of it, `kept` is compacted.
        private var emptied = 0

        /// What folds diagnostics together: one rule, one reason (compared as they are: a string
        /// joined from them was made for each of a collection's 50,000 diagnostics). Compared as
        /// bytes, and so hashed.
        private struct Key: Hashable {
            var rule: String
            var reason: String

            static func == (a: Key, b: Key) -> Bool {
                UTF8Bytes.equal(a.rule, b.rule) && UTF8Bytes.equal(a.reason, b.reason)
            }

            /// Hashed on the bytes of both, whole: reasons that quote a value have it in their
            /// middle (`'endDateTime' holds 'garbage 12', which is not a date`), and a hash of
            /// their ends put a run's 1,024 such groups in one chain of the table.
            func hash(into hasher: inout Hasher) {
                UTF8Bytes.with(rule) { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
                UTF8Bytes.with(reason) { bytes in
                    hasher.combine(bytes.count)
                    hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
                }
            }
        }

        private struct Group {
            var count = 0
            var places: [Int] = []
            /// Files the group's checks are in, counted as runs of one report path (a run's
            /// diagnostics come file by file; two inputs with one report path are one file), and
            /// the last one's path. Two paths that differ only in their Unicode normal form are two
            /// files (the file system tells them apart).
            var files = 0
            var lastPath: String?

            /// Counts one more diagnostic, at `place` in `kept`, of the file at `path`: whether
            /// to keep it, and the places to drop (all but the first) when this one takes the
            /// group past the threshold; `isNew` when this is its first.
            mutating func add(at place: Int, path: String, isNew: inout Bool) -> (keep: Bool, drop: ArraySlice<Int>) {
                count += 1
                isNew = count == 1
                if lastPath.map({ !UTF8Bytes.equal($0, path) }) ?? true {
                    files += 1
                    lastPath = path
                }
                if count <= SARIFReporter.groupingThreshold {
                    places.append(place)
                    return (true, [])
                }
                guard count == SARIFReporter.groupingThreshold + 1 else { return (false, []) }
                defer { places = [] }
                return (false, places.dropFirst())
            }
        }

        private static func key(_ d: Diagnostic) -> Key? {
            guard d.kind == .ruleNotEvaluated, let rule = d.ruleID, let reason = d.reason else { return nil }
            return Key(rule: rule, reason: reason)
        }

        mutating func add(_ d: Diagnostic) {
            guard let k = Self.key(d) else { return passing.append(d) }
            if groups.count >= SARIFReporter.foldedGroupLimit, groups[k] == nil, !letGoOfOneCheckGroup() { return passing.append(d) }
            var isNew = false
            let (keep, drop) = groups[k, default: Group()].add(at: kept.count, path: d.reportPath, isNew: &isNew)
            if isNew { madeOrder.append(k) }
            if keep { kept.append(d) }
            // Folded from now on: only the first stays.
            for place in drop { kept[place] = nil }
            emptied += drop.count
            if emptied > 4_096, emptied > kept.count / 2 { compact() }
        }

        /// Lets the oldest group of one check go, its check among the passing ones; false when
        /// every group has more.
        private mutating func letGoOfOneCheckGroup() -> Bool {
            while nextCandidate < madeOrder.count {
                let candidate = madeOrder[nextCandidate]
                nextCandidate += 1
                guard let group = groups[candidate], group.count == 1, let place = group.places.first, let d = kept[place] else { continue }
                passing.append(d)
                kept[place] = nil
                emptied += 1
                groups[candidate] = nil
                if nextCandidate > 4_096, nextCandidate > madeOrder.count / 2 {
                    madeOrder.removeFirst(nextCandidate)
                    nextCandidate = 0
                }
                return true
            }
            return false
        }

        /// `kept` without its emptied places, each group's places moved with it.
        private mutating func compact() {
            var moved = [Int](repeating: -1, count: kept.count)
            var compacted: [Diagnostic?] = []
            compacted.reserveCapacity(kept.count - emptied)
            for (place, d) in kept.enumerated() where d != nil {
                moved[place] = compacted.count
                compacted.append(d)
            }
            for (key, group) in groups where !group.places.isEmpty {
                groups[key]?.places = group.places.map { moved[$0] }
            }
            kept = compacted
            emptied = 0
        }

        /// The diagnostics that are not folded, added since the last call: a streamed run writes
        /// them as each file is done.
        mutating func takePassing() -> [Diagnostic] {
            defer { passing = [] }
            return passing
        }

        /// The diagnostics not taken, then the checks not evaluated, each key over the threshold
        /// folded into its first.
        var diagnostics: [Diagnostic] {
            var all = passing
            all.reserveCapacity(passing.count + kept.count)
            for d in kept {
                guard let d else { continue }
                guard let k = Self.key(d), let group = groups[k], group.count > SARIFReporter.groupingThreshold else {
                    all.append(d)
                    continue
                }
                var folded = d
                let files = group.files == 1 ? "of this file" : "in \(group.files) files"
                folded.message = "\(d.ruleID ?? "") was not evaluated for \(group.count) registrations \(files) (the first: '\(d.registration ?? "")'): \(d.reason ?? "")"
                all.append(folded)
            }
            return all
        }
    }

    /// A diagnostic as a SARIF message: the file, the position and the sentence.
    static func text(of diagnostic: Diagnostic) -> String {
        let at = diagnostic.position.map { " (line \($0.line), column \($0.column))" } ?? ""
        return "'\(diagnostic.reportPath)'\(at): \(LintReport.sentence(diagnostic.message))"
    }

    /// `text(of:)` escaped for a JSON string, appended piece by piece (JSON escapes each
    /// character alone, so the pieces escaped are the whole escaped).
    static func appendText(of diagnostic: Diagnostic, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "'"))
        JSONText.append(diagnostic.reportPath, to: &out)
        out.append(UInt8(ascii: "'"))
        if let position = diagnostic.position {
            out.append(contentsOf: " (line ".utf8)
            DecimalText.append(position.line, to: &out)
            out.append(contentsOf: ", column ".utf8)
            DecimalText.append(position.column, to: &out)
            out.append(UInt8(ascii: ")"))
        }
        out.append(contentsOf: ": ".utf8)
        // A not-evaluated check's sentence from its parts, when `sentence` would leave its start
        // as it is: the message's first two bytes are the rule's, then " was".
        if let parts = diagnostic.notEvaluatedParts, Self.keepsStart(ofMessageBeginningWith: parts.rule) {
            JSONText.append(parts.rule, to: &out)
            out.append(contentsOf: " was not evaluated for '".utf8)
            JSONText.append(parts.registration, to: &out)
            out.append(contentsOf: "': ".utf8)
            JSONText.append(parts.reason, to: &out)
            if !parts.reason.hasSuffix(".") { out.append(UInt8(ascii: ".")) }
        } else {
            JSONText.append(LintReport.sentence(diagnostic.message), to: &out)
        }
    }

    /// `LintReport.keepsStart` for a message that begins with `rule`, then " was".
    private static func keepsStart(ofMessageBeginningWith rule: String) -> Bool {
        var bytes = rule.utf8.makeIterator()
        guard let first = bytes.next() else { return LintReport.keepsStart(UInt8(ascii: " "), UInt8(ascii: "w")) }
        return LintReport.keepsStart(first, bytes.next() ?? UInt8(ascii: " "))
    }

    /// The `physicalLocation` member of a location object.
    static func writePhysicalLocation(uri: String, _ start: SourcePosition, _ end: SourcePosition?, into json: inout JSONWriter) {
        json.key("physicalLocation")
        json.beginObject()
        json.key("artifactLocation")
        json.beginObject()
        // Always relative to %SRCROOT% (`../` outside it): upload-sarif drops `file://` URIs.
        json.member("uri", URIEncoding.relative(uri))
        json.member("uriBaseId", "%SRCROOT%")
        json.endObject()
        json.key("region")
        json.beginObject()
        json.member("startLine", start.line)
        json.member("startColumn", start.column)
        if let end {
            json.member("endLine", end.line)
            json.member("endColumn", max(end.column, end.line == start.line ? start.column + 1 : 1))
        }
        json.endObject()
        json.endObject()
    }

    /// Link text in a message may not hold brackets.
    static func linkText(_ path: String) -> String {
        path.replacingOccurrences(of: "[", with: "(").replacingOccurrences(of: "]", with: ")")
    }

    static func pascalCase(_ slug: String) -> String {
        slug.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func sentence(_ title: String) -> String {
        let t = title.trimmingCharacters(in: .whitespaces)
        return t.hasSuffix(".") ? t : t + "."
    }
}

extension JSONWriter {
    /// A SARIF message-like object: `"name": {"text": …}`.
    fileprivate mutating func member(_ name: String, text: String) {
        key(name)
        beginObject()
        member("text", text)
        endObject()
    }

    /// A SARIF reporting configuration: `"name": {"level": …}`.
    fileprivate mutating func member(_ name: String, level: String) {
        key(name)
        beginObject()
        member("level", level)
        endObject()
    }
}

import Foundation

/// RFC 3986 percent-encoding for artifact URIs.
enum URIEncoding {
    static func relative(_ path: String) -> String {
        // Most paths need no escape: told on their stored bytes.
        if UTF8Bytes.with(path, { $0.allSatisfy(isUnreserved) }) { return path }
        var out = ""
        for byte in path.utf8 {
            if isUnreserved(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }

    /// Whether a byte is left as it is in a URI reference: ASCII letters and digits, `-._~` and
    /// `/`. By byte ranges (a table, a global, was checked for its initialisation at every byte
    /// of every notification's and result's path; a `Set` hashed every byte).
    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"): true
        default: false
        }
    }
}
