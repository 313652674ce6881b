import Foundation

/// A file to send as an attachment with ``EdXMLWriter/writeDocument(header:traces:business:attachments:to:)``.
public struct OutgoingAttachment: Sendable, Codable, Equatable, Hashable {
    /// The name the recipient sees (`AttachmentName`).
    public var name: String
    public var contentType: String
    public var description: String?
    /// The file whose bytes are base64-encoded into the message.
    public var sourcePath: String
    /// Without the `cid:` prefix (the writer adds it); a fresh UUID by default.
    public var contentId: String

    public init(
        name: String, contentType: String, description: String? = nil, sourcePath: String,
        contentId: String = UUID().uuidString.lowercased()
    ) {
        self.name = name
        self.contentType = contentType
        self.description = description
        self.sourcePath = sourcePath
        self.contentId = contentId
    }
}
