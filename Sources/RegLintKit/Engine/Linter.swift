import Foundation
import RuleSchema

/// Runs the pipeline on each input: read, parse, adapt, derive facts, evaluate rules, locate.
///
/// Files are independent, so they are linted in parallel; results keep input order, which makes
/// the output the same whatever the number of threads.
public struct Linter: Sendable {
    public var rules: RuleSet
    public var now: Instant
    public var maxFileSize: Int
    public var parser: JSONParser
    public var parallelism: Int
    /// Parameter overrides by rule id (rule examples, the configuration file).
    public var params: [String: [String: ParamValue]]
    /// Collect credential and permission inventories and input digests (the audit report).
    public var collectInventory = false
    /// Hand a file of more than `pieceSize` registrations (a tenant collection) on in pieces of
    /// that many, each as it is linted (`FileResult.continued`), so that a streamed run holds one
    /// piece's findings rather than the file's. Off: a file is one result.
    public var deliversPieces = false
    /// Registrations in a piece (a piece of 2,048 apps holds about 12 MB of findings).
    public var pieceSize = 2_048

    /// Some rule reads `facts.permissions` (computed once per run).
    let resolvesPermissions: Bool
    /// Some rule reads a key credential's certificate facts (`facts.keySizeBits`, …).
    let readsCertificates: Bool

    public init(rules: RuleSet, now: Instant, maxFileSize: Int = 512 << 20, maxDepth: Int = 512,
                parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
                params: [String: [String: ParamValue]] = [:]) {
        self.rules = rules
        self.resolvesPermissions = rules.rules.contains { $0.spec.readsFact("permissions") }
        self.readsCertificates = rules.rules.contains { rule in CertificateFacts.names.contains { rule.spec.readsFact($0) } }
        self.params = params
        self.now = now
        self.maxFileSize = maxFileSize
        self.parser = JSONParser(maxDepth: maxDepth)
        self.parallelism = max(1, parallelism)
    }

    /// Lints every input. Registrations are linted file by file in parallel; app configuration
    /// files wait for the run index of every credential and app id, then are linted against it.
    public func lint(_ inputs: [InputFile]) async -> LintResult {
        var files: [FileResult] = []
        files.reserveCapacity(inputs.count)
        await lint(inputs) { files.append($0) }
        return LintResult(files: files)
    }

    /// Lints every input and hands each file's result to `deliver` in input order, as soon as it
    /// and every file before it are done: the run holds a window of files at a time, not all of
    /// them. The run index is merged in input order (the earlier file wins), whatever order the
    /// files finish in. A configuration file is linted against the whole run index, so it, and
    /// every file after it, waits until every file has been read.
    public func lint(_ inputs: [InputFile], deliver: (FileResult) -> Void) async {
        var results: [Int: FileResult] = [:]
        var pending: [Int: PendingConfiguration] = [:]
        var pieces: [Int: PendingRegistrations] = [:]
        var parts: [Int: RunIndex] = [:]
        var index = RunIndex()
        let lookup = placeLookup(inputs)
        var merged = 0
        var delivered = 0
        func advance() {
            // The index takes each file's part in input order.
            while merged < inputs.count, results[merged] != nil || pending[merged] != nil || pieces[merged] != nil {
                if let part = parts.removeValue(forKey: merged) { index.merge(part) }
                merged += 1
                if merged == inputs.count {
                    index.seal()
                    index.places = lookup
                }
            }
            while delivered < inputs.count {
                if let result = results.removeValue(forKey: delivered) {
                    deliver(result)
                } else if let registrations = pieces.removeValue(forKey: delivered) {
                    lintInPieces(registrations, deliver: deliver)
                } else if merged == inputs.count, let configuration = pending.removeValue(forKey: delivered) {
                    deliver(finish(configuration, index: index))
                } else {
                    return
                }
                delivered += 1
            }
        }
        // Many small files go to the workers a few at a time: a task per file spent more on
        // waking threads than a small export takes to lint.
        let batch = inputs.count >= parallelism * 64 ? Linter.filesPerTask : 1
        // Room for every worker's batch and four files each beyond (four files each, as before
        // batching, when there is none): what runs ahead of delivery stays bounded.
        let window = parallelism * (4 + (batch > 1 ? batch : 0))
        await withTaskGroup(of: [(Int, Outcome)].self) { group in
            var next = 0
            var running = 0
            func launch() {
                let range = next..<min(next + batch, inputs.count)
                next = range.upperBound
                running += 1
                let batchInputs = Array(inputs[range])
                let first = range.lowerBound
                group.addTask { batchInputs.enumerated().map { (first + $0.offset, self.prepare($0.element)) } }
            }
            // Files run ahead of the oldest undelivered one by at most a window, unless a
            // configuration file holds delivery up until every file is read. (With nothing
            // running, the oldest file is delivered or is such a configuration file, so the
            // run always goes on.)
            func mayLaunch() -> Bool { running < parallelism && next < inputs.count && (next < delivered + window || pending[delivered] != nil) }
            while mayLaunch() { launch() }
            for await outcomes in group {
                running -= 1
                for (position, outcome) in outcomes {
                    switch outcome {
                    case .done(let result, let places):
                        results[position] = result
                        parts[position] = RunIndex(places, input: position)
                    case .pending(let configuration):
                        pending[position] = configuration
                    case .pieces(let registrations, let places):
                        pieces[position] = registrations
                        parts[position] = RunIndex(places, input: position)
                    }
                }
                advance()
                while mayLaunch() { launch() }
            }
        }
        advance()
    }

