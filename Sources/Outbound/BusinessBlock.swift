import EdXML
import StateStore

/// The `Bussiness` block of an outbound envelope (axis-protocol.md section 4): what the message does to a document.
///
/// Decided here and only here, from the record's request fields (``DocumentStore/insertBusinessRequest(_:note:)``):
/// - a new document: type 0 with its own DocumentId, as before;
/// - a revoke (1): the DocumentId of the document taken back and the reason; the MessageHeader repeats that
///   document's values, as in VNPT's `edoc_revocation.edxml`;
/// - an update (2): the same, plus `BussinessDocumentInfo` naming the recipients of the updated document;
/// - a replacement (3): the new document's own DocumentId, and `ReplacementInfoList` with the DocumentId of the
///   document replaced and the agencies that received it, as in `edoc_replacement.edxml`.
///
/// No `StaffInfo` is written: lienthong does not know which clerk asked, and the block is valid without it.
enum BusinessBlock {
    static let newDocumentType = BusinessInfo.DocType.new.rawValue
    /// The reason of a replacement sent without `--reason`, as in the sample.
    static let defaultReplacementReason = "Văn bản thay thế"

    /// The block for `document`, looking up the document a request concerns for its recipients.
    static func info(for document: DocumentRecord, header: DocumentHeader, store: DocumentStore) throws -> BusinessInfo
    {
        guard let related = document.relatedDocumentId else {
            return info(for: document, header: header, concerned: nil)
        }
        return info(for: document, header: header, concerned: try store.document(related))
    }

    /// The block for `document` with `header` as packaged; `concerned` is the document a request is about (its
    /// recipients are the ones that must learn of the request), nil for a new document or when it is gone.
    static func info(for document: DocumentRecord, header: DocumentHeader, concerned: DocumentRecord?) -> BusinessInfo {
        let concernedId = document.businessDocumentId ?? concerned?.edxmlDocumentId
        let receivedBy = concerned?.recipients ?? document.recipients
        switch document.businessDocType.flatMap({ BusinessInfo.DocType(rawValue: $0) }) {
        case nil, .new?:
            return .newDocument(documentId: header.documentId)
        case .revoke?:
            return BusinessInfo(
                documentId: concernedId, docType: BusinessInfo.DocType.revoke.rawValue,
                docReason: document.businessReason, paper: "0")
        case .update?:
            let recipients = header.to.map(\.organId)
            return BusinessInfo(
                documentId: concernedId, docType: BusinessInfo.DocType.update.rawValue,
                docReason: document.businessReason, paper: "0",
                // [I] DocumentInfo 1: the document's content and information change; DocumentReceiver 1: the list
                // of recipients changed too. ReceiverType 0: a recipient for action (lienthong has no copy-only ones).
                documentInfo: BusinessInfo.DocumentInfo(
                    documentInfo: "1", documentReceiver: Set(recipients) == Set(receivedBy) ? "0" : "1",
                    receivers: recipients.map { BusinessInfo.Receiver(organId: $0, receiverType: "0") }))
        case .replace?:
            return BusinessInfo(
                documentId: header.documentId, docType: BusinessInfo.DocType.replace.rawValue,
                docReason: document.businessReason ?? defaultReplacementReason, paper: "0",
                replacements: [BusinessInfo.ReplacementInfo(documentId: concernedId, organIds: receivedBy)])
        }
    }
}
