/// Why DER bytes could not be read, and at which byte offset of the decoded bytes (the offset is
/// the position a binary value has; no byte of the input is ever repeated in the message).
public struct DERError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        case truncated(expected: String)
        case highTagNumber
        case indefiniteLength
        case lengthTooLong(bytes: Int)
        case nonMinimalLength
        case lengthExceedsInput(claimed: Int, remaining: Int)
        case unexpectedTag(expected: String, found: UInt8)
        case tooDeep(limit: Int)
        case trailingData(after: String)
        case invalidValue(String)
        case unsupported(String)
    }

    public let offset: Int
    public let problem: Problem

    public init(offset: Int, problem: Problem) {
        self.offset = offset
        self.problem = problem
    }

    public var description: String {
        let what: String
        switch problem {
        case .truncated(let expected): what = "the data ends where \(expected) should be"
        case .highTagNumber: what = "a multi-byte tag, which no certificate field uses"
        case .indefiniteLength: what = "an indefinite length (BER, not DER)"
        case .lengthTooLong(let bytes): what = "a length written in \(bytes) bytes, more than the 4 any certificate needs"
        case .nonMinimalLength: what = "a length not in its shortest form (not DER)"
        case .lengthExceedsInput(let claimed, let remaining): what = "an element claims \(claimed) bytes but only \(remaining) remain"
        case .unexpectedTag(let expected, let found): what = "expected \(expected), found tag 0x\(String(found, radix: 16, uppercase: true))"
        case .tooDeep(let limit): what = "elements nested deeper than \(limit) levels"
        case .trailingData(let after): what = "bytes left over after \(after)"
        case .invalidValue(let detail): what = detail
        case .unsupported(let detail): what = detail
        }
        return "at byte \(offset): \(what)"
    }
}
