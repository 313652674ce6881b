import Foundation
import GRDB

/// One recipient's copy of a stored document: its place in that recipient's queue.
struct Delivery: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "delivery"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var docId: String
    var recipient: String
    var status: DeliveryStatus
    var statusDescription: String
    var createdAt: Int64
    var updatedAt: Int64
}

/// Where a delivery stands. `pending` and `processing` are listed by `getReceivedEdocList`; `done` and `fail` are
/// the transport acknowledgements that take it off the list.
enum DeliveryStatus: String, Codable, Sendable, DatabaseValueConvertible, CaseIterable {
    case pending
    case processing
    case done
    case fail

    static let listed: [DeliveryStatus] = [.pending, .processing]

    /// Reads an `updateStatus` value liberally (case and surrounding spaces ignored).
    init?(updateValue: String) {
        let value = updateValue.trimmingCharacters(in: .whitespaces).lowercased()
        guard let status = DeliveryStatus(rawValue: value), status != .pending else { return nil }
        self = status
    }
}
