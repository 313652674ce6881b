import Foundation
import GRDB

/// One line of a document's history: a state move, a failed attempt, or a note.
public struct DocumentEvent: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// The document moved from one state to another.
        case transition
        /// A step failed and will be tried again.
        case retry
        /// Something worth keeping in the history that changed no state (a status message received, say).
        case note
    }

    public var id: Int64?
    public var documentId: Int64
    public var at: Date
    public var kind: Kind
    public var fromState: DocumentState?
    public var toState: DocumentState?
    public var message: String
    /// For a status received about one of our documents: its code (`03`); nil for every other event.
    public var statusCode: String?
    /// For a status received about one of our documents: the agency that sent it; nil for every other event.
    public var statusSender: String?

    public init(
        documentId: Int64, at: Date, kind: Kind, fromState: DocumentState?, toState: DocumentState?, message: String,
        status: StatusNote? = nil
    ) {
        self.documentId = documentId
        self.at = at
        self.kind = kind
        self.fromState = fromState
        self.toState = toState
        self.message = message
        self.statusCode = status?.code
        self.statusSender = status?.sender
    }

    /// The status this event records, from its columns; nil for every other event.
    public var status: StatusNote? {
        guard let statusCode, let statusSender else { return nil }
        return StatusNote(code: statusCode, sender: statusSender)
    }
}

extension DocumentEvent: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "events"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
