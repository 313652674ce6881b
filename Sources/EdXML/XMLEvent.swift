/// One step of the XML stream, as returned by ``XMLTokenizer/next()``.
///
/// Comments, processing instructions and the XML declaration are consumed silently. A self-closing tag
/// yields `.startElement` followed by `.endElement`. Text is delivered with CDATA sections and entity
/// references already resolved, line ends normalised to `\n`; whitespace between elements is delivered too.
public enum XMLEvent: Sendable, Equatable {
    case startElement(XMLName, attributes: [XMLAttribute])
    case endElement(XMLName)
    case text(String)
}

/// An attribute with its name resolved (unprefixed attributes are in no namespace) and its value decoded.
public struct XMLAttribute: Sendable, Equatable, Hashable {
    public var name: XMLName
    public var value: String

    public init(name: XMLName, value: String) {
        self.name = name
        self.value = value
    }
}
