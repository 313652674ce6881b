/// Everything a MessageHeader may hold, collected before knowing whether it is a document or a status.
struct MessageHeaderFields {
    var from: Organization?
    var to: [Organization] = []
    var documentId: String?
    var code: DocumentHeader.Code?
    var promulgationInfo: DocumentHeader.PromulgationInfo?
    var documentType: DocumentHeader.DocumentType?
    var subject: String?
    var content: String?
    var signerInfo: DocumentHeader.SignerInfo?
    var dueDate: String?
    var toPlaces: [String] = []
    var otherInfo: DocumentHeader.OtherInfo?
    var responseFor: [ResponseFor] = []
    var steeringType: String?
    var staffInfo: StaffInfo?
    var statusCode: String?
    var description: String?
    var timestamp: String?

    /// A header with a `StatusCode` is a status message; any other is a document. In a document, a
    /// `ResponseFor` whose fields are all empty (senders write one to mean "none") is dropped.
    func build() throws(EdXMLError) -> EdXMLMessage.Header {
        guard let from else { throw .missingElement("MessageHeader/From") }
        if let statusCode {
            return .status(
                StatusHeader(
                    from: from, responseFor: responseFor.first ?? ResponseFor(), staffInfo: staffInfo,
                    statusCode: statusCode, description: description, timestamp: timestamp))
        }
        let meaningful = responseFor.filter { item in
            [item.organId, item.code, item.promulgationDate, item.documentId].contains { !($0 ?? "").isEmpty }
        }
        return .document(
            DocumentHeader(
                from: from, to: to, documentId: documentId, code: code, promulgationInfo: promulgationInfo,
                documentType: documentType, subject: subject, content: content, signerInfo: signerInfo,
                dueDate: dueDate, toPlaces: toPlaces, otherInfo: otherInfo, responseFor: meaningful,
                steeringType: steeringType))
    }
}
