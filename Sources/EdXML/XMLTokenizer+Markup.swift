import Foundation

extension XMLTokenizer {
    /// Handles what may precede the root: a BOM, stray bytes (tolerated, see the type's documentation)
    /// and the XML declaration.
    func startDocument() throws(EdXMLError) {
        started = true
        if try source.hasPrefix(Byte.byteOrderMark) { source.advance(by: Byte.byteOrderMark.count) }
        try skipStrayBytesBeforeDeclaration()
        if try source.hasPrefix(Byte.declarationStart),
            let after = try source.peek(at: Byte.declarationStart.count),
            Byte.isWhitespace(after) || after == Byte.question
        {
            try readDeclaration()
        }
    }

    private func skipStrayBytesBeforeDeclaration() throws(EdXMLError) {
        let available = try source.fill(atLeast: Self.maxStrayPrefixBytes + Byte.declarationStart.count)
        var offset = 0
        while offset < min(available, Self.maxStrayPrefixBytes + 1), try source.peek(at: offset) != Byte.lessThan {
            offset += 1
        }
        guard offset > 0, offset <= Self.maxStrayPrefixBytes else { return }
        for (index, expected) in Byte.declarationStart.enumerated()
        where try source.peek(at: offset + index) != expected {
            return
        }
        var preview: [UInt8] = []
        for index in 0..<min(offset, 16) {
            if let byte = try source.peek(at: index) { preview.append(byte) }
        }
        let shown = String(decoding: preview, as: UTF8.self).unicodeScalars
            .map { $0.properties.generalCategory == .control ? "\\u{\(String($0.value, radix: 16))}" : String($0) }
            .joined()
        warn("skipped \(offset) stray byte(s) before the XML declaration (\"\(shown)\")", at: source.position)
        source.advance(by: offset)
    }

    private func readDeclaration() throws(EdXMLError) {
        let position = source.position
        source.advance(by: Byte.declarationStart.count)
        var content: [UInt8] = []
        while true {
            guard let byte = try source.next() else {
                throw .unexpectedEndOfInput(context: "inside the XML declaration", at: source.position)
            }
            if byte == Byte.question, try source.peek() == Byte.greaterThan {
                source.advance()
                break
            }
            content.append(byte)
            if content.count > 1024 { throw .malformed("the XML declaration is too long", at: position) }
        }
        let text = String(decoding: content, as: UTF8.self)
        guard let encoding = Self.pseudoAttribute("encoding", in: text) else { return }
        let normalized = encoding.uppercased()
        guard normalized == "UTF-8" || normalized == "UTF8" else {
            throw .unsupportedEncoding(encoding, at: position)
        }
    }

