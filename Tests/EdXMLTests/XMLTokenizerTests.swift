import Foundation
import Testing

@testable import EdXML

/// The tokenizer on small hand-written inputs: what it accepts, what it refuses, and where it says so.
@Suite struct XMLTokenizerTests {
    /// All events of `xml`, with the tokenizer for its warnings.
    private func tokenize(
        _ xml: String, limits: XMLTokenizerLimits = .default
    ) throws -> (events: [XMLEvent], tokenizer: XMLTokenizer) {
        let directory = try TemporaryDirectory()
        let tokenizer = try XMLTokenizer(path: try directory.write("input.xml", xml), limits: limits)
        var events: [XMLEvent] = []
        while let event = try tokenizer.next() { events.append(event) }
        return (events, tokenizer)
    }

    private func tokenizeError(_ xml: String, limits: XMLTokenizerLimits = .default) throws -> EdXMLError? {
        do {
            _ = try tokenize(xml, limits: limits)
            return nil
        } catch let error as EdXMLError {
            return error
        }
    }

    private func texts(_ events: [XMLEvent]) -> String {
        events.compactMap { if case .text(let text) = $0 { return text } else { return nil } }.joined()
    }

    @Test func predefinedEntitiesNumericReferencesAndCDATAAreDecoded() throws {
        let (events, _) = try tokenize(
            "<a>&lt;&gt;&amp;&quot;&apos; &#65;&#x1EA1;&#x1F600; <![CDATA[<raw> & ]]]></a>")
        #expect(texts(events) == "<>&\"' Aạ😀 <raw> & ]")
    }

