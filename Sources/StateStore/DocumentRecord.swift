import Foundation
import GRDB

/// One document, outbound or inbound, as stored in `documents`.
///
/// The record is a plain value; change it only through ``DocumentStore``, which checks every state move.
public struct DocumentRecord: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64?
    public var direction: Direction
    /// The agency code (mã định danh) this document belongs to: the sender for outbound, the recipient for inbound.
    public var agency: String
    public var state: DocumentState
    /// `edoc` or `status`.
    public var messageType: String
    /// The file name as the clerk (outbound) or the sender (inbound, untrusted) named it.
    public var fileName: String
    /// Outbound: where the file was found in the outbox.
    public var sourcePath: String?
    public var fileSize: Int64?
    /// Outbound: modification time of the file when detected, in nanoseconds since 1970.
    public var fileModifiedNanos: Int64?
    public var fileInode: Int64?
    /// Lowercase hex SHA-256 of the original file (outbound) or of the envelope (inbound).
    public var sha256: String?
    /// Recipient agency codes (outbound) or the recipients named in the envelope (inbound).
    public var recipients: [String]
    /// The other side: the sender's code for inbound documents.
    public var counterpart: String?
    public var subject: String?
    /// `number/notation` (số/ký hiệu).
    public var codeNotation: String?
    /// The edXML `DocumentId`.
    public var edxmlDocumentId: String?
    /// The axis's DocId: returned by `sendEdoc` (outbound) or listed by `getReceivedEdocList` (inbound).
    public var axisDocId: String?
    /// Where the document ended up for people: the file in `sent/` or `failed/`, or the folder in `inbox/`.
    public var destinationPath: String?
    /// Failed attempts of the current step; reset by every successful transition.
    public var attempts: Int
    /// When the current step may be tried again; nil means now.
    public var nextAttemptAt: Date?
    /// The last failure, in words for `status` and `show`.
    public var lastError: String?
    /// What the clerk reads in `failed/x.pdf.error.txt`, Vietnamese then English; kept so a restart writes the same.
    public var clerkNotice: String?
    /// The document's files still have to be moved to `failed/` (set with the move to `failed`, cleared after it).
    public var filingPending: Bool
    /// A send may have reached the axis without our knowing its DocId: set (committed) before every `sendEdoc`
    /// request leaves, cleared when the reply says what happened. Found set after a restart or a lost reply, the
    /// document is looked up with `getSentEdocList` before it is sent again.
    public var sendUncertain: Bool
    /// When the last `sendEdoc` request of this document left (our clock). Kept after success: with the axis's own
    /// `sentTime` for the DocId it tells the offset between the two clocks.
    public var sendStartedAt: Date?
    /// Inbound: status 01 (arrived) was sent to the sender.
    public var arrivalStatusSent: Bool
    /// Inbound: when the last `sendEdoc` of status 01 left (committed before it); set while its fate is unknown.
    public var arrivalStatusStartedAt: Date?
    /// Inbound: the axis's DocId of the status 01 we sent.
    public var arrivalStatusDocId: String?
    /// `BussinessDocType` of a revoke (1), update (2) or replace (3) request, received (inbound) or queued by
    /// `lienthong revoke|update|replace` (outbound); nil for new documents.
    public var businessDocType: String?
    /// Requests in either direction: the edXML DocumentId of the earlier document the request concerns.
    public var businessDocumentId: String?
    /// Inbound requests: the notice written for the clerk (Vietnamese, then English), shown by `lienthong show`.
    public var businessNotice: String?
    /// Outbound requests: the id of our sent document that this revoke, update or replace concerns.
    public var relatedDocumentId: Int64?
    /// Outbound requests: the reason sent as `BussinessDocReason` (required for revoke and update).
    public var businessReason: String?
    /// Inbound: how many fetches of this document gave content that cannot be read (empty, or not edXML).
    public var unreadableFetches: Int
    /// Inbound, quarantined: the axis has not yet accepted our `updateStatus fail`; the pipeline keeps sending it.
    public var failAcknowledgementPending: Bool
    /// Inbound, quarantined: why, as in `reason.txt` (`last_error` may since hold a failed acknowledgement's error).
    public var quarantineReason: String?
    /// Inbound: how well the document was signed, as judged when it was delivered (or quarantined for its
    /// signatures); nil before v8 and for documents quarantined before their signatures were checked.
    public var signatureVerdict: SignatureVerdict?
    /// Outbound: how urgent the document is (`do_khan`, độ khẩn: 0 normal … 4); due documents are taken most urgent
    /// first, then oldest first.
    public var priority: Int
    /// Outbound: the `hash-file` of the envelope, computed while it was written (``DocumentState/packaged``) and
    /// sent with every `sendEdoc` of it. The envelope is not read a second time to hash it, and bytes that changed
    /// on disk since packaging are refused by the axis instead of sent. Nil until packaged, and for documents
    /// packaged before v12 (their sends hash the file).
    public var envelopeHashFile: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        direction: Direction, agency: String, messageType: String = "edoc", fileName: String,
        sourcePath: String? = nil, fileSize: Int64? = nil, fileModifiedNanos: Int64? = nil, fileInode: Int64? = nil,
        sha256: String? = nil, recipients: [String] = [], counterpart: String? = nil, subject: String? = nil,
        codeNotation: String? = nil, edxmlDocumentId: String? = nil, axisDocId: String? = nil, now: Date = Date()
    ) {
        self.direction = direction
        self.agency = agency
        self.state = DocumentState.initial(for: direction)
        self.messageType = messageType
        self.fileName = fileName
        self.sourcePath = sourcePath
        self.fileSize = fileSize
        self.fileModifiedNanos = fileModifiedNanos
        self.fileInode = fileInode
        self.sha256 = sha256
        self.recipients = recipients
        self.counterpart = counterpart
        self.subject = subject
        self.codeNotation = codeNotation
        self.edxmlDocumentId = edxmlDocumentId
        self.axisDocId = axisDocId
        self.attempts = 0
        self.filingPending = false
        self.sendUncertain = false
        self.arrivalStatusSent = false
        self.unreadableFetches = 0
        self.failAcknowledgementPending = false
        self.priority = 0
        self.createdAt = now
        self.updatedAt = now
    }
}

/// Rows are mapped by hand (`DocumentRecord+Row.swift`), not through `Codable`.
extension DocumentRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "documents"

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
