/// An integer's decimal digits appended as UTF-8, without a temporary string: for the numbers of
/// every result and line of the reports (line, column, counts) and the array indexes of JSON
/// pointers.
enum DecimalText {
    /// Digits are made right to left on the stack and appended once: reversing them in place
    /// (`out[first...].reverse()`) copied the slice, an allocation per number (four a SARIF result).
    static func append(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var first = digits.count
            repeat {
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[first...]))
        }
    }
}
