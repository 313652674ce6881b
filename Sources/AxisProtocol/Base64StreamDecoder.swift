/// Decodes base64 text in chunks, as it is read from inside a JSON string, without holding the whole text.
///
/// Accepts the standard and URL-safe alphabets, `=` padding, line breaks written literally or as the JSON escapes
/// `\n` and `\r`, and Java's escaped slash `\/`. Anything else is an error, reported with its offset.
public struct Base64StreamDecoder: Sendable {
    private var quantum: UInt32 = 0
    private var quantumCount = 0
    private var paddingSeen = 0
    private var ended = false
    private var pendingEscape = false
    private var offset = 0

    public init() {}

    /// Decodes the next chunk of base64 text and returns the bytes completed by it.
    public mutating func decode<Bytes: Sequence>(_ chunk: Bytes) throws(AxisReplyError) -> [UInt8]
    where Bytes.Element == UInt8 {
        var output: [UInt8] = []
        output.reserveCapacity(chunk.underestimatedCount / 4 * 3 + 3)
        for byte in chunk {
            offset += 1
            var character = byte
            if pendingEscape {
                pendingEscape = false
                switch byte {
                case UInt8(ascii: "/"): character = UInt8(ascii: "/")
                case UInt8(ascii: "n"), UInt8(ascii: "r"): continue
                default: throw .invalidBase64(offset: offset)
                }
            } else if byte == UInt8(ascii: "\\") {
                pendingEscape = true
                continue
            }
            if character == 0x20 || character == 0x0A || character == 0x0D || character == 0x09 { continue }
            guard !ended else { throw .invalidBase64(offset: offset) }
            if character == UInt8(ascii: "=") {
                guard quantumCount >= 2 else { throw .invalidBase64(offset: offset) }
                paddingSeen += 1
                if quantumCount + paddingSeen == 4 {
                    output.append(contentsOf: try finalGroup())
                    ended = true
                }
                continue
            }
            guard paddingSeen == 0, let value = Self.value(of: character) else { throw .invalidBase64(offset: offset) }
            quantum = quantum << 6 | value
            quantumCount += 1
            if quantumCount == 4 {
                output.append(UInt8(truncatingIfNeeded: quantum >> 16))
                output.append(UInt8(truncatingIfNeeded: quantum >> 8))
                output.append(UInt8(truncatingIfNeeded: quantum))
                quantum = 0
                quantumCount = 0
            }
        }
        return output
    }

    /// Ends the text: returns the last bytes of an unpadded final group, or throws if the text stopped mid-way.
    public mutating func finish() throws(AxisReplyError) -> [UInt8] {
        guard !pendingEscape, paddingSeen == 0 || ended else { throw .invalidBase64(offset: offset) }
        return ended ? [] : try finalGroup()
    }

    private mutating func finalGroup() throws(AxisReplyError) -> [UInt8] {
        var output: [UInt8] = []
        switch quantumCount {
        case 0: break
        case 2: output.append(UInt8(truncatingIfNeeded: quantum >> 4))
        case 3:
            output.append(UInt8(truncatingIfNeeded: quantum >> 10))
            output.append(UInt8(truncatingIfNeeded: quantum >> 2))
        default: throw .invalidBase64(offset: offset)
        }
        quantum = 0
        quantumCount = 0
        return output
    }

    private static func value(of character: UInt8) -> UInt32? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(character - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(character - UInt8(ascii: "a") + 26)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(character - UInt8(ascii: "0") + 52)
        case UInt8(ascii: "+"), UInt8(ascii: "-"): 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): 63
        default: nil
        }
    }
}
