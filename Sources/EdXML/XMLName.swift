/// An element or attribute name after namespace resolution.
public struct XMLName: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The namespace URI, or "" when the name is in no namespace.
    public var namespaceURI: String
    /// The local part. For a name whose prefix is not declared (tolerated with a warning), the whole
    /// qualified name, e.g. `xlink:href`.
    public var localName: String
    /// The name exactly as written in the file, e.g. `edXML:From`.
    public var qualifiedName: String

    public init(namespaceURI: String, localName: String, qualifiedName: String) {
        self.namespaceURI = namespaceURI
        self.localName = localName
        self.qualifiedName = qualifiedName
    }

    public var description: String { qualifiedName }
}
