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
    /// Parameter overrides by rule id (rule examples; later the configuration file).
    public var params: [String: [String: ParamValue]]
    /// Takes a root object as one application without detection (rule examples are partial apps).
    public var rootIsApplication = false

    public init(rules: RuleSet, now: Instant, maxFileSize: Int = 512 << 20, maxDepth: Int = 512,
                parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
                params: [String: [String: ParamValue]] = [:]) {
        self.rules = rules
        self.params = params
        self.now = now
        self.maxFileSize = maxFileSize
        self.parser = JSONParser(maxDepth: maxDepth)
        self.parallelism = max(1, parallelism)
    }

    public func lint(_ inputs: [InputFile]) async -> LintResult {
        var results = [FileResult?](repeating: nil, count: inputs.count)
        await withTaskGroup(of: (Int, FileResult).self) { group in
            var next = 0
            func launch() {
                let index = next
                next += 1
                let input = inputs[index]
                group.addTask { (index, self.lint(input)) }
            }
            while next < inputs.count, next < parallelism { launch() }
            for await (index, result) in group {
                results[index] = result
                if next < inputs.count { launch() }
            }
        }
        return LintResult(files: results.compactMap { $0 })
    }

    /// Lints one input from start to end; never throws: every failure is part of the result.
    public func lint(_ input: InputFile) -> FileResult {
        var result = FileResult(input: input, format: nil, error: nil, registrations: [], notices: [], secrets: [], skipped: false)
        let bytes: [UInt8]
        switch read(input) {
        case .success(let b): bytes = b
        case .failure(let error):
            result.error = error
            return result
        }
        let parsed: InputAdapter.Parsed
        switch InputAdapter(parser: parser, rootIsApplication: rootIsApplication).adapt(bytes, name: input.displayPath) {
        case .success(let value):
            parsed = value
        case .failure(.malformed(let offset, let message, let text)):
            result.error = InputError(kind: .malformed, message: message, position: LineTable(bytes: text).position(of: offset))
            return result
        case .failure(.xml(let line, let column, let message, let offset)):
            result.error = InputError(kind: .malformed, message: message, position: SourcePosition(line: line, column: column, offset: offset))
            return result
        case .failure(.unrecognized):
            if input.named {
                result.error = InputError(
                    kind: .unrecognized,
                    message: "not a recognised app registration export; reglint reads: \(InputFormat.allCases.map(\.summary).joined(separator: "; "))",
                    position: SourcePosition(line: 1, column: 1, offset: 0))
            } else {
                result.skipped = true
            }
            return result
        }
        let adapted = parsed.adapted
        result.format = adapted.format
        result.secrets = adapted.secrets
        let table = LineTable(bytes: parsed.text)
        let locator = Locator(path: input.displayPath, document: parsed.document, table: table)
        result.notices = adapted.notices.map { LocatedNotice(message: $0.message, position: table.position(of: $0.span?.start ?? 0)) }
        result.truncations = adapted.truncations.map { truncation in
            let location = locator.location(truncation.origin)
            return LocatedTruncation(property: truncation.property, placeholder: truncation.placeholder, position: location.start, pointer: location.pointer)
        }
        let builder = FactBuilder(now: now)
        let evaluator = RuleEvaluator(now: now)
        for canonical in adapted.registrations {
            let registration = builder.registration(from: canonical)
            result.secrets += SecretFields.values(in: registration)
            let reference = RegistrationReference(
                displayName: registration.displayName, appId: registration.appId, objectId: registration.objectId,
                pointer: locator.pointer(registration.origin), location: locator.location(registration.origin))
            var outcomes: [RuleResult] = []
            for rule in rules.rules {
                switch evaluator.evaluate(rule, on: registration, params: params[rule.id] ?? [:]) {
                case .notApplicable:
                    continue
                case .notEvaluated(let missing):
                    outcomes.append(RuleResult(ruleID: rule.id, status: .notEvaluated(missing: missing)))
                case .evaluated(let raw) where raw.isEmpty:
                    outcomes.append(RuleResult(ruleID: rule.id, status: .passed))
                case .evaluated(let raw):
                    let identity = registration.appId?.lowercased() ?? input.reportPath + reference.pointer
                    let findings = raw.map { finding in
                        Finding(
                            ruleID: rule.id, ruleName: rule.spec.name, severity: finding.severity,
                            message: SecretMask.scrub(finding.message, secrets: result.secrets),
                            location: locator.location(finding.origin), registration: reference,
                            fingerprint: Fingerprint.fnv1a("\(rule.id)|\(identity)|\(finding.logicalPath)"))
                    }
                    outcomes.append(RuleResult(ruleID: rule.id, status: .findings(findings)))
                }
            }
            result.registrations.append(RegistrationResult(reference: reference, outcomes: outcomes))
        }
        return result
    }

    private func read(_ input: InputFile) -> Result<[UInt8], InputError> {
        switch input.source {
        case .bytes(let bytes):
            guard bytes.count <= maxFileSize else { return .failure(tooLarge(bytes.count)) }
            return .success(bytes)
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else {
                return .failure(InputError(kind: .unreadable, message: "cannot open the file for reading", position: nil))
            }
            defer { try? handle.close() }
            do {
                let size = try handle.seekToEnd()
                guard size <= UInt64(maxFileSize) else { return .failure(tooLarge(Int(size))) }
                try handle.seek(toOffset: 0)
                let data = try handle.readToEnd() ?? Data()
                return .success([UInt8](data))
            } catch {
                return .failure(InputError(kind: .unreadable, message: "cannot read the file: \(error.localizedDescription)", position: nil))
            }
        }
    }

    private func tooLarge(_ size: Int) -> InputError {
        InputError(kind: .tooLarge, message: "the file is \(size) bytes, over the \(maxFileSize)-byte limit", position: SourcePosition(line: 1, column: 1, offset: 0))
    }
}

/// Turns node origins into file positions and pointers for one file.
struct Locator {
    let path: String
    let document: JSONDocument?
    let table: LineTable

    func location(_ origin: NodeOrigin) -> SourceLocation {
        let span = origin.span ?? SourceSpan(start: 0, end: 0)
        return SourceLocation(path: path, start: table.position(of: span.start), end: table.position(of: span.end), pointer: pointer(origin))
    }

    func pointer(_ origin: NodeOrigin) -> String {
        if let pointer = origin.pointer { return pointer }
        if let index = origin.tapeIndex, let document { return JSONPointer.pointer(to: index, in: document) }
        return ""
    }
}
