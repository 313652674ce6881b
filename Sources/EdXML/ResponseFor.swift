/// `ResponseFor`: the document a message answers (in a document header) or reports on (in a status).
public struct ResponseFor: Sendable, Codable, Equatable, Hashable {
    /// The original sender's agency code.
    public var organId: String?
    /// `number/notation` of the original document.
    public var code: String?
    public var promulgationDate: String?
    public var documentId: String?

    public init(organId: String? = nil, code: String? = nil, promulgationDate: String? = nil, documentId: String? = nil)
    {
        self.organId = organId
        self.code = code
        self.promulgationDate = promulgationDate
        self.documentId = documentId
    }
}
