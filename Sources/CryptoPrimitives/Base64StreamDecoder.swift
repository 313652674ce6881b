/// Decodes base64 (RFC 4648, `=` padding) fed in pieces of any size and alignment, without holding the whole text.
///
/// The one base64 decoder of lienthong: edXML attachments (`ContentTransferEncoded`) and getEdoc replies both use it.
/// Whitespace (space, tab, CR, LF) anywhere is ignored, because senders wrap lines. Anything else outside the
/// alphabet, data after padding, or a final group of a single character is an error. A final group without padding
/// (2 or 3 characters) is accepted.
public struct Base64StreamDecoder: Sendable {
    /// Which characters encode the values 62 and 63.
    public enum Alphabet: Sendable {
        /// `+` and `/` only.
        case standard
        /// `+` and `/`, or the URL-safe `-` and `_` (some Java encoders).
        case standardOrURLSafe
    }

    /// Why the input is not base64. `offset` counts characters fed so far (0-based), whitespace included.
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
    private static let standardTable = table(urlSafe: false)
    private static let liberalTable = table(urlSafe: true)

    private static func table(urlSafe: Bool) -> [UInt8] {
        var table = [UInt8](repeating: invalid, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        if urlSafe {
            table[Int(UInt8(ascii: "-"))] = 62
            table[Int(UInt8(ascii: "_"))] = 63
        }
        for byte in [0x20, 0x09, 0x0A, 0x0D] { table[byte] = whitespace }
        table[Int(UInt8(ascii: "="))] = padding
        return table
    }

    private let table: [UInt8]
    private var accumulator: UInt32 = 0
    private var pending = 0
    private var paddingSeen = 0
    /// Characters fed so far, whitespace included.
    public private(set) var offset: Int64 = 0

    public init(alphabet: Alphabet = .standard) {
        table = alphabet == .standard ? Self.standardTable : Self.liberalTable
    }

    /// Decodes `input`, appending whole bytes to `output`; up to 3 characters are kept for the next call.
    public mutating func decode(_ input: some Sequence<UInt8>, into output: inout [UInt8]) throws(Failure) {
        var failure: Failure?
        let contiguous: Void? = input.withContiguousStorageIfAvailable { buffer in
            do throws(Failure) {
                try decode(UnsafeRawBufferPointer(buffer), into: &output)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        if contiguous != nil { return }
        for byte in input { try decode(byte, into: &output) }
    }

    /// Decodes `input`, appending whole bytes to `output`; up to 3 characters are kept for the next call.
    public mutating func decode(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(Failure) {
        output.reserveCapacity(output.count + input.count / 4 * 3 + 3)
        var index = 0
        while index < input.count {
            if pending == 0, paddingSeen == 0 {
                let taken = decodeWholeGroups(input, from: index, into: &output)
                index += taken
                offset += Int64(taken)
                guard index < input.count else { return }
            }
            try decode(input[index], into: &output)
            index += 1
        }
    }

    /// Ends the input: emits the bytes of an unpadded final group, or fails if the input is cut short.
    public mutating func finish(into output: inout [UInt8]) throws(Failure) {
        if paddingSeen > 0 && pending > 0 { throw .truncated }
        if pending > 0 { try flushPartialGroup(into: &output) }
    }

    /// The common case, fast: groups of 4 alphabet characters from `start`, up to the first group holding anything
    /// else (whitespace, padding, an error) or fewer than 4 characters left. Returns the characters taken.
    private func decodeWholeGroups(
        _ input: UnsafeRawBufferPointer, from start: Int, into output: inout [UInt8]
    ) -> Int {
        table.withUnsafeBufferPointer { table in
            var index = start
            while index + 4 <= input.count {
                let first = table[Int(input[index])]
                let second = table[Int(input[index + 1])]
                let third = table[Int(input[index + 2])]
                let fourth = table[Int(input[index + 3])]
                // Alphabet values are below 64; every marker has the high bits set.
                guard (first | second | third | fourth) < 64 else { break }
                let group = UInt32(first) << 18 | UInt32(second) << 12 | UInt32(third) << 6 | UInt32(fourth)
                output.append(UInt8(truncatingIfNeeded: group >> 16))
                output.append(UInt8(truncatingIfNeeded: group >> 8))
                output.append(UInt8(truncatingIfNeeded: group))
                index += 4
            }
            return index - start
        }
    }

    /// Decodes one character (a whole text fed this way decodes the same as fed in pieces).
    public mutating func decode(_ byte: UInt8, into output: inout [UInt8]) throws(Failure) {
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
            return
        } else if value == Self.padding {
            // "=" may only complete a group of 2 or 3 characters: "xx==" or "xxx=".
            guard pending >= 2, pending + paddingSeen < 4 else {
                throw .dataAfterPadding(offset: offset)
            }
            paddingSeen += 1
            if pending + paddingSeen == 4 { try flushPartialGroup(into: &output) }
        } else {
            throw .invalidCharacter(byte, offset: offset)
        }
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
