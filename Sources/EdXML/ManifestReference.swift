/// `edXMLManifest/Reference`: the description of one attachment in the envelope body.
public struct ManifestReference: Sendable, Codable, Equatable, Hashable {
    /// As on the wire, with or without the `cid:` prefix.
    public var contentId: String?
    public var contentType: String?
    public var description: String?
    /// As on the wire: untrusted, never use it as a path.
    public var attachmentName: String?

    public init(
        contentId: String? = nil, contentType: String? = nil, description: String? = nil,
        attachmentName: String? = nil
    ) {
        self.contentId = contentId
        self.contentType = contentType
        self.description = description
        self.attachmentName = attachmentName
    }
}
