/// edXML header values used when a document's metadata sidecar and file name do not give them.
public struct DocumentDefaults: Sendable, Equatable {
    /// Recipient codes for files dropped directly in `outbox/` (not in a recipient sub-folder).
    public var recipients: [String]
    /// `Code/CodeNotation`, e.g. `UBND-VX` (at most 30 characters).
    public var codeNotation: String?
    /// `DocumentType/Type`: 1 or 2.
    public var documentType: Int
    /// `DocumentType/TypeDetail`.
    public var typeDetail: Int
    /// `DocumentType/TypeName`, always filled.
    public var typeName: String
    /// `PromulgationInfo/Place`, e.g. `Nghệ An`.
    public var place: String?
    /// `SignerInfo/Competence`, e.g. `TM. Ủy ban nhân dân`.
    public var signerCompetence: String?
    /// `SignerInfo/Position`, e.g. `Chủ tịch`.
    public var signerPosition: String?
    /// `SignerInfo/FullName`.
    public var signerFullName: String?
    /// `OtherInfo/Priority`: 0 normal, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ.
    public var priority: Int
    /// `SteeringType`: 0 none, 1 steering, 2 steering and report.
    public var steeringType: Int
    /// `OtherInfo/SphereOfPromulgation`.
    public var sphereOfPromulgation: String?

    public init(
        recipients: [String] = [],
        codeNotation: String? = nil,
        documentType: Int = 1,
        typeDetail: Int = 0,
        typeName: String = "Công văn",
        place: String? = nil,
        signerCompetence: String? = nil,
        signerPosition: String? = nil,
        signerFullName: String? = nil,
        priority: Int = 0,
        steeringType: Int = 0,
        sphereOfPromulgation: String? = nil
    ) {
        self.recipients = recipients
        self.codeNotation = codeNotation
        self.documentType = documentType
        self.typeDetail = typeDetail
        self.typeName = typeName
        self.place = place
        self.signerCompetence = signerCompetence
        self.signerPosition = signerPosition
        self.signerFullName = signerFullName
        self.priority = priority
        self.steeringType = steeringType
        self.sphereOfPromulgation = sphereOfPromulgation
    }
}
