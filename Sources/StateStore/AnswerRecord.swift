import Foundation
import GRDB

/// One status a clerk asked to send about a received document, as stored in `answers`.
///
/// Change it only through ``DocumentStore`` (``DocumentStore/queueAnswer(documentId:code:reason:origin:now:)`` and
/// the `markAnswer…` methods), which checks the order of statuses and keeps the document's history.
public struct AnswerRecord: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64?
    /// The inbound document answered.
    public var documentId: Int64
    public var code: AnswerCode
    /// Why (required for 02 and 16), as the clerk wrote it; nil for none.
    public var reason: String?
    /// Who asked: `command` or `file:<path of the status request file>`.
    public var origin: String
    public var state: AnswerState
    /// Failed attempts to send it.
    public var attempts: Int
    /// When to try again; nil means now.
    public var nextAttemptAt: Date?
    /// The last failure, in words for `status` and `show`.
    public var lastError: String?
    /// The axis's DocId of the status message, once sent.
    public var statusDocId: String?
    /// When the last `sendEdoc` of the status left (committed before it); set while its fate is unknown.
    public var sendStartedAt: Date?
    public var createdAt: Date
    public var sentAt: Date?
    public var updatedAt: Date

    public init(documentId: Int64, code: AnswerCode, reason: String?, origin: String, now: Date = Date()) {
        self.documentId = documentId
        self.code = code
        self.reason = reason
        self.origin = origin
        self.state = .queued
        self.attempts = 0
        self.createdAt = now
        self.updatedAt = now
    }

    /// The origin of an answer asked for by a status request file at `path`.
    public static func fileOrigin(_ path: String) -> String { "file:" + path }
}

extension AnswerRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "answers"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