    @Test func commentsProcessingInstructionsAndTheDeclarationAreSkipped() throws {
        let (events, tokenizer) = try tokenize(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- c -->\n<?pi data?>"
                + "<a>x<!-- inside -->y<?p q?>z</a>\n<!-- end -->"
        )
        #expect(
            events.first
                == .startElement(
                    XMLName(namespaceURI: "", localName: "a", qualifiedName: "a"),
                    attributes: []))
        #expect(texts(events) == "xyz")
        #expect(tokenizer.warnings.isEmpty)
    }

    @Test func attributesInBothQuotesAreDecodedAndSelfClosingTagsEndAtOnce() throws {
        let (events, _) = try tokenize("<a x='1 \"q\"' y=\"&amp;&#9;2\"\nz='a\nb'/>")
        guard case .startElement(let name, let attributes) = events[0] else {
            Issue.record("expected a start element")
            return
        }
        #expect(name.localName == "a")
        #expect(attributes.map(\.value) == ["1 \"q\"", "&\t2", "a b"])
        #expect(events[1] == .endElement(name))
        #expect(events.count == 2)
    }

    @Test func namespacesResolveWithScopingAndDefaultNamespace() throws {
        let xml = """
            <r xmlns="urn:d" xmlns:p="urn:p1"><p:a p:x="1" y="2"><p:b xmlns:p="urn:p2"/></p:a><c xmlns=""/><p:d/></r>
            """
        let (events, tokenizer) = try tokenize(xml)
        let starts = events.compactMap { event -> (XMLName, [XMLAttribute])? in
            if case .startElement(let name, let attributes) = event { return (name, attributes) }
            return nil
        }
        #expect(starts.map(\.0.namespaceURI) == ["urn:d", "urn:p1", "urn:p2", "", "urn:p1"])
        #expect(starts.map(\.0.localName) == ["r", "a", "b", "c", "d"])
        #expect(starts[1].1.map(\.name.namespaceURI) == ["urn:p1", ""], "unprefixed attributes have no namespace")
        #expect(starts[0].1.isEmpty, "namespace declarations are not reported as attributes")
        #expect(tokenizer.warnings.isEmpty)
    }

    @Test func undeclaredPrefixBecomesAPlainNameWithAWarningNamingThePlace() throws {
        let (events, tokenizer) = try tokenize("<a>\n  <b q:x=\"1\"/></a>")
        guard case .startElement(_, let attributes) = events[2] else {
            Issue.record("expected <b>")
            return
        }
        #expect(attributes.first?.name == XMLName(namespaceURI: "", localName: "q:x", qualifiedName: "q:x"))
        #expect(
            tokenizer.warnings == [
                "line 2, column 6: namespace prefix 'q' is not declared; 'q:x' is read as a plain name"
            ])
    }

    @Test func strayBytesBeforeTheDeclarationAreSkippedWithAWarning() throws {
        let (events, tokenizer) = try tokenize("1212<?xml version=\"1.0\"?><a/>")
        #expect(events.count == 2)
        #expect(tokenizer.warnings.count == 1)
        #expect(tokenizer.warnings.first?.contains("skipped 4 stray byte(s)") == true)
    }

    @Test func strayTextWithoutADeclarationIsRejected() throws {
        let error = try tokenizeError("1212<a/>")
        #expect(error == .malformed("text before the root element", at: XMLPosition(line: 1, column: 1)))
    }

    @Test func doctypeWithInternalSubsetIsRejected() throws {
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
            <lolz>&lol2;</lolz>
            """
        let error = try tokenizeError(bomb)
        #expect(error == .doctypeForbidden(at: XMLPosition(line: 2, column: 1)))
        #expect(error?.description.contains("DOCTYPE") == true)
    }

    @Test func doctypeWithExternalEntityIsRejected() throws {
        let xxe = "<?xml version=\"1.0\"?><!DOCTYPE foo SYSTEM \"file:///etc/passwd\"><foo>&xxe;</foo>"
        #expect(try tokenizeError(xxe) == .doctypeForbidden(at: XMLPosition(line: 1, column: 22)))
    }

    @Test func doctypeInsideContentIsRejected() throws {
        #expect(try tokenizeError("<a><!DOCTYPE a></a>") == .doctypeForbidden(at: XMLPosition(line: 1, column: 4)))
    }

    @Test func undefinedEntityIsRejectedWithItsName() throws {
        #expect(
            try tokenizeError("<a>\n x &nbsp;</a>")
                == .undefinedEntity(name: "nbsp", at: XMLPosition(line: 2, column: 4)))
    }

    @Test func invalidCharacterReferencesAndBareAmpersandsAreRejected() throws {
        #expect(
            try tokenizeError("<a>&#0;</a>") == .invalidCharacterReference("&#0;", at: XMLPosition(line: 1, column: 4)))
        #expect(
            try tokenizeError("<a>&#xD800;</a>")
                == .invalidCharacterReference("&#xD800;", at: XMLPosition(line: 1, column: 4)))
        guard case .malformed = try tokenizeError("<a>fish & chips</a>") else {
            Issue.record("a bare '&' must be refused")
            return
        }
    }

    @Test func depthBombIsRejectedAtTheLimit() throws {
        let deep = String(repeating: "<a>", count: 65) + String(repeating: "</a>", count: 65)
        #expect(try tokenizeError(deep) == .depthLimitExceeded(limit: 64, at: XMLPosition(line: 1, column: 193)))
        let fine = String(repeating: "<a>", count: 64) + String(repeating: "</a>", count: 64)
        #expect(try tokenizeError(fine) == nil)
    }

    @Test func nameAttributeAndTextLimitsAreEnforced() throws {
        var limits = XMLTokenizerLimits.default
        limits.maxNameLength = 8
        limits.maxAttributeValueLength = 4
        limits.maxAttributesPerElement = 2
        limits.maxTextBytes = 10
        #expect(
            try tokenizeError("<abcdefghi/>", limits: limits)
                == .nameTooLong(limit: 8, at: XMLPosition(line: 1, column: 2)))
        #expect(
            try tokenizeError("<a x='12345'/>", limits: limits)
                == .attributeValueTooLong(limit: 4, at: XMLPosition(line: 1, column: 7)))
        #expect(
            try tokenizeError("<a x='1' y='2' z='3'/>", limits: limits)
                == .tooManyAttributes(limit: 2, at: XMLPosition(line: 1, column: 16)))
        #expect(
            try tokenizeError("<a>12345678901</a>", limits: limits)
                == .textTooLarge(element: "a", limit: 10, at: XMLPosition(line: 1, column: 4)))
        #expect(try tokenizeError("<a>1234567890</a>", limits: limits) == nil)
    }

    @Test func totalInputSizeIsEnforced() throws {
        var limits = XMLTokenizerLimits.default
        limits.maxInputBytes = 100
        let big = "<a>" + String(repeating: "x", count: 200) + "</a>"
        #expect(try tokenizeError(big, limits: limits) == .inputTooLarge(limit: 100))
    }

    @Test func mismatchedAndUnclosedElementsAreReportedWithTheirPlace() throws {
        #expect(
            try tokenizeError("<a>\n<b></a>")
                == .mismatchedEndTag(expected: "b", found: "a", at: XMLPosition(line: 2, column: 4)))
        #expect(
            try tokenizeError("<a><b></b>")
                == .unexpectedEndOfInput(context: "inside <a>", at: XMLPosition(line: 1, column: 11)))
        guard case .malformed = try tokenizeError("<a/><b/>") else {
            Issue.record("a second root must be refused")
            return
        }
        guard case .malformed = try tokenizeError("<a x='1' x='2'/>") else {
            Issue.record("a duplicate attribute must be refused")
            return
        }
    }

    @Test func columnsCountCharactersNotBytes() throws {
        #expect(
            try tokenizeError("<a>Hà Nội &bad;</a>")
                == .undefinedEntity(name: "bad", at: XMLPosition(line: 1, column: 11)))
    }

    @Test func invalidUTF8AndControlCharactersAreRejected() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("bad.xml")
        try Data([0x3C, 0x61, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x61, 0x3E]).write(to: URL(fileURLWithPath: path))
        let tokenizer = try XMLTokenizer(path: path)
        _ = try tokenizer.next()
        #expect(throws: EdXMLError.invalidCharacter("text is not valid UTF-8", at: XMLPosition(line: 1, column: 4))) {
            _ = try tokenizer.next()
        }
        #expect(
            try tokenizeError("<a>\u{01}</a>")
                == .invalidCharacter("control character byte 0x1", at: XMLPosition(line: 1, column: 4)))
    }

    @Test func encodingsOtherThanUTF8AreRejected() throws {
        #expect(
            try tokenizeError("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>")
                == .unsupportedEncoding("ISO-8859-1", at: XMLPosition(line: 1, column: 1)))
    }

    @Test func lineEndsAreNormalisedInText() throws {
        let (events, _) = try tokenize("<a>1\r\n2\r3\n4</a>")
        #expect(texts(events) == "1\n2\n3\n4")
    }

    @Test func largeTextIsDeliveredInChunksAcrossBufferBoundaries() throws {
        let directory = try TemporaryDirectory()
        let payload = (0..<300_000).map { _ in "ABCDEFGHIJKLMNOPQRSTUVWXYZ".randomElement()! }
        let body = String(payload)
        let path = try directory.write("big.xml", "<r><big>\(body)<![CDATA[&]]>&amp;</big><after/></r>")
        var limits = XMLTokenizerLimits.default
        limits.maxTextBytes = 1000
        let tokenizer = try XMLTokenizer(path: path, limits: limits, bufferSize: 4096)
        _ = try tokenizer.next()
        _ = try tokenizer.next()
        var collected: [UInt8] = []
        var chunks = 0
        while let chunk = try tokenizer.readTextChunk(maxBytes: 7001) {
            #expect(chunk.count <= 7001 + 3)
            collected += chunk
            chunks += 1
        }
        #expect(collected == Array((body + "&&").utf8))
        #expect(chunks > 40)
        guard case .endElement(let name) = try tokenizer.next() else {
            Issue.record("expected </big>")
            return
        }
        #expect(name.localName == "big")
        guard case .startElement(let after, _) = try tokenizer.next() else {
            Issue.record("expected <after/>")
            return
        }
        #expect(after.localName == "after")
    }

    @Test func ordinaryTextIsBoundedWhileChunkedTextIsNot() throws {
        var limits = XMLTokenizerLimits.default
        limits.maxTextBytes = 100
        let directory = try TemporaryDirectory()
        let path = try directory.write("t.xml", "<r>" + String(repeating: "y", count: 5000) + "</r>")
        let tokenizer = try XMLTokenizer(path: path, limits: limits)
        _ = try tokenizer.next()
        var total = 0
        while let chunk = try tokenizer.readTextChunk(maxBytes: 64) { total += chunk.count }
        #expect(total == 5000)
    }

    @Test func missingFileIsReportedWithItsPath() throws {
        let error = #expect(throws: EdXMLError.self) { try XMLTokenizer(path: "/nonexistent/edxml/file.edxml") }
        guard case .cannotOpen(let path, _) = error else {
            Issue.record("expected cannotOpen, got \(String(describing: error))")
            return
        }
        #expect(path == "/nonexistent/edxml/file.edxml")
        #expect(error?.description.contains("/nonexistent/edxml/file.edxml") == true)
    }
}
