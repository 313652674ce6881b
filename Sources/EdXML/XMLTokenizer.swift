/// A streaming pull tokenizer for the subset of XML 1.0 that edXML uses, written for hostile input.
///
/// The file is read through one fixed-size buffer, so memory stays constant whatever the file size; large
/// text (attachment base64) can be pulled in chunks with ``readTextChunk(maxBytes:)``.
///
/// Supported: UTF-8 (with or without BOM), the XML declaration, comments, processing instructions, CDATA,
/// the five predefined entities and numeric character references, attributes in either quote, self-closing
/// tags, and namespaces (elements and attributes are reported by namespace URI and local name).
///
/// Refused with an ``EdXMLError`` carrying line and column: any `<!DOCTYPE` (DTDs enable XXE and entity
/// bombs), undefined entities, encodings other than UTF-8, invalid UTF-8, nesting deeper than
/// ``XMLTokenizerLimits/maxDepth``, and anything larger than the other ``XMLTokenizerLimits``.
///
/// Tolerated, each with a message appended to ``warnings`` (real senders produce both; see the fixtures):
/// - bytes before `<?xml` (VNPT's `edoc_new.edxml` starts with `1212`) are skipped, if there are no more
///   than 1024 of them and they contain no `<`;
/// - a namespace prefix that is not declared (VNPT's `edoc.edxml` writes `xlink:href` without declaring
///   `xlink`) makes the name a plain name in no namespace, with the whole `prefix:local` as local name.
///
/// Not thread-safe: one tokenizer belongs to one reader at a time.
public final class XMLTokenizer {
    /// Most warnings kept; later ones are counted in a final message so hostile input cannot grow the list.
    static let maxWarnings = 100
    /// Most stray bytes skipped before `<?xml`.
    static let maxStrayPrefixBytes = 1024

    public let limits: XMLTokenizerLimits
    let source: XMLByteSource
    var namespaces = XMLNamespaceScope()
    var openElements: [XMLName] = []
    var pendingEnd: XMLName?
    var started = false
    var rootSeen = false
    var inCDATA = false
    private var droppedWarnings = 0
    private var storedWarnings: [String] = []

    /// Opens `path` for tokenizing. Nothing is parsed until the first call to ``next()``.
    public init(
        path: String,
        limits: XMLTokenizerLimits = .default,
        bufferSize: Int = 64 * 1024
    ) throws(EdXMLError) {
        self.limits = limits
        self.source = try XMLByteSource(path: path, bufferSize: bufferSize, maxInputBytes: limits.maxInputBytes)
    }

    /// What was tolerated so far, each message starting with its line and column.
    public var warnings: [String] {
        droppedWarnings == 0
            ? storedWarnings
            : storedWarnings + ["\(droppedWarnings) further warnings were not recorded"]
    }

    /// The place of the next unread character.
    public var position: XMLPosition { source.position }

    /// How many elements are open.
    public var depth: Int { openElements.count }

    /// The innermost open element, if any.
    public var currentElement: XMLName? { openElements.last }

    func warn(_ message: String, at position: XMLPosition) {
        if storedWarnings.count < Self.maxWarnings {
            storedWarnings.append("\(position): \(message)")
        } else {
            droppedWarnings += 1
        }
    }

    /// The next event, or nil once the root element has been closed and only whitespace, comments and
    /// processing instructions follow.
    public func next() throws(EdXMLError) -> XMLEvent? {
        if !started { try startDocument() }
        if let name = pendingEnd {
            pendingEnd = nil
            closeElement()
            return .endElement(name)
        }
        while true {
            guard let byte = try source.peek() else {
                if let open = openElements.last {
                    throw .unexpectedEndOfInput(context: "inside <\(open.qualifiedName)>", at: source.position)
                }
                if !rootSeen { throw .malformed("the file contains no root element", at: source.position) }
                return nil
            }
            if byte == Byte.lessThan {
                switch try source.peek(at: 1) {
                case Byte.slash:
                    return try readEndTag()
                case Byte.question:
                    try skipProcessingInstruction()
                    continue
                case Byte.exclamation:
                    if try source.hasPrefix(Byte.commentStart) {
                        try skipComment()
                        continue
                    }
                    if try source.hasPrefix(Byte.doctypeStart) { throw .doctypeForbidden(at: source.position) }
                    if try source.hasPrefix(Byte.cdataStart), !openElements.isEmpty {
                        return .text(try collectText())
                    }
                    throw .malformed(
                        "unexpected '<!'; only comments and CDATA sections may start so",
                        at: source.position)
                case nil:
                    throw .unexpectedEndOfInput(context: "after '<'", at: source.position)
                default:
                    return try readStartTag()
                }
            }
            if openElements.isEmpty {
                try skipWhitespaceOutsideRoot()
                continue
            }
            return .text(try collectText())
        }
    }

    /// Skips the rest of the element whose start tag was just returned, with all its content.
    public func skipElement() throws(EdXMLError) {
        let target = openElements.count
        while true {
            guard let event = try next() else {
                throw .unexpectedEndOfInput(context: "while skipping an element", at: source.position)
            }
            if case .endElement = event, openElements.count < target { return }
        }
    }

    func closeElement() {
        openElements.removeLast()
        namespaces.pop()
    }

    private func skipWhitespaceOutsideRoot() throws(EdXMLError) {
        while let byte = try source.peek(), byte != Byte.lessThan {
            guard Byte.isWhitespace(byte) else {
                let where_ = rootSeen ? "after the root element" : "before the root element"
                throw .malformed("text \(where_)", at: source.position)
            }
            source.advance()
        }
    }
}

/// Byte constants and classes used by the tokenizer.
enum Byte {
    static let lessThan = UInt8(ascii: "<")
    static let greaterThan = UInt8(ascii: ">")
    static let slash = UInt8(ascii: "/")
    static let question = UInt8(ascii: "?")
    static let exclamation = UInt8(ascii: "!")
    static let ampersand = UInt8(ascii: "&")
    static let semicolon = UInt8(ascii: ";")
    static let equals = UInt8(ascii: "=")
    static let quote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'")
    static let hash = UInt8(ascii: "#")
    static let closeBracket = UInt8(ascii: "]")
    static let colon = UInt8(ascii: ":")
    static let space = UInt8(ascii: " ")
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D

    static let commentStart = Array("<!--".utf8)
    static let commentEnd = Array("-->".utf8)
    static let cdataStart = Array("<![CDATA[".utf8)
    static let cdataEnd = Array("]]>".utf8)
    static let doctypeStart = Array("<!DOCTYPE".utf8)
    static let declarationStart = Array("<?xml".utf8)
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == lineFeed || byte == carriageReturn || byte == tab
    }

    /// C0 controls other than tab, line feed and carriage return are not XML characters.
    @inline(__always)
    static func isForbiddenControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != tab && byte != lineFeed && byte != carriageReturn
    }

    @inline(__always)
    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F || byte == colon
            || byte >= 0x80
    }

    @inline(__always)
    static func isNameCharacter(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E
    }
}
