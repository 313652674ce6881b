import CryptoPrimitives

extension GetEdocReplyScanner {
    /// Starts a string whose characters go to `target`.
    mutating func beginString(_ target: Target) {
        self.target = target
        phase = .inString
        escape = .none
        highSurrogate = nil
        captured.removeAll(keepingCapacity: true)
        keyTooLong = false
    }

    /// One byte inside a string: the closing quote, an escape, or a character.
    mutating func stringByte(_ byte: UInt8, into document: inout [UInt8]) throws(AxisReplyError) {
        switch escape {
        case .none:
            if byte == Self.quote {
                try endString(into: &document)
            } else if byte == Self.backslash {
                escape = .backslash
            } else if byte < 0x20, !Self.isWhitespace(byte) {
                throw .malformedJSON("control byte 0x\(String(byte, radix: 16)) inside a string at byte \(position)")
            } else {
                try character(byte, into: &document)
            }
        case .backslash:
            escape = .none
            let resolved: UInt8
            switch byte {
            case Self.quote, Self.backslash, UInt8(ascii: "/"): resolved = byte
            case UInt8(ascii: "b"): resolved = 0x08
            case UInt8(ascii: "f"): resolved = 0x0C
            case UInt8(ascii: "n"): resolved = 0x0A
            case UInt8(ascii: "r"): resolved = 0x0D
            case UInt8(ascii: "t"): resolved = 0x09
            case UInt8(ascii: "u"):
                escape = .unicode(digits: 0, value: 0)
                return
            default: throw unexpected(byte, expected: "an escape letter after '\\'")
            }
            try character(resolved, into: &document)
        case .unicode(let digits, let value):
            guard let digit = Self.hexValue(byte) else { throw unexpected(byte, expected: "a hex digit of \\u") }
            let next = value << 4 | digit
            if digits < 3 {
                escape = .unicode(digits: digits + 1, value: next)
            } else {
                escape = .none
                try scalar(next, into: &document)
            }
        }
    }

    /// A character given as a byte: a raw UTF-8 byte or a one-byte escape.
    private mutating func character(_ byte: UInt8, into document: inout [UInt8]) throws(AxisReplyError) {
        if target == .data {
            try decodeData(byte, into: &document)
            return
        }
        try flushLoneSurrogate()
        try capture(CollectionOfOne(byte))
    }

    /// A character given as `\uXXXX`; UTF-16 surrogate pairs are joined, a lone half becomes U+FFFD.
    private mutating func scalar(_ value: UInt32, into document: inout [UInt8]) throws(AxisReplyError) {
        if target == .data {
            // Base64 is ASCII: anything else is broken base64, reported at the character it would have been.
            guard value < 0x80 else { throw .invalidBase64(offset: Int(decoder.offset) + 1) }
            try decodeData(UInt8(value), into: &document)
            return
        }
        let resolved: UInt32
        switch value {
        case 0xD800..<0xDC00:
            try flushLoneSurrogate()
            highSurrogate = value
            return
        case 0xDC00..<0xE000:
            guard let high = highSurrogate else {
                resolved = 0xFFFD
                break
            }
            highSurrogate = nil
            resolved = 0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00)
        default:
            try flushLoneSurrogate()
            resolved = value
        }
        try capture(Character(Unicode.Scalar(resolved) ?? "\u{FFFD}").utf8)
    }

    private mutating func flushLoneSurrogate() throws(AxisReplyError) {
        guard highSurrogate != nil else { return }
        highSurrogate = nil
        try capture("\u{FFFD}".utf8)
    }

    /// Keeps the bytes of a key or field value, within their limits.
    private mutating func capture<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(AxisReplyError) {
        switch target {
        case .key:
            // A key this long names no field: stop keeping it, and skip its member.
            if captured.count + bytes.count > Self.maxKeyBytes {
                keyTooLong = true
            } else {
                captured.append(contentsOf: bytes)
            }
        case .field(let field):
            guard captured.count + bytes.count <= limits.maxFieldBytes else {
                throw .malformedJSON("the \(field) value is longer than \(limits.maxFieldBytes) bytes")
            }
            captured.append(contentsOf: bytes)
        case .data, .skip:
            return
        }
    }

    private mutating func endString(into document: inout [UInt8]) throws(AxisReplyError) {
        try flushLoneSurrogate()
        switch target {
        case .key:
            currentField = keyTooLong ? nil : Self.field(named: captured)
            phase = .afterKey
            return
        case .field(let field):
            values[field] = String(decoding: captured, as: UTF8.self)
        case .data:
            let before = document.count
            do throws(Base64StreamDecoder.Failure) {
                try decoder.finish(into: &document)
            } catch {
                throw invalidBase64(error)
            }
            documentBytes = (documentBytes ?? 0) + Int64(document.count - before)
        case .skip:
            break
        }
        captured.removeAll(keepingCapacity: true)
        phase = .afterValue
    }

    /// A decoder for the `data` string: both alphabets, whitespace ignored (JSON escapes are resolved before it).
    static func newDecoder() -> Base64StreamDecoder { Base64StreamDecoder(alphabet: .standardOrURLSafe) }

    /// Decodes base64 text of the `data` string, counting the document bytes it yields.
    mutating func decodeData(_ text: UnsafeRawBufferPointer, into document: inout [UInt8]) throws(AxisReplyError) {
        let before = document.count
        do throws(Base64StreamDecoder.Failure) {
            try decoder.decode(text, into: &document)
        } catch {
            throw invalidBase64(error)
        }
        documentBytes = (documentBytes ?? 0) + Int64(document.count - before)
    }

    private mutating func decodeData(_ character: UInt8, into document: inout [UInt8]) throws(AxisReplyError) {
        let before = document.count
        do throws(Base64StreamDecoder.Failure) {
            try decoder.decode(character, into: &document)
        } catch {
            throw invalidBase64(error)
        }
        documentBytes = (documentBytes ?? 0) + Int64(document.count - before)
    }

    /// The decoder's failure as the reply error, with the 1-based offset of the offending character in the text.
    private func invalidBase64(_ failure: Base64StreamDecoder.Failure) -> AxisReplyError {
        switch failure {
        case .invalidCharacter(_, let offset), .dataAfterPadding(let offset): .invalidBase64(offset: Int(offset) + 1)
        case .truncated: .invalidBase64(offset: Int(decoder.offset))
        }
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