    /// True for formats whose registrations are consecutive elements of one JSON array, each
    /// finding inside its own element: findings sorted piece by piece are then sorted over the
    /// file, as a whole report sorts them. A Terraform state lists passwords after every
    /// application, and a CliXml object can refer to one defined elsewhere: those are linted whole.
    static func piecesKeepOrder(_ format: InputFormat?) -> Bool {
        switch format {
        case .graphJSON?, .legacyManifest?, .powerShellJSON?: true
        default: false
        }
    }

    /// Files a worker takes at a time when a run has many (`lint(_:deliver:)`).
    static let filesPerTask = 8

    static let unrecognizedMessage = "not an app registration export or an app configuration file reglint reads (docs/formats.md lists the formats; --ignore-unknown skips such files)"

    /// Lints inputs in order on the calling thread, with the run index (rule examples).
    public func lintInOrder(_ inputs: [InputFile]) -> LintResult {
        let outcomes = inputs.map { prepare($0) }
        var index = RunIndex()
        for (position, outcome) in outcomes.enumerated() {
            if case .done(_, let places) = outcome { index.merge(RunIndex(places, input: position)) }
            if case .pieces(_, let places) = outcome { index.merge(RunIndex(places, input: position)) }
        }
        index.seal()
        index.places = placeLookup(inputs)
        return LintResult(files: outcomes.map { outcome in
            switch outcome {
            case .done(let result, _): result
            case .pending(let pending): finish(pending, index: index)
            case .pieces(let registrations, _): whole(registrations)
            }
        })
    }

    /// Lints one input from start to end (configuration files against an empty run index);
    /// never throws: every failure is part of the result.
    public func lint(_ input: InputFile) -> FileResult {
        switch prepare(input) {
        case .done(let result, _): result
        case .pending(let pending): finish(pending, index: RunIndex())
        case .pieces(let registrations, _): whole(registrations)
        }
    }

    /// The first phase for one file: registrations are linted at once (with where their
    /// identifiers are, for the run index); a configuration file is parsed and left for the
    /// second phase.
    enum Outcome: Sendable {
        case done(FileResult, IdentifierPlaces)
        case pending(PendingConfiguration)
        /// A collection to lint piece by piece when it is handed on (`deliversPieces`).
        case pieces(PendingRegistrations, IdentifierPlaces)
    }

    /// A collection's registrations, adapted, waiting to be linted in pieces.
    struct PendingRegistrations: Sendable {
        /// The file's result without registrations (its notices, truncations, file secrets).
        var header: FileResult
        var registrations: [ModelNode]
        var pointers: [String?]
        var locator: Locator
        var builder: FactBuilder
    }

