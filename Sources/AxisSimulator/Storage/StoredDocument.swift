import GRDB

/// One document or status message accepted by `sendEdoc`, stored once whatever the number of recipients.
struct StoredDocument: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "document"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// Insertion order; the admin counters count documents after a mark in this sequence.
    var sequence: Int64?
    var docId: String
    var systemId: String
    var sender: String
    /// `edoc` or `status`.
    var messageType: String
    /// Relative to the data directory.
    var filePath: String
    var size: Int64
    /// Plain lowercase hex SHA-256 of the stored bytes.
    var sha256: String
    var title: String
    var notation: String
    /// Milliseconds since 1970.
    var createdAt: Int64
}
