#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A point in time as milliseconds since 1970-01-01T00:00:00Z, parsed straight from bytes.
///
/// Exists because exports spell dates several ways (ISO 8601 with 0–7 fractional digits, with or
/// without a zone, PowerShell `/Date(ms)/`) and `ISO8601DateFormatter` is both slow and strict.
public struct Instant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.milliseconds < rhs.milliseconds }

    public static let millisecondsPerDay: Int64 = 86_400_000

    /// Instants reglint accepts: years 0001 to 9999, so date arithmetic cannot overflow.
    public static let earliest = Instant(milliseconds: -62_135_596_800_000)
    public static let latest = Instant(milliseconds: 253_402_300_799_999)

    /// The instant `days` whole days later (or earlier, when negative), clamped to the years 0001–9999.
    public func adding(days: Double) -> Instant {
        let target = Double(milliseconds) + days * Double(Instant.millisecondsPerDay)
        guard target.isFinite else { return days < 0 ? .earliest : .latest }
        return Instant(milliseconds: Int64(max(Double(Instant.earliest.milliseconds), min(Double(Instant.latest.milliseconds), target))))
    }

    /// The instant `months` calendar months later, the day clamped to the target month's length
    /// (31 January + 1 month is the last day of February), the time of day kept; clamped to the
    /// years 0001–9999.
    public func adding(months: Int) -> Instant {
        let dayNumber = floorDiv(milliseconds, Instant.millisecondsPerDay)
        let timeOfDay = milliseconds - dayNumber * Instant.millisecondsPerDay
        let (y, m, d) = Instant.civil(fromDays: dayNumber)
        let (total, overflow) = (y * 12 + (m - 1)).addingReportingOverflow(Int64(clamping: months))
        guard !overflow else { return months < 0 ? .earliest : .latest }
        let year = floorDiv(total, 12)
        let month = total - year * 12 + 1
        guard year >= 1 else { return .earliest }
        guard year <= 9999 else { return .latest }
        let nextMonthStart = month == 12 ? Instant.days(fromCivil: year + 1, 1, 1) : Instant.days(fromCivil: year, month + 1, 1)
        let length = nextMonthStart - Instant.days(fromCivil: year, month, 1)
        return Instant(milliseconds: Instant.days(fromCivil: year, month, min(d, length)) * Instant.millisecondsPerDay + timeOfDay)
    }

    /// Calendar months from `self` to `other`, a part month counted as a whole one: exactly 24
    /// months is 24, a second more is 25; 0 when `other` is not later.
    public func calendarMonthsCeiling(to other: Instant) -> Int {
        // `adding(months:)` stops at `latest`, which a parsed date can pass (a leap second or a
        // negative offset on 9999-12-31): counting up to such an instant would never end.
        let other = min(other, Instant.latest)
        guard other > self else { return 0 }
        let (y1, m1, _) = Instant.civil(fromDays: floorDiv(milliseconds, Instant.millisecondsPerDay))
        let (y2, m2, _) = Instant.civil(fromDays: floorDiv(other.milliseconds, Instant.millisecondsPerDay))
        var months = max(0, Int((y2 - y1) * 12 + (m2 - m1)))
        while months > 0, adding(months: months - 1) >= other { months -= 1 }
        while adding(months: months) < other { months += 1 }
        return months
    }

    /// Whole days from `self` to `other`, rounded toward negative infinity.
    public func wholeDays(to other: Instant) -> Int {
        let (delta, overflow) = other.milliseconds.subtractingReportingOverflow(milliseconds)
        guard !overflow else { return other.milliseconds > milliseconds ? Int.max : Int.min }
        let days = delta / Instant.millisecondsPerDay
        return Int(delta % Instant.millisecondsPerDay < 0 ? days - 1 : days)
    }

    /// `YYYY-MM-DD` in UTC.
    public var dateString: String {
        let (y, m, d) = Instant.civil(fromDays: Int64(floorDiv(milliseconds, Instant.millisecondsPerDay)))
        return "\(Instant.pad(y, 4))-\(Instant.pad(m, 2))-\(Instant.pad(d, 2))"
    }

    /// `YYYY-MM-DDTHH:MM:SS` in UTC, without a zone (JUnit timestamps).
    public var dateTimeString: String {
        let dayMs = floorDiv(milliseconds, Instant.millisecondsPerDay)
        let rest = milliseconds - dayMs * Instant.millisecondsPerDay
        let seconds = rest / 1000
        return "\(dateString)T\(Instant.pad(seconds / 3600, 2)):\(Instant.pad(seconds / 60 % 60, 2)):\(Instant.pad(seconds % 60, 2))"
    }

    public var description: String { dateString }

    /// The UTC year.
    public var year: Int {
        Int(Instant.civil(fromDays: floorDiv(milliseconds, Instant.millisecondsPerDay)).0)
    }

    /// Parses ISO 8601 dates and date-times and PowerShell `/Date(ms)/`; nil for anything else.
    public init?(parsing text: String) {
        var bytes = Array(text.utf8)
        guard let value = bytes.withUnsafeMutableBufferPointer({ Instant.parse(UnsafeBufferPointer($0)) }) else {
            return nil
        }
        self = value
    }

    /// Parses the same forms from raw bytes (no escapes).
    public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Instant? {
        if b.count >= 8, b[0] == UInt8(ascii: "/") || b[0] == UInt8(ascii: "\\") {
            return parseDotNet(b)
        }
        var i = 0
        func digits(_ n: Int) -> Int64? {
            guard i + n <= b.count else { return nil }
            var v: Int64 = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int64(c - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2),
              expect(UInt8(ascii: "-")), let day = digits(2),
              (1...12).contains(month), (1...daysInMonth(year, month)).contains(day) else { return nil }
        var ms = Instant.days(fromCivil: year, month, day) * millisecondsPerDay
        if i == b.count { return Instant(milliseconds: ms) }
        guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2),
              hour < 24, minute < 60 else { return nil }
        var second: Int64 = 0
        if expect(UInt8(ascii: ":")) {
            guard let s = digits(2), s < 61 else { return nil }
            second = s
        }
        ms += ((hour * 60 + minute) * 60 + second) * 1000
        if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
            i += 1
            var scale: Int64 = 100
            var fraction: Int64 = 0
            var count = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                fraction += Int64(b[i] - 48) * scale
                scale /= 10
                i += 1
                count += 1
            }
            guard count > 0 else { return nil }
            ms += fraction
        }
        if i == b.count { return Instant(milliseconds: ms) }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            return i + 1 == b.count ? Instant(milliseconds: ms) : nil
        }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = b[i] == UInt8(ascii: "+") ? 1 : -1
        i += 1
        guard let oh = digits(2) else { return nil }
        _ = expect(UInt8(ascii: ":"))
        guard let om = digits(2), i == b.count else { return nil }
        return Instant(milliseconds: ms - sign * (oh * 60 + om) * 60_000)
    }

    /// `/Date(1574202819000)/`, `/Date(1574202819000+0100)/`, with or without escaped slashes.
    private static func parseDotNet(_ b: UnsafeBufferPointer<UInt8>) -> Instant? {
        let text = String(decoding: b, as: UTF8.self)
        var core = Substring(text)
        for prefix in ["\\/Date(", "/Date("] where core.hasPrefix(prefix) {
            core = core.dropFirst(prefix.count)
            break
        }
        for suffix in [")\\/", ")/"] where core.hasSuffix(suffix) {
            core = core.dropLast(suffix.count)
            break
        }
        guard core.count < text.count - 4 else { return nil }
        var digitsPart = core
        if let zoneIndex = core.dropFirst().firstIndex(where: { $0 == "+" || $0 == "-" }) {
            digitsPart = core[..<zoneIndex]
        }
        guard let value = Int64(digitsPart), value >= earliest.milliseconds, value <= latest.milliseconds else { return nil }
        return Instant(milliseconds: value)
    }

    /// 28–31: a date such as 2026-02-30 is refused rather than rolled over into March.
    static func daysInMonth(_ year: Int64, _ month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian, UTC).
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

extension Instant {
    /// Today's date at 00:00 UTC (the default `--now`).
    public static func today() -> Instant {
        let ms = Int64((Double(time(nil))) * 1000)
        return Instant(milliseconds: ms - ms % millisecondsPerDay)
    }
}