    /// Lints a collection piece by piece, handing each on as it is done: the first piece carries
    /// the file's own results, the others are `continued`. The next piece is linted while this
    /// one is handed on: writing a piece's reports is serial, and the other cores idled through
    /// it. This thread joins the next piece's work once it has handed this one on.
    func lintInPieces(_ pending: PendingRegistrations, deliver: (FileResult) -> Void) {
        let count = pending.registrations.count
        let size = max(1, pieceSize)
        func piece(from start: Int) -> PieceInFlight {
            let range = start..<(start + Self.pieceLength(remaining: count - start, size: size))
            return PieceInFlight(range: range, helpers: parallelism - 1) { chunk in
                self.lint(chunk, of: pending, evaluating: true, placing: false, parallelism: 1)
            }
        }
        var start = 0
        var current = piece(from: 0)
        repeat {
            let end = current.range.upperBound
            let linted = current.value()
            // Started once this piece is linted: one piece runs ahead of delivery, not more.
            let next = end < count ? piece(from: end) : nil
            var result = pending.header
            if start > 0 {
                result = FileResult(input: result.input, format: result.format, error: nil, registrations: [], notices: [], secrets: [], skipped: false)
                result.continued = true
            }
            for (evaluated, secrets, _) in linted {
                if let evaluated { result.registrations.append(evaluated) }
                result.secrets += secrets
            }
            deliver(result)
            start = end
            if let next { current = next }
        } while start < count
    }

    /// How many registrations the next piece takes: `size` while more than twice that remain,
    /// then about half of what remains, down to an eighth of `size`. The last piece's reports
    /// are written with nothing left to lint beside them: a small last piece keeps that short
    /// (a full one was about a thirtieth of a 10,000-app collection's run on one core), and each
    /// piece is still long enough to lint while the one before it is handed on.
    static func pieceLength(remaining: Int, size: Int) -> Int {
        guard remaining > 2 * size else { return min(remaining, max(remaining / 2, size / 8, 1)) }
        return size
    }

    /// A collection's result in one (runs that do not take pieces).
    func whole(_ pending: PendingRegistrations) -> FileResult {
        var result = pending.header
        lintInPieces(pending) { piece in
            result.registrations += piece.registrations
            if piece.continued { result.secrets += piece.secrets } else { result.secrets = piece.secrets }
        }
        return result
    }

    /// Builds and (with `evaluating`) lints the registrations in `range`, with (with `placing`)
    /// where their identifiers are; the registrations are independent, so a large range is split
    /// across cores.
    func lint(_ range: Range<Int>, of pending: PendingRegistrations, evaluating: Bool, placing: Bool = true,
              parallelism: Int? = nil) -> [(RegistrationResult?, [String], IdentifierPlaces)] {
        let builder = pending.builder, locator = pending.locator, reportPath = pending.header.input.reportPath
        // The registrations of a collection, linted on several cores, each take their file's path
        // and document in objects of their own (`Locator.ownCopies`); on one core they share them.
        let shared = pending.registrations.count > 1 && self.parallelism > 1
        return ParallelMap.map(count: range.count, parallelism: range.count >= 64 ? parallelism ?? self.parallelism : 1) { offset in
            let position = range.lowerBound + offset
            var registration = builder.registration(from: pending.registrations[position])
            let located = Self.scoped(locator, &registration.origin, pointer: position < pending.pointers.count ? pending.pointers[position] : nil)
            let scoped = shared ? located.ownCopies : located
            let reportPath = shared ? String(ownCopyOf: reportPath) : reportPath
            let facts = registration
            let place: @Sendable () -> IdentifierPlaces = {
                var places = IdentifierPlaces()
                if placing { places.record(facts, locator: scoped) }
                return places
            }
            guard evaluating else { return (nil, registration.secrets, place()) }
            let evaluate = { self.evaluate(facts, locator: scoped, reportPath: reportPath, secrets: facts.secrets) }
            // One huge registration (40,000 credentials): its identifiers are placed while its
            // rules run, not before.
            if placing && self.parallelism > 1 && Self.isLarge(registration, locator: scoped) {
                let (places, evaluated) = ParallelMap.both(beside: place, here: evaluate)
                return (evaluated, registration.secrets, places)
            }
            return (evaluate(), registration.secrets, place())
        }
    }

    /// The locator of one registration of a collection: pointers start at its own.
    static func scoped(_ locator: Locator, _ origin: inout NodeOrigin, pointer: String?) -> Locator {
        var scoped = locator
        if let pointer, let tapeIndex = origin.tapeIndex {
            origin.pointer = pointer
            scoped.base = (tapeIndex, pointer)
        }
        return scoped
    }

