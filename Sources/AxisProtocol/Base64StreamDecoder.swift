/// Decodes base64 text fed in pieces of any size and alignment, without holding the whole text.
///
/// Takes characters whose JSON escapes are already resolved (``GetEdocReplyScanner`` does that). Accepts the standard
/// and URL-safe alphabets, `=` padding, an unpadded final group, and whitespace (space, tab, CR, LF) anywhere, since
/// Java's MIME encoder wraps lines. Anything else, data after padding, or a lone final character is an error,
/// reported with its 1-based offset in the text.
public struct Base64StreamDecoder: Sendable {
    private static let invalid: UInt8 = 0xFF
    private static let whitespace: UInt8 = 0xFE
    private static let padding: UInt8 = 0xFD
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        for byte in [0x20, 0x09, 0x0A, 0x0D] { table[byte] = whitespace }
        table[Int(UInt8(ascii: "="))] = padding
        return table
    }()

    private var quantum: UInt32 = 0
    private var quantumCount = 0
    private var paddingSeen = 0
    private var ended = false
    /// Characters taken so far, whitespace included.
    private(set) var offset = 0

    public init() {}

    /// Decodes `characters`, appending the bytes they complete to `output`; up to 3 characters wait for the next call.
    public mutating func decode(
        _ characters: UnsafeRawBufferPointer, into output: inout [UInt8]
    ) throws(AxisReplyError) {
        output.reserveCapacity(output.count + characters.count / 4 * 3 + 3)
        var index = 0
        while index < characters.count {
            if quantumCount == 0, paddingSeen == 0 {
                let taken = Self.decodeWholeGroups(characters, from: index, into: &output)
                index += taken
                offset += taken
                guard index < characters.count else { return }
            }
            try decode(characters[index], into: &output)
            index += 1
        }
    }

    /// The common case, fast: groups of 4 alphabet characters from `start`, up to the first group holding anything
    /// else (whitespace, padding, an error) or fewer than 4 characters left. Returns the characters taken.
    private static func decodeWholeGroups(
        _ characters: UnsafeRawBufferPointer, from start: Int, into output: inout [UInt8]
    ) -> Int {
        table.withUnsafeBufferPointer { table in
            var index = start
            while index + 4 <= characters.count {
                let first = table[Int(characters[index])]
                let second = table[Int(characters[index + 1])]
                let third = table[Int(characters[index + 2])]
                let fourth = table[Int(characters[index + 3])]
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

    /// Decodes one character; see ``decode(_:into:)``.
    @inline(__always)
    public mutating func decode(_ character: UInt8, into output: inout [UInt8]) throws(AxisReplyError) {
        let value = Self.table[Int(character)]
        guard value < 64, paddingSeen == 0 else {
            try slowPath(value, into: &output)
            return
        }
        offset += 1
        quantum = quantum << 6 | UInt32(value)
        quantumCount += 1
        if quantumCount == 4 {
            output.append(UInt8(truncatingIfNeeded: quantum >> 16))
            output.append(UInt8(truncatingIfNeeded: quantum >> 8))
            output.append(UInt8(truncatingIfNeeded: quantum))
            quantum = 0
            quantumCount = 0
        }
    }

    /// Ends the text: appends the last bytes of an unpadded final group, or throws if the text stopped mid-group.
    public mutating func finish(into output: inout [UInt8]) throws(AxisReplyError) {
        guard paddingSeen == 0 || ended else { throw .invalidBase64(offset: offset) }
        if !ended { try finalGroup(into: &output) }
        ended = true
    }

    /// Whitespace, padding, or an error.
    private mutating func slowPath(_ value: UInt8, into output: inout [UInt8]) throws(AxisReplyError) {
        offset += 1
        if value == Self.whitespace { return }
        guard !ended else { throw .invalidBase64(offset: offset) }
        guard value == Self.padding else { throw .invalidBase64(offset: offset) }
        // "=" may only complete a group of 2 or 3 characters: "xx==" or "xxx=".
        guard quantumCount >= 2 else { throw .invalidBase64(offset: offset) }
        paddingSeen += 1
        if quantumCount + paddingSeen == 4 {
            try finalGroup(into: &output)
            ended = true
        }
    }

    private mutating func finalGroup(into output: inout [UInt8]) throws(AxisReplyError) {
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
    }
}
