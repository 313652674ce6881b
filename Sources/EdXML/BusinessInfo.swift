/// `TraceHeaderList/Bussiness` (spelled with a double s on the wire): what the message does to a document.
public struct BusinessInfo: Sendable, Codable, Equatable, Hashable {
    /// `BussinessDocType` values.
    public enum DocType: String, Sendable, Codable {
        case new = "0"
        case revoke = "1"
        case update = "2"
        case replace = "3"
    }

    public var documentId: String?
    /// `BussinessDocType` as on the wire; see ``docTypeKind``.
    public var docType: String?
    public var docReason: String?
    /// `Paper`: 0 means no paper copy follows.
    public var paper: String?
    public var staffInfo: StaffInfo?
    /// `BussinessDocumentInfo`, present for updates (type 2).
    public var documentInfo: DocumentInfo?
    /// `ReplacementInfoList/ReplacementInfo*`, present for replacements (type 3).
    public var replacements: [ReplacementInfo]

    public init(
        documentId: String? = nil,
        docType: String? = nil,
        docReason: String? = nil,
        paper: String? = nil,
        staffInfo: StaffInfo? = nil,
        documentInfo: DocumentInfo? = nil,
        replacements: [ReplacementInfo] = []
    ) {
        self.documentId = documentId
        self.docType = docType
        self.docReason = docReason
        self.paper = paper
        self.staffInfo = staffInfo
        self.documentInfo = documentInfo
        self.replacements = replacements
    }

    /// `docType` as a known value, or nil when absent or unknown.
    public var docTypeKind: DocType? { docType.flatMap { DocType(rawValue: $0.trimmingWhitespace()) } }

    /// The `Bussiness` block a new document carries: type 0, reason "Văn bản điện tử mới", no paper copy.
    public static func newDocument(documentId: String?, staffInfo: StaffInfo? = nil) -> BusinessInfo {
        BusinessInfo(
            documentId: documentId, docType: DocType.new.rawValue, docReason: "Văn bản điện tử mới",
            paper: "0", staffInfo: staffInfo)
    }

    /// `BussinessDocumentInfo`: which parts of the document an update changes, and for whom.
    public struct DocumentInfo: Sendable, Codable, Equatable, Hashable {
        public var documentInfo: String?
        public var documentReceiver: String?
        /// `ReceiverList/Receiver*`.
        public var receivers: [Receiver]

        public init(documentInfo: String? = nil, documentReceiver: String? = nil, receivers: [Receiver] = []) {
            self.documentInfo = documentInfo
            self.documentReceiver = documentReceiver
            self.receivers = receivers
        }
    }

    /// `Receiver`: an agency concerned by an update.
    public struct Receiver: Sendable, Codable, Equatable, Hashable {
        public var organId: String?
        public var receiverType: String?

        public init(organId: String? = nil, receiverType: String? = nil) {
            self.organId = organId
            self.receiverType = receiverType
        }
    }

    /// `ReplacementInfo`: a document being replaced and the agencies that had it.
    public struct ReplacementInfo: Sendable, Codable, Equatable, Hashable {
        public var documentId: String?
        /// `OrganIdList/OrganId*`.
        public var organIds: [String]

        public init(documentId: String? = nil, organIds: [String] = []) {
            self.documentId = documentId
            self.organIds = organIds
        }
    }
}
