/// Size limits that protect the daemon and the axis from oversized or hostile documents.
public struct Limits: Sendable, Equatable {
    /// Largest file accepted from an outbox; larger files go to `failed/`.
    public var maxDocumentSize: Int64
    /// Most attachments in one outgoing or incoming document.
    public var maxAttachments: Int
    /// Largest envelope downloaded from the axis; larger ones are quarantined.
    public var maxInboundEnvelopeSize: Int64

    public init(
        maxDocumentSize: Int64 = 500 * 1024 * 1024,
        maxAttachments: Int = 50,
        maxInboundEnvelopeSize: Int64 = 1024 * 1024 * 1024
    ) {
        self.maxDocumentSize = maxDocumentSize
        self.maxAttachments = maxAttachments
        self.maxInboundEnvelopeSize = maxInboundEnvelopeSize
    }
}
