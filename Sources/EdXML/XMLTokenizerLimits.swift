/// Bounds that keep a hostile XML file from exhausting memory or CPU.
public struct XMLTokenizerLimits: Sendable, Equatable, Codable {
    /// Deepest element nesting accepted. edXML needs about 8.
    public var maxDepth: Int
    /// Longest element, attribute or prefix name, in bytes.
    public var maxNameLength: Int
    /// Longest attribute value, in bytes after entity decoding.
    public var maxAttributeValueLength: Int
    /// Most attributes on one element (namespace declarations included).
    public var maxAttributesPerElement: Int
    /// Largest text delivered as one `.text` event (ordinary elements). Attachment content is read with
    /// ``XMLTokenizer/readTextChunk(maxBytes:)`` instead and is not bound by this limit.
    public var maxTextBytes: Int
    /// Largest input file, in bytes.
    public var maxInputBytes: Int64

    public init(
        maxDepth: Int = 64,
        maxNameLength: Int = 1024,
        maxAttributeValueLength: Int = 64 * 1024,
        maxAttributesPerElement: Int = 256,
        maxTextBytes: Int = 1 << 20,
        maxInputBytes: Int64 = 1 << 30
    ) {
        self.maxDepth = maxDepth
        self.maxNameLength = maxNameLength
        self.maxAttributeValueLength = maxAttributeValueLength
        self.maxAttributesPerElement = maxAttributesPerElement
        self.maxTextBytes = maxTextBytes
        self.maxInputBytes = maxInputBytes
    }

    public static let `default` = XMLTokenizerLimits()
}
