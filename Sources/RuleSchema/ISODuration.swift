/// ISO 8601 durations (`P180D`, `P4DT12H30M5S`, `P2Y`) as a number of days: app management
/// policies state lifetimes this way, and rules compare lifetimes with them.
public enum ISODuration {
    /// Days in the duration; years count 365 days and months 30 (calendar-free, as Entra's
    /// `maxLifetime` comparisons are). Nil when `text` is not a duration.
    public static func days(_ text: String) -> Double? {
        var chars = Substring(text.uppercased())
        guard chars.first == "P", chars.count > 1 else { return nil }
        chars = chars.dropFirst()
        var total = 0.0
        var number = ""
        var inTime = false
        var sawUnit = false
        for c in chars {
            if c == "T" { guard !inTime, number.isEmpty else { return nil }; inTime = true; continue }
            if c.isNumber || c == "." || c == "," { number.append(c == "," ? "." : c); continue }
            guard let value = Double(number) else { return nil }
            number = ""
            sawUnit = true
            switch (c, inTime) {
            case ("Y", false): total += value * 365
            case ("M", false): total += value * 30
            case ("W", false): total += value * 7
            case ("D", false): total += value
            case ("H", true): total += value / 24
            case ("M", true): total += value / 1440
            case ("S", true): total += value / 86400
            default: return nil
            }
        }
        return number.isEmpty && sawUnit ? total : nil
    }
}
