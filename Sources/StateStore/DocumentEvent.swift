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

    public init(
        documentId: Int64, at: Date, kind: Kind, fromState: DocumentState?, toState: DocumentState?, message: String
    ) {
        self.documentId = documentId
        self.at = at
        self.kind = kind
        self.fromState = fromState
        self.toState = toState
        self.message = message
    }
}

extension DocumentEvent: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "events"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
