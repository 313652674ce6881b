import Foundation

/// One line of a document's history as committed: a state move or a failed attempt, with what a metric needs of
/// its document. Handed to a ``DocumentStoreObserver`` after the transaction that wrote it has committed.
public struct CommittedStep: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The document moved from `from` (nil for a new document) to `to`.
        case transition(from: DocumentState?, to: DocumentState)
        /// A step failed in `state` and will be tried again.
        case retry(state: DocumentState)
    }

    public var kind: Kind
    public var direction: Direction
    public var agency: String
    /// When the document was first recorded: dropped in an outbox (outbound) or listed by the axis (inbound).
    public var documentCreatedAt: Date
    /// When the step was committed.
    public var at: Date

    public init(kind: Kind, direction: Direction, agency: String, documentCreatedAt: Date, at: Date) {
        self.kind = kind
        self.direction = direction
        self.agency = agency
        self.documentCreatedAt = documentCreatedAt
        self.at = at
    }
}
