/// The MessageHeader of a document message (QCVN 102:2016), children in wire order.
///
/// Dates are kept as found on the wire (`yyyy/MM/dd`, sometimes `yyyy-MM-dd`). Absent elements are nil.
public struct DocumentHeader: Sendable, Codable, Equatable, Hashable {
    public var from: Organization
    public var to: [Organization]
    /// `OrganId,yyyy/MM/dd,Number/Notation` or a UUID; see ``DocumentIdentifier``.
    public var documentId: String?
    public var code: Code?
    public var promulgationInfo: PromulgationInfo?
    public var documentType: DocumentType?
    public var subject: String?
    public var content: String?
    public var signerInfo: SignerInfo?
    public var dueDate: String?
    /// `ToPlaces/Place*`.
    public var toPlaces: [String]
    public var otherInfo: OtherInfo?
    public var responseFor: [ResponseFor]
    /// 0 none, 1 steering, 2 steering and report.
    public var steeringType: String?

    public init(
        from: Organization,
        to: [Organization] = [],
        documentId: String? = nil,
        code: Code? = nil,
        promulgationInfo: PromulgationInfo? = nil,
        documentType: DocumentType? = nil,
        subject: String? = nil,
        content: String? = nil,
        signerInfo: SignerInfo? = nil,
        dueDate: String? = nil,
        toPlaces: [String] = [],
        otherInfo: OtherInfo? = nil,
        responseFor: [ResponseFor] = [],
        steeringType: String? = nil
    ) {
        self.from = from
        self.to = to
        self.documentId = documentId
        self.code = code
        self.promulgationInfo = promulgationInfo
        self.documentType = documentType
        self.subject = subject
        self.content = content
        self.signerInfo = signerInfo
        self.dueDate = dueDate
        self.toPlaces = toPlaces
        self.otherInfo = otherInfo
        self.responseFor = responseFor
        self.steeringType = steeringType
    }
}