    /// Where the run index finds an identifier's place: its input, read again.
    func placeLookup(_ inputs: [InputFile]) -> PlaceLookup {
        PlaceLookup { position in
            let input = inputs[position]
            switch self.prepare(input, evaluating: false) {
            case .done(_, let places), .pieces(_, let places): return (input.displayPath, places)
            case .pending: return (input.displayPath, IdentifierPlaces())
            }
        }
    }

    struct PendingConfiguration: Sendable {
        var result: FileResult
        var canonical: ModelNode
        var locator: Locator
    }

    func finish(_ pending: PendingConfiguration, index: RunIndex) -> FileResult {
        var result = pending.result
        let registration = FactBuilder(now: now).configuration(from: pending.canonical, index: index)
        result.secrets += registration.secrets
        result.registrations.append(evaluate(registration, locator: pending.locator, reportPath: result.input.reportPath, secrets: result.secrets))
        return result
    }

    /// Reads, adapts and (with `evaluating`) lints one input; without, only its identifiers are
    /// placed (`placeLookup`).
    func prepare(_ input: InputFile, evaluating: Bool = true) -> Outcome {
        var result = FileResult(input: input, format: nil, error: nil, registrations: [], notices: [], secrets: [], skipped: false)
        let bytes: [UInt8]
        switch read(input) {
        case .success(let b):
            bytes = b
            if collectInventory { result.sha256 = SHA256.hex(of: b) }
        case .failure(let error):
            // A walk takes a file its folder's listing calls a plain file without looking at it
            // first: one it cannot reach after all (gone since the listing, no search permission
            // above it, a path past PATH_MAX) is passed over in silence, as the look would have.
            if !input.named, let path = input.filePath, Self.unreachable(path) {
                result.skipped = true
            } else {
                result.error = error
            }
            return .done(result, IdentifierPlaces())
        }
        let parsed: InputAdapter.Parsed
        var adapter = InputAdapter(parser: parser, rootIsApplication: input.isExampleApplication, parallelism: parallelism)
        adapter.readsOwners = !input.listedWithoutOwners
        switch adapter.adapt(bytes, name: input.displayPath, path: input.filePath, walked: !input.named) {
        case .success(let value): parsed = value
        case .failure(let failure):
            var failed = Linter.result(for: failure, input: input)
            failed.sha256 = result.sha256
            return .done(failed, IdentifierPlaces())
        }
        let adapted = parsed.adapted
        result.format = adapted.format
        result.secrets = adapted.secrets
        let table = parsed.lines ?? LineTable(bytes: parsed.text)
        let locator = Locator(path: input.displayPath, document: parsed.document, table: table)
        result.notices = adapted.notices.map { LocatedNotice(message: $0.message, position: table.position(of: $0.span?.start ?? 0)) }
        result.truncations = adapted.truncations.map { truncation in
            let location = locator.location(truncation.origin)
            return LocatedTruncation(property: truncation.property, placeholder: truncation.placeholder, position: location.start, pointer: location.pointer)
        }.sorted { ($0.position.line, $0.position.column, $0.property) < ($1.position.line, $1.position.column, $1.property) }
        if let configuration = adapted.configuration {
            return .pending(PendingConfiguration(result: result, canonical: configuration, locator: locator))
        }
        var factBuilder = FactBuilder(now: now)
        factBuilder.resolvesPermissions = resolvesPermissions || collectInventory
        factBuilder.readsCertificates = readsCertificates
        factBuilder.parallelism = parallelism
        let registrations = PendingRegistrations(header: result, registrations: adapted.registrations, pointers: adapted.pointers,
                                                 locator: locator, builder: factBuilder)
        if deliversPieces && evaluating && adapted.registrations.count > pieceSize && Linter.piecesKeepOrder(adapted.format) {
            // Only where the identifiers are, now (for the run index); the rules run as the
            // pieces are handed on.
            let canonicals = adapted.registrations, pointers = adapted.pointers
            let parts = ParallelMap.map(count: canonicals.count, parallelism: parallelism) { position in
                let canonical = canonicals[position]
                var registration = Registration(root: canonical, displayName: canonical.member("displayname")?.string,
                                                appId: canonical.member("appid")?.string, objectId: nil, origin: canonical.origin,
                                                facts: RegistrationFacts(kinds: [], redirectURIs: []))
                let scoped = Self.scoped(locator, &registration.origin, pointer: position < pointers.count ? pointers[position] : nil)
                var places = IdentifierPlaces()
                places.record(registration, locator: scoped)
                return places
            }
            var places = IdentifierPlaces()
            for part in parts { places.merge(part) }
            return .pieces(registrations, places)
        }
        var places = IdentifierPlaces()
        for (evaluated, secrets, part) in lint(0..<adapted.registrations.count, of: registrations, evaluating: evaluating) {
            if let evaluated { result.registrations.append(evaluated) }
            result.secrets += secrets
            places.merge(part)
        }
        return .done(result, places)
    }

