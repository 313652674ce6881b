/// An attachment decoded by ``EdXMLReader/read(from:attachmentDirectory:)`` into its own file.
///
/// Names, types and descriptions are as on the wire and untrusted. The file name is chosen by the reader
/// (`attachment-<N>.bin`), never taken from the message.
public struct ReceivedAttachment: Sendable, Codable, Equatable, Hashable {
    /// 1-based position of the attachment in the message; the file is `attachment-<index>.bin`.
    public var index: Int
    public var contentId: String?
    public var attachmentName: String?
    public var contentType: String?
    public var description: String?
    /// Absolute or caller-relative path of the decoded file.
    public var filePath: String
    /// Size of the decoded file in bytes.
    public var byteSize: Int64
    /// The manifest entry with the same ContentId (compared without a `cid:` prefix), if any.
    public var reference: ManifestReference?

    public init(
        index: Int,
        contentId: String?,
        attachmentName: String?,
        contentType: String?,
        description: String?,
        filePath: String,
        byteSize: Int64,
        reference: ManifestReference?
    ) {
        self.index = index
        self.contentId = contentId
        self.attachmentName = attachmentName
        self.contentType = contentType
        self.description = description
        self.filePath = filePath
        self.byteSize = byteSize
        self.reference = reference
    }

    /// The attachment's name, falling back to the manifest's, for display and for building a safe file name.
    public var displayName: String? { attachmentName ?? reference?.attachmentName }
}
