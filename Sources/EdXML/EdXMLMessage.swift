/// A parsed edXML message: a document or a status, with what the reader found around it.
public struct EdXMLMessage: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case document
        case status
    }

    /// The MessageHeader, by kind. A header with a `StatusCode` is a status message.
    public enum Header: Sendable, Codable, Equatable {
        case document(DocumentHeader)
        case status(StatusHeader)
    }

    public var header: Header
    public var traces: [TraceHeader]
    /// `Bussiness`, when present (documents).
    public var business: BusinessInfo?
    /// The manifest (empty when only the header was read, and for status messages).
    public var references: [ManifestReference]
    /// Decoded attachments (empty when only the header was read).
    public var attachments: [ReceivedAttachment]
    /// What was tolerated while reading, each with its line and column.
    public var warnings: [String]

    public init(
        header: Header,
        traces: [TraceHeader] = [],
        business: BusinessInfo? = nil,
        references: [ManifestReference] = [],
        attachments: [ReceivedAttachment] = [],
        warnings: [String] = []
    ) {
        self.header = header
        self.traces = traces
        self.business = business
        self.references = references
        self.attachments = attachments
        self.warnings = warnings
    }

    public var kind: Kind {
        switch header {
        case .document: return .document
        case .status: return .status
        }
    }

    public var document: DocumentHeader? {
        if case .document(let header) = header { return header }
        return nil
    }

    public var status: StatusHeader? {
        if case .status(let header) = header { return header }
        return nil
    }

    /// `From/OrganId`.
    public var senderId: String {
        switch header {
        case .document(let document): return document.from.organId
        case .status(let status): return status.from.organId
        }
    }

    /// `To/OrganId` of a document; `ResponseFor/OrganId` (the original sender) of a status message.
    /// Empty identifiers are left out.
    public var recipientIds: [String] {
        switch header {
        case .document(let document): return document.to.map(\.organId).filter { !$0.isEmpty }
        case .status(let status): return [status.responseFor.organId].compactMap { $0 }.filter { !$0.isEmpty }
        }
    }
}