    /// Whether `lstat` cannot reach `path` (the look a walk used to make before taking a file).
    static func unreachable(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) != 0
    }

    /// What a file that could not be adapted reports: an error with its position, or (for a file
    /// a walk found) a skip.
    static func result(for failure: InputAdapter.Failure, input: InputFile) -> FileResult {
        var result = FileResult(input: input, format: nil, error: nil, registrations: [], notices: [], secrets: [], skipped: false)
        let unrecognized = InputError(kind: .unrecognized, message: unrecognizedMessage, position: SourcePosition(line: 1, column: 1, offset: 0))
        switch failure {
        case .malformed where !Discovery.isCandidate(input.displayPath), .unrecognized:
            // Not named like an export and not valid JSON or XML, or valid but not an export.
            if input.named { result.error = unrecognized } else { result.skipped = true }
        case .malformed(let offset, let message, let text):
            result.error = InputError(kind: .malformed, message: message, position: LineTable(bytes: text).position(of: offset))
        case .xml(let line, let column, let message, let offset):
            result.error = InputError(kind: .malformed, message: message, position: SourcePosition(line: line, column: column, offset: offset))
        }
        return result
    }

    /// A registration this large (bytes of JSON) has its rules evaluated in parallel.
    static let largeRegistration = 256 << 10

    /// Whether `registration` spans `largeRegistration` bytes or more (a configuration file is
    /// one registration spanning no bytes of its own: its file's size counts).
    static func isLarge(_ registration: Registration, locator: Locator) -> Bool {
        let span = registration.root.origin.span.map { $0.end - $0.start } ?? 0
        return (span > 0 ? span : locator.table.bytes.count) >= largeRegistration
    }

    /// Every rule on one registration, findings located.
    /// Messages, names and URIs are masked here, field by field, with the registration's own
    /// secrets down to `SecretScrubber.shortestMaskable` characters (the whole-report pass only
    /// masks secrets long enough not to match the report's own syntax).
    func evaluate(_ registration: Registration, locator: Locator, reportPath: String, secrets: [String]) -> RegistrationResult {
        let evaluator = RuleEvaluator(now: now, functions: BuiltinFunctions.standard.ownCopy)
        let scrubber = SecretScrubber(secrets: secrets)
        let reference = RegistrationReference(
            displayName: registration.displayName.map(scrubber.scrub), appId: registration.appId, objectId: registration.objectId,
            pointer: locator.pointer(registration.origin), location: locator.location(registration.origin),
            isAgentBlueprint: registration.facts.kinds.contains(.agentBlueprint))
        let scope = Fingerprint.scope(file: reportPath, registration: reference)
        let inParallel = Self.isLarge(registration, locator: locator) && parallelism > 1
        // Rules evaluated in turn share one trace of unknown values; on several threads each
        // evaluation makes its own.
        let trace = inParallel ? nil : UnknownTrace()
        let outcome: @Sendable (Int) -> RuleResult? = { k in
            let rule = self.rules.rules[k]
            // No configured parameters (most runs): no lookup by rule id per rule and registration.
            switch evaluator.evaluate(rule, on: registration, params: self.params.isEmpty ? [:] : self.params[rule.id] ?? [:], trace: trace) {
            case .notApplicable:
                return nil
            case .notEvaluated(let reason):
                return RuleResult(ruleID: rule.id, status: .notEvaluated(reason: reason))
            case .evaluated(let raw) where raw.isEmpty:
                return RuleResult(ruleID: rule.id, status: .passed)
            case .evaluated(let raw):
                // The hash of the rule and the registration's scope once for the rule's findings:
                // the scope (its file and identity) was most of the bytes hashed per finding.
                let ruleScope = Fingerprint.hash(ruleID: rule.id, scope: scope)
                let findings = raw.map { finding in
                    let subject = FindingSubject(file: reportPath, keyId: finding.keyId, uri: finding.uri.map(scrubber.scrub), permission: finding.permission)
                    return Finding(
                        ruleID: rule.id, ruleName: rule.program.name, severity: finding.severity,
                        message: scrubber.scrub(finding.message),
                        location: locator.location(finding.origin), registration: reference, subject: subject,
                        fingerprint: Fingerprint.of(ruleScope: ruleScope, logicalPath: finding.logicalPath),
                        related: finding.related.map { RelatedLocation(location: locator.location($0.origin), message: scrubber.scrub($0.message)) })
                }
                return RuleResult(ruleID: rule.id, status: .findings(findings))
            }
        }
        // The rules of one very large registration (40,000 credentials) run on every core; the
        // registrations of a collection and the files of a tree are already spread over them.
        // A rule a thread: some make 40,000 findings, others none.
        let outcomes: [RuleResult]
        if inParallel {
            outcomes = ParallelMap.map(count: rules.rules.count, parallelism: parallelism, chunks: rules.rules.count, outcome).compactMap { $0 }
        } else {
            // One list made at its size: mapped, then compacted, it was made twice and grew seven times.
            var made: [RuleResult] = []
            made.reserveCapacity(rules.rules.count)
            for k in rules.rules.indices { if let result = outcome(k) { made.append(result) } }
            outcomes = made
        }
        var evaluated = RegistrationResult(reference: reference, outcomes: outcomes)
        if collectInventory, !registration.facts.kinds.contains(.config) {
            var inventory = Inventory.of(registration, now: now, expiringWithinDays: Int(params["REG307"]?["expiringWithinDays"]?.number ?? 30))
            if !scrubber.isEmpty {
                for k in inventory.credentials.indices { inventory.credentials[k].description = inventory.credentials[k].description.map(scrubber.scrub) }
            }
            evaluated.inventory = inventory
        }
        return evaluated
    }

    private func read(_ input: InputFile) -> Result<[UInt8], InputError> {
        switch input.source {
        case .bytes(let bytes):
            guard bytes.count <= maxFileSize else { return .failure(tooLarge(bytes.count)) }
            return .success(bytes)
        case .file, .below:
            let path = input.filePath ?? ""
            return InputFileReader(limit: maxFileSize).read(path, named: input.named).mapError { error in
                InputError(kind: error.tooLarge ? .tooLarge : .unreadable, message: error.message,
                           position: error.tooLarge ? SourcePosition(line: 1, column: 1, offset: 0) : nil)
            }
        }
    }

    private func tooLarge(_ size: Int) -> InputError {
        InputError(kind: .tooLarge, message: "the file is \(size) bytes, over the \(maxFileSize)-byte limit (--max-file-size)", position: SourcePosition(line: 1, column: 1, offset: 0))
    }
}

