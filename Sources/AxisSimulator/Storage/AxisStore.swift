import Foundation
import GRDB

/// The simulator's queues in SQLite: stored documents and one delivery per recipient.
///
/// WAL with `synchronous=FULL` so an acknowledged send survives a crash; the schema evolves through a
/// `DatabaseMigrator`. Every method is one transaction.
final class AxisStore: Sendable {
    private let database: DatabaseQueue

    /// Opens (creating if needed) the database at `path` and migrates it.
    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        try Self.migrator.migrate(database)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: documents, deliveries, marks") { db in
            try db.create(table: "document") { table in
                table.autoIncrementedPrimaryKey("sequence")
                table.column("doc_id", .text).notNull().unique()
                table.column("system_id", .text).notNull()
                table.column("sender", .text).notNull()
                table.column("message_type", .text).notNull()
                table.column("file_path", .text).notNull()
                table.column("size", .integer).notNull()
                table.column("sha256", .text).notNull()
                table.column("title", .text).notNull().defaults(to: "")
                table.column("notation", .text).notNull().defaults(to: "")
                table.column("created_at", .integer).notNull()
            }
            try db.create(index: "document_by_sender", on: "document", columns: ["sender"])
            try db.create(table: "delivery") { table in
                table.column("doc_id", .text).notNull().references("document", column: "doc_id")
                table.column("recipient", .text).notNull()
                table.column("status", .text).notNull()
                table.column("status_description", .text).notNull().defaults(to: "")
                table.column("created_at", .integer).notNull()
                table.column("updated_at", .integer).notNull()
                table.primaryKey(["doc_id", "recipient"])
            }
            try db.create(index: "delivery_by_recipient", on: "delivery", columns: ["recipient", "status"])
            try db.create(table: "mark") { table in
                table.primaryKey("name", .text)
                table.column("value", .integer).notNull()
            }
        }
        return migrator
    }

    /// Stores a document and one pending delivery per recipient, atomically.
    func insert(_ document: StoredDocument, recipients: [String]) throws {
        try database.write { db in
            try document.insert(db)
            for recipient in recipients {
                try Delivery(
                    docId: document.docId, recipient: recipient, status: .pending, statusDescription: "",
                    createdAt: document.createdAt, updatedAt: document.createdAt
                ).insert(db)
            }
        }
    }

    func document(docId: String) throws -> StoredDocument? {
        try database.read { db in try StoredDocument.fetchOne(db, key: ["doc_id": docId]) }
    }

    /// Deliveries still listed for `recipients`, oldest first, optionally of one message type.
    func listed(for recipients: [String], messageType: String?) throws -> [(StoredDocument, Delivery)] {
        try database.read { db in
            let deliveries =
                try Delivery
                .filter(recipients.contains(Column("recipient")))
                .filter(DeliveryStatus.listed.map(\.rawValue).contains(Column("status")))
                .order(Column("created_at"), Column("doc_id"))
                .fetchAll(db)
            return try Self.join(deliveries, db: db, messageType: messageType)
        }
    }

    func countListed(for recipients: [String], messageType: String) throws -> Int {
        try listed(for: recipients, messageType: messageType).count
    }

    /// Deliveries of documents sent by `senders`, optionally filtered by type and by document.
    func sent(by senders: [String], messageType: String?, docId: String?) throws -> [(StoredDocument, Delivery)] {
        try database.read { db in
            var documents = StoredDocument.filter(senders.contains(Column("sender")))
            if let docId { documents = documents.filter(Column("doc_id") == docId) }
            if let messageType { documents = documents.filter(Column("message_type") == messageType) }
            let found = try documents.order(Column("sequence")).fetchAll(db)
            var result: [(StoredDocument, Delivery)] = []
            for document in found {
                let deliveries = try Delivery.filter(Column("doc_id") == document.docId)
                    .order(Column("recipient")).fetchAll(db)
                result += deliveries.map { (document, $0) }
            }
            return result
        }
    }

    /// The deliveries of `docId` addressed to any of `recipients`.
    func deliveries(docId: String, recipients: [String]) throws -> [Delivery] {
        try database.read { db in
            try Delivery.filter(Column("doc_id") == docId).filter(recipients.contains(Column("recipient")))
                .fetchAll(db)
        }
    }

    /// Sets the status of `docId`'s deliveries to `recipients`; returns how many exist (0 means unknown docId).
    /// Idempotent: repeating an acknowledgement changes nothing but the update time.
    func updateStatus(
        docId: String, recipients: [String], status: DeliveryStatus, description: String, now: Int64
    ) throws -> Int {
        try database.write { db in
            let deliveries = try Delivery.filter(Column("doc_id") == docId)
                .filter(recipients.contains(Column("recipient"))).fetchAll(db)
            for var delivery in deliveries {
                delivery.status = status
                delivery.statusDescription = description
                delivery.updatedAt = now
                try delivery.update(db)
            }
            return deliveries.count
        }
    }

    private static func join(_ deliveries: [Delivery], db: Database, messageType: String?)
        throws -> [(StoredDocument, Delivery)]
    {
        var cache: [String: StoredDocument] = [:]
        var result: [(StoredDocument, Delivery)] = []
        for delivery in deliveries {
            let document: StoredDocument
            if let cached = cache[delivery.docId] {
                document = cached
            } else {
                guard let fetched = try StoredDocument.fetchOne(db, key: ["doc_id": delivery.docId]) else { continue }
                cache[delivery.docId] = fetched
                document = fetched
            }
            if let messageType, document.messageType != messageType { continue }
            result.append((document, delivery))
        }
        return result
    }

    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try database.read(body)
    }

    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try database.write(body)
    }
}
