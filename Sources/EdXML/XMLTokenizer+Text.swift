extension XMLTokenizer {
    /// Reads the next piece of character data of the current element, decoded (entities, CDATA, line ends),
    /// skipping comments and processing instructions inside it.
    ///
    /// Returns nil once the next thing is a start or end tag; then ``next()`` continues with it. Use this
    /// instead of `next()` for text that may be huge (attachment base64): it is not bound by
    /// ``XMLTokenizerLimits/maxTextBytes`` and never holds more than one chunk. A chunk may exceed
    /// `maxBytes` by up to 3 bytes when it ends with a character reference.
    public func readTextChunk(maxBytes: Int = 64 * 1024) throws(EdXMLError) -> [UInt8]? {
        if !started { try startDocument() }
        if pendingEnd != nil || openElements.isEmpty { return nil }
        var chunk: [UInt8] = []
        chunk.reserveCapacity(maxBytes)
        let mayContinue = try readCharacterData(into: &chunk, limit: max(maxBytes, 1))
        if chunk.isEmpty && !mayContinue { return nil }
        return chunk
    }

    /// Reads a whole text node (bounded by ``XMLTokenizerLimits/maxTextBytes``) for a `.text` event.
    func collectText() throws(EdXMLError) -> String {
        let position = source.position
        var bytes: [UInt8] = []
        let limit = limits.maxTextBytes
        while try readCharacterData(into: &bytes, limit: limit + 1) {
            if bytes.count > limit { break }
        }
        if bytes.count > limit {
            let element = openElements.last?.qualifiedName ?? "?"
            throw .textTooLarge(element: element, limit: limit, at: position)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalidCharacter("text is not valid UTF-8", at: position)
        }
        return text
    }

    /// Appends decoded character data to `output` until `limit` bytes are there (returns true: more may
    /// follow) or a tag or the end of the file comes next (returns false).
    func readCharacterData(into output: inout [UInt8], limit: Int) throws(EdXMLError) -> Bool {
        while output.count < limit {
            if inCDATA {
                _ = try source.takeRun(into: &output, limit: limit - output.count) {
                    $0 == Byte.closeBracket || $0 == Byte.carriageReturn || Byte.isForbiddenControl($0)
                }
                if output.count >= limit { return true }
                guard let byte = try source.peek() else {
                    throw .unexpectedEndOfInput(context: "inside a CDATA section", at: source.position)
                }
                if byte == Byte.closeBracket {
                    if try source.hasPrefix(Byte.cdataEnd) {
                        source.advance(by: Byte.cdataEnd.count)
                        inCDATA = false
                    } else {
                        source.advance()
                        output.append(byte)
                    }
                } else if byte == Byte.carriageReturn || Byte.isForbiddenControl(byte) {
                    try appendLineEndOrFail(byte, into: &output)
                }
                continue
            }
            _ = try source.takeRun(into: &output, limit: limit - output.count) {
                $0 == Byte.lessThan || $0 == Byte.ampersand || $0 == Byte.carriageReturn
                    || Byte.isForbiddenControl($0)
            }
            if output.count >= limit { return true }
            guard let byte = try source.peek() else { return false }
            switch byte {
            case Byte.lessThan:
                if try source.hasPrefix(Byte.cdataStart) {
                    source.advance(by: Byte.cdataStart.count)
                    inCDATA = true
                } else if try source.hasPrefix(Byte.commentStart) {
                    try skipComment()
                } else if try source.peek(at: 1) == Byte.question {
                    try skipProcessingInstruction()
                } else {
                    return false
                }
            case Byte.ampersand:
                try readReference(into: &output)
            case Byte.carriageReturn:
                try appendLineEndOrFail(byte, into: &output)
            default:
                // The run ended at the end of the buffer, not at a special byte; or a forbidden control.
                if Byte.isForbiddenControl(byte) { try appendLineEndOrFail(byte, into: &output) }
            }
        }
        return true
    }

    /// A carriage return (alone or before a line feed) becomes one line feed; other bytes here are
    /// forbidden control characters.
    private func appendLineEndOrFail(_ byte: UInt8, into output: inout [UInt8]) throws(EdXMLError) {
        guard byte == Byte.carriageReturn else {
            throw .invalidCharacter("control character \(Self.describe(byte))", at: source.position)
        }
        source.advance()
        if try source.peek() == Byte.lineFeed { source.advance() }
        output.append(Byte.lineFeed)
    }

    /// Decodes `&name;` or `&#…;` at the current position and appends its UTF-8.
    func readReference(into output: inout [UInt8]) throws(EdXMLError) {
        let position = source.position
        source.advance()
        var nameBytes: [UInt8] = []
        while true {
            guard let byte = try source.next() else {
                throw .unexpectedEndOfInput(context: "inside an entity reference", at: source.position)
            }
            if byte == Byte.semicolon { break }
            guard nameBytes.count < 32, byte != Byte.lessThan, byte != Byte.ampersand, !Byte.isWhitespace(byte)
            else {
                throw .malformed(
                    "'&' does not start an entity reference; write &amp; for a literal ampersand",
                    at: position)
            }
            nameBytes.append(byte)
        }
        let name = String(decoding: nameBytes, as: UTF8.self)
        switch name {
        case "lt": output.append(Byte.lessThan)
        case "gt": output.append(Byte.greaterThan)
        case "amp": output.append(Byte.ampersand)
        case "quot": output.append(Byte.quote)
        case "apos": output.append(Byte.apostrophe)
        default:
            guard name.hasPrefix("#") else { throw .undefinedEntity(name: name, at: position) }
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") {
                let hex = digits.dropFirst()
                value = hex.allSatisfy(\.isHexDigit) ? UInt32(hex, radix: 16) : nil
            } else {
                value = digits.allSatisfy(\.isASCII) ? UInt32(digits, radix: 10) : nil
            }
            guard let value, Self.isXMLCharacter(value), let scalar = Unicode.Scalar(value) else {
                throw .invalidCharacterReference("&\(name);", at: position)
            }
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
    }

    private static func isXMLCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