/// Turns node origins into file positions and pointers for one file.
struct Locator: Sendable {
    private(set) var path: String
    private(set) var document: JSONDocument?
    let table: LineTable
    /// The registration being located: its tape index and pointer, where pointer walks start.
    var base: (index: Int, pointer: String)?

    init(path: String, document: JSONDocument?, table: LineTable) {
        self.path = path
        self.document = document
        self.table = table
    }

    /// This locator with its path and document in objects of its own: every location it makes
    /// copies its path, and the registrations of a collection linted on several cores took turns
    /// at the reference counts of the one path and document they shared.
    var ownCopies: Locator {
        var copy = self
        copy.path = String(ownCopyOf: path)
        copy.document = document?.handle()
        return copy
    }

    func location(_ origin: NodeOrigin) -> SourceLocation {
        if let resolved = origin.resolved { return resolved }
        let span = origin.span ?? SourceSpan(start: 0, end: 0)
        return SourceLocation(path: path, start: table.position(of: span.start), end: table.position(of: span.end), pointer: pointer(origin))
    }

    func pointer(_ origin: NodeOrigin) -> String {
        if let pointer = origin.pointer { return pointer }
        if let index = origin.tapeIndex, let document { return JSONPointer.pointer(to: index, in: document, base: base) }
        return ""
    }
}
