import RegLintKit
import RuleSchema

/// `JSONParser().parse`: an error's offset lies within the input.
enum JSONFuzzTarget {
    static func run(_ data: [UInt8]) {
        do throws(JSONParseError) {
            let document = try JSONParser().parse(data)
            _ = document.root
        } catch {
            invariant(error.offset >= 0 && error.offset <= data.count, "JSON error offset \(error.offset) outside 0...\(data.count)")
            invariant(!error.message.isEmpty, "JSON error without a message")
        }
    }
}

/// `InputAdapter().adapt` through detection, under a file name picked by the first byte.
enum AdapterFuzzTarget {
    static func run(_ data: [UInt8]) {
        let (name, bytes) = FuzzFileNames.split(data)
        switch InputAdapter().adapt(bytes, name: name) {
        case .success(let parsed):
            for registration in parsed.adapted.registrations { _ = registration }
        case .failure(.malformed(let offset, let message, let text)):
            invariant(offset >= 0 && offset <= text.count, "malformed offset \(offset) outside 0...\(text.count)")
            invariant(!message.isEmpty, "malformed without a message")
        case .failure(.xml(let line, let column, let message, let offset)):
            invariant(line >= 1 && column >= 1, "XML failure at \(line):\(column)")
            invariant(offset >= 0, "XML failure at offset \(offset)")
            invariant(!message.isEmpty, "XML failure without a message")
        case .failure(.unrecognized):
            break
        }
    }
}

/// `XMLReader.read`: a read error has a line and column of at least 1; element spans lie in the text.
enum XMLFuzzTarget {
    static func run(_ data: [UInt8]) {
        do throws(XMLReadError) {
            let root = try XMLReader.read(data, text: data)
            checkSpans(root, count: data.count, depth: 0)
        } catch {
            invariant(error.line >= 1 && error.column >= 1, "XML error at \(error.line):\(error.column)")
            invariant(!error.message.isEmpty, "XML error without a message")
        }
        _ = XMLReader.rootElementName(data)
    }

    private static func checkSpans(_ element: XMLElement, count: Int, depth: Int) {
        invariant(element.span.start >= 0 && element.span.start <= element.span.end && element.span.end <= count,
                  "element <\(element.name)> span \(element.span.start)..<\(element.span.end) outside 0...\(count)")
        guard depth < 300 else { return }
        for child in element.children { checkSpans(child, count: count, depth: depth + 1) }
    }
}

/// `RuleFileParser.parse`, then compiling the rule as the engine does. The file is named without
/// `.yml` so that any id passes the file-name check and the fuzzer gets past it.
enum RuleFileFuzzTarget {
    static func run(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        do throws(RuleFileError) {
            let spec = try RuleFileParser(file: "fuzz-rule", tables: RuleSet.dataLists).parse(text)
            _ = CompiledRule(spec: spec)
        } catch {
            invariant(error.line >= 1 && error.column >= 1, "rule file error at \(error.line):\(error.column): \(error.message)")
            invariant(!error.message.isEmpty, "rule file error without a message")
        }
    }
}

/// `Configuration.parse` (.reglint.yml) against the built-in rules.
enum ConfigurationFuzzTarget {
    static let rules: RuleSet = (try? RuleSet.builtIn()) ?? RuleSet(rules: [])

    static func run(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        do throws(ConfigurationError) {
            _ = try Configuration.parse(text, shownAs: ".reglint.yml", folder: "/nonexistent-reglint-fuzz", rules: rules)
        } catch {
            invariant(error.line >= 1 && error.column >= 1, "configuration error at \(error.line):\(error.column): \(error.message)")
            invariant(!error.message.isEmpty, "configuration error without a message")
        }
    }
}

/// `RedirectURIParser.parse` and the `RedirectURIShape` comparisons; the input is split at the
/// first newline into two URIs.
enum RedirectURIFuzzTarget {
    static func run(_ data: [UInt8]) {
        let split = data.firstIndex(of: 0x0A) ?? data.count
        let first = String(decoding: data[..<split], as: UTF8.self)
        let second = String(decoding: data[min(split + 1, data.count)...], as: UTF8.self)
        let parsed = RedirectURIParser.parse(first, platform: "web", origin: .computed)
        invariant(parsed.host == parsed.host.lowercased() || parsed.host.utf8.contains { $0 >= 0x80 },
                  "host \(parsed.host) is not lower-cased")
        invariant(parsed.hasWildcard == first.utf8.contains(UInt8(ascii: "*")), "wildcard flag wrong for \(first)")
        let normalized = RedirectURIShape.normalized(first)
        invariant(RedirectURIShape.normalized(normalized) == normalized, "normalized is not idempotent for \(first)")
        _ = RedirectURIShape.withoutPort(first)
        invariant(!RedirectURIShape.differOnlyInPort(first, first), "a URI differs from itself only in its port: \(first)")
        _ = RedirectURIShape.differOnlyInPort(first, second)
        _ = RedirectURIParser.parse(second, platform: "spa", origin: .computed)
    }
}

/// `Instant(parsing:)` and `Instant.parse` agree; the calendar arithmetic on a parsed instant does
/// not trap.
enum InstantFuzzTarget {
    static let reference = Instant(milliseconds: 1_795_305_600_000)  // 2026-11-22

    static func run(_ data: [UInt8]) {
        let fromBuffer = data.withUnsafeBufferPointer { Instant.parse($0) }
        let text = String(decoding: data, as: UTF8.self)
        if Array(text.utf8) == data {
            invariant(Instant(parsing: text) == fromBuffer, "Instant(parsing:) and Instant.parse disagree on \(text)")
        }
        guard let instant = fromBuffer else { return }
        let months = Int(data.first ?? 0) - 128
        _ = instant.adding(months: months)
        _ = instant.adding(days: Double(months) * 400)
        _ = instant.calendarMonthsCeiling(to: reference)
        _ = reference.calendarMonthsCeiling(to: instant)
        _ = instant.wholeDays(to: reference)
        _ = instant.dateTimeString
        if (Instant.earliest...Instant.latest).contains(instant) {
            let day = Instant(parsing: instant.dateString)
            invariant(day != nil, "the date \(instant.dateString) of a parsed instant does not parse")
            if let day { invariant(day <= instant && day.wholeDays(to: instant) == 0, "\(instant.dateString) is not the day of \(text)") }
        }
    }
}
