/// The body of `GET /admin/stats`.
///
/// `calls` and `failed_calls` count requests per axis method since start or the last reset (in memory).
/// `documents_*` and `duplicates` count documents stored since the last reset (persisted, so they survive a
/// restart). `pending_by_recipient` is the current queue, whatever the resets. `faults_injected` counts, per axis
/// method, the calls a fault rule fired on (in memory, zeroed by a reset). `acknowledgements` counts, per docId, the
/// `updateStatus` calls the axis accepted (in memory, zeroed by a reset): a recipient that acknowledges an item
/// twice, or never, shows here.
public struct AdminStatistics: Codable, Sendable, Equatable {
    public struct Acknowledgements: Codable, Sendable, Equatable {
        public var done = 0
        public var fail = 0
        public var processing = 0
        /// The `description` of the latest one, as received.
        public var lastDescription = ""

        enum CodingKeys: String, CodingKey {
            case done, fail, processing
            case lastDescription = "last_description"
        }
    }

    public struct Duplicate: Codable, Sendable, Equatable {
        /// Plain hex SHA-256 of the stored envelope.
        public let sha256: String
        /// How many times these exact bytes were stored.
        public let count: Int
        public let senders: [String]
    }

    public let calls: [String: Int]
    public let failedCalls: [String: Int]
    public let documentsStored: Int
    public let documentsBySender: [String: Int]
    public let documentsByRecipient: [String: Int]
    /// Contents stored more than once: the axis does not deduplicate, so a client that resends shows up here.
    public let duplicates: [Duplicate]
    /// Sum over `duplicates` of `count - 1`: the extra copies.
    public let duplicateDocuments: Int
    public let pendingByRecipient: [String: Int]
    public let faultsInjected: [String: Int]
    public let acknowledgements: [String: Acknowledgements]

    enum CodingKeys: String, CodingKey {
        case calls
        case failedCalls = "failed_calls"
        case documentsStored = "documents_stored"
        case documentsBySender = "documents_by_sender"
        case documentsByRecipient = "documents_by_recipient"
        case duplicates
        case duplicateDocuments = "duplicate_documents"
        case pendingByRecipient = "pending_by_recipient"
        case faultsInjected = "faults_injected"
        case acknowledgements
    }
}
