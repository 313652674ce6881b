/// Decodes standard base64 (RFC 4648 alphabet, `=` padding) fed in chunks of any size and alignment.
///
/// Whitespace (space, tab, CR, LF) anywhere is ignored, because senders wrap lines. Anything else outside
/// the alphabet, data after padding, or a final group of a single character is an error. A final group
/// without padding (2 or 3 characters) is accepted.
public struct Base64StreamDecoder: Sendable {
    /// Why the input is not base64. `offset` counts bytes of input fed so far, whitespace included.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case invalidCharacter(UInt8, offset: Int64)
        case dataAfterPadding(offset: Int64)
        case truncated

        public var description: String {
            switch self {
            case .invalidCharacter(let byte, let offset):
                let shown =
                    (0x21...0x7E).contains(byte)
                    ? "'\(String(UnicodeScalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
                return "\(shown) at offset \(offset) is not a base64 character"
            case .dataAfterPadding(let offset):
                return "data after the '=' padding at offset \(offset)"
            case .truncated:
                return "the content ends in the middle of a base64 group (1 character left over)"
            }
        }
    }

    private static let invalid: UInt8 = 0xFF
    private static let whitespace: UInt8 = 0xFE
    private static let padding: UInt8 = 0xFD
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        for byte in [0x20, 0x09, 0x0A, 0x0D] { table[byte] = whitespace }
        table[Int(UInt8(ascii: "="))] = padding
        return table
    }()

    private var accumulator: UInt32 = 0
    private var pending = 0
    private var paddingSeen = 0
    private var offset: Int64 = 0

    public init() {}

    /// Decodes `input`, appending whole bytes to `output`; up to 3 characters are kept for the next call.
    public mutating func decode(_ input: some Sequence<UInt8>, into output: inout [UInt8]) throws(Failure) {
        let table = Self.table
        for byte in input {
            let value = table[Int(byte)]
            defer { offset += 1 }
            if value < 64 {
                guard paddingSeen == 0 else { throw .dataAfterPadding(offset: offset) }
                accumulator = accumulator << 6 | UInt32(value)
                pending += 1
                if pending == 4 {
                    output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                    output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                    output.append(UInt8(truncatingIfNeeded: accumulator))
                    accumulator = 0
                    pending = 0
                }
            } else if value == Self.whitespace {
                continue
            } else if value == Self.padding {
                // "=" may only complete a group of 2 or 3 characters: "xx==" or "xxx=".
                guard pending + paddingSeen >= 2, pending + paddingSeen < 4 else {
                    throw .dataAfterPadding(offset: offset)
                }
                paddingSeen += 1
                if pending + paddingSeen == 4 { try flushPartialGroup(into: &output) }
            } else {
                throw .invalidCharacter(byte, offset: offset)
            }
        }
    }

    /// Ends the input: emits the bytes of an unpadded final group, or fails if the input is cut short.
    public mutating func finish(into output: inout [UInt8]) throws(Failure) {
        if paddingSeen > 0 && pending > 0 { throw .truncated }
        if pending > 0 { try flushPartialGroup(into: &output) }
    }

    private mutating func flushPartialGroup(into output: inout [UInt8]) throws(Failure) {
        switch pending {
        case 2:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        case 3:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        default:
            throw .truncated
        }
        accumulator = 0
        pending = 0
    }
}