    private static func pseudoAttribute(_ name: String, in text: String) -> String? {
        guard let nameRange = text.range(of: name) else { return nil }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        var rest = Substring(text[nameRange.upperBound...]).drop(while: isSpace)
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: isSpace)
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        guard let end = rest.firstIndex(of: quote) else { return nil }
        return String(rest[..<end])
    }

    func readStartTag() throws(EdXMLError) -> XMLEvent {
        let tagPosition = source.position
        if rootSeen && openElements.isEmpty {
            throw .malformed("a second root element; an XML file has exactly one", at: tagPosition)
        }
        source.advance()
        let qualifiedName = try readName()
        var raw: [(name: String, value: String, position: XMLPosition)] = []
        var selfClosing = false
        while true {
            let hadSpace = try skipWhitespace()
            guard let byte = try source.peek() else {
                throw .unexpectedEndOfInput(context: "inside the tag <\(qualifiedName)>", at: source.position)
            }
            if byte == Byte.greaterThan {
                source.advance()
                break
            }
            if byte == Byte.slash {
                source.advance()
                guard try source.next() == Byte.greaterThan else {
                    throw .malformed("expected '>' after '/' in <\(qualifiedName)>", at: source.position)
                }
                selfClosing = true
                break
            }
            guard hadSpace else {
                throw .malformed("expected whitespace before an attribute in <\(qualifiedName)>", at: source.position)
            }
            let attributePosition = source.position
            let name = try readName()
            guard raw.count < limits.maxAttributesPerElement else {
                throw .tooManyAttributes(limit: limits.maxAttributesPerElement, at: attributePosition)
            }
            _ = try skipWhitespace()
            guard try source.next() == Byte.equals else {
                throw .malformed("expected '=' after the attribute name '\(name)'", at: source.position)
            }
            _ = try skipWhitespace()
            guard let quote = try source.next(), quote == Byte.quote || quote == Byte.apostrophe else {
                throw .malformed("expected a quoted value for the attribute '\(name)'", at: source.position)
            }
            let value = try readAttributeValue(quote: quote)
            if raw.contains(where: { $0.name == name }) {
                throw .malformed("the attribute '\(name)' appears twice", at: attributePosition)
            }
            raw.append((name, value, attributePosition))
        }
        guard openElements.count < limits.maxDepth else {
            throw .depthLimitExceeded(limit: limits.maxDepth, at: tagPosition)
        }
        namespaces.push()
        for attribute in raw {
            if attribute.name == "xmlns" {
                namespaces.bind(prefix: "", uri: attribute.value)
            } else if attribute.name.hasPrefix("xmlns:") {
                let prefix = String(attribute.name.dropFirst("xmlns:".count))
                guard !attribute.value.isEmpty else {
                    throw .malformed("the prefix '\(prefix)' is bound to an empty namespace", at: attribute.position)
                }
                namespaces.bind(prefix: prefix, uri: attribute.value)
            }
        }
        let name = resolve(qualifiedName, isAttribute: false, at: tagPosition)
        var attributes: [XMLAttribute] = []
        for attribute in raw where attribute.name != "xmlns" && !attribute.name.hasPrefix("xmlns:") {
            let attributeName = resolve(attribute.name, isAttribute: true, at: attribute.position)
            attributes.append(XMLAttribute(name: attributeName, value: attribute.value))
        }
        openElements.append(name)
        rootSeen = true
        if selfClosing { pendingEnd = name }
        return .startElement(name, attributes: attributes)
    }

    func readEndTag() throws(EdXMLError) -> XMLEvent {
        let position = source.position
        source.advance(by: 2)
        let name = try readName()
        _ = try skipWhitespace()
        guard try source.next() == Byte.greaterThan else {
            throw .malformed("expected '>' to end </\(name)>", at: source.position)
        }
        guard let open = openElements.last else {
            throw .malformed("end tag </\(name)> without a matching start tag", at: position)
        }
        guard open.qualifiedName == name else {
            throw .mismatchedEndTag(expected: open.qualifiedName, found: name, at: position)
        }
        closeElement()
        return .endElement(open)
    }

    /// Resolves a qualified name against the namespaces in scope. Unprefixed attributes are in no namespace.
    private func resolve(_ qualifiedName: String, isAttribute: Bool, at position: XMLPosition) -> XMLName {
        guard let colon = qualifiedName.firstIndex(of: ":") else {
            let uri = isAttribute ? "" : (namespaces.resolve(prefix: "") ?? "")
            return XMLName(namespaceURI: uri, localName: qualifiedName, qualifiedName: qualifiedName)
        }
        let prefix = String(qualifiedName[..<colon])
        let local = String(qualifiedName[qualifiedName.index(after: colon)...])
        guard !prefix.isEmpty, !local.isEmpty, !local.contains(":"), let uri = namespaces.resolve(prefix: prefix)
        else {
            warn(
                "namespace prefix '\(prefix)' is not declared; '\(qualifiedName)' is read as a plain name",
                at: position)
            return XMLName(namespaceURI: "", localName: qualifiedName, qualifiedName: qualifiedName)
        }
        return XMLName(namespaceURI: uri, localName: local, qualifiedName: qualifiedName)
    }

    func readName() throws(EdXMLError) -> String {
        let position = source.position
        guard let first = try source.peek() else {
            throw .unexpectedEndOfInput(context: "where a name was expected", at: position)
        }
        guard Byte.isNameStart(first) else {
            throw .malformed("expected a name, found '\(Self.describe(first))'", at: position)
        }
        var bytes: [UInt8] = []
        while let byte = try source.peek(), Byte.isNameCharacter(byte) {
            bytes.append(byte)
            guard bytes.count <= limits.maxNameLength else {
                throw .nameTooLong(limit: limits.maxNameLength, at: position)
            }
            source.advance()
        }
        guard let name = String(validating: bytes, as: UTF8.self) else {
            throw .invalidCharacter("a name is not valid UTF-8", at: position)
        }
        return name
    }

    private func readAttributeValue(quote: UInt8) throws(EdXMLError) -> String {
        let position = source.position
        var bytes: [UInt8] = []
        while true {
            guard let byte = try source.peek() else {
                throw .unexpectedEndOfInput(context: "inside an attribute value", at: source.position)
            }
            if byte == quote {
                source.advance()
                break
            }
            switch byte {
            case Byte.lessThan:
                throw .malformed("'<' is not allowed in an attribute value; write &lt;", at: source.position)
            case Byte.ampersand:
                try readReference(into: &bytes)
            case Byte.carriageReturn:
                source.advance()
                if try source.peek() == Byte.lineFeed { source.advance() }
                bytes.append(Byte.space)
            case Byte.lineFeed, Byte.tab:
                source.advance()
                bytes.append(Byte.space)
            default:
                if Byte.isForbiddenControl(byte) {
                    throw .invalidCharacter("control character \(Self.describe(byte))", at: source.position)
                }
                source.advance()
                bytes.append(byte)
            }
            guard bytes.count <= limits.maxAttributeValueLength else {
                throw .attributeValueTooLong(limit: limits.maxAttributeValueLength, at: position)
            }
        }
        guard let value = String(validating: bytes, as: UTF8.self) else {
            throw .invalidCharacter("an attribute value is not valid UTF-8", at: position)
        }
        return value
    }

    /// Skips whitespace; returns whether there was any.
    private func skipWhitespace() throws(EdXMLError) -> Bool {
        var skipped = false
        while let byte = try source.peek(), Byte.isWhitespace(byte) {
            source.advance()
            skipped = true
        }
        return skipped
    }

    func skipComment() throws(EdXMLError) {
        let position = source.position
        source.advance(by: Byte.commentStart.count)
        while true {
            guard let byte = try source.next() else {
                throw .unexpectedEndOfInput(
                    context: "inside the comment that starts at \(position)", at: source.position)
            }
            if byte == UInt8(ascii: "-"), try source.hasPrefix(Array(Byte.commentEnd.dropFirst())) {
                source.advance(by: 2)
                return
            }
        }
    }

    func skipProcessingInstruction() throws(EdXMLError) {
        let position = source.position
        source.advance(by: 2)
        let target = try readName()
        if target.lowercased() == "xml" {
            throw .malformed("an XML declaration is only allowed at the very start of the file", at: position)
        }
        while true {
            guard let byte = try source.next() else {
                throw .unexpectedEndOfInput(
                    context: "inside the processing instruction at \(position)",
                    at: source.position)
            }
            if byte == Byte.question, try source.peek() == Byte.greaterThan {
                source.advance()
                return
            }
        }
    }

    static func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : "byte 0x" + String(byte, radix: 16)
    }
}
