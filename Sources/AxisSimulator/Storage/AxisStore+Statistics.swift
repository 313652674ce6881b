import GRDB

/// What the store contributes to `/admin/stats`.
struct StoreStatistics: Sendable {
    struct Duplicate: Sendable, Encodable {
        let sha256: String
        let count: Int
        let senders: [String]
    }

    var documentsStored = 0
    var documentsBySender: [String: Int] = [:]
    var documentsByRecipient: [String: Int] = [:]
    var duplicates: [Duplicate] = []
    var pendingByRecipient: [String: Int] = [:]
}

extension AxisStore {
    private static let counterMark = "counters_since_sequence"

    /// Counts documents stored since the last ``resetCounters()`` (kept across restarts), and the current queues.
    func statistics() throws -> StoreStatistics {
        try read { db in
            let mark =
                try Int64.fetchOne(db, sql: "SELECT value FROM mark WHERE name = ?", arguments: [Self.counterMark])
                ?? 0
            var stats = StoreStatistics()
            stats.documentsStored =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM document WHERE sequence > ?", arguments: [mark]) ?? 0
            for row in try Row.fetchAll(
                db, sql: "SELECT sender, COUNT(*) AS n FROM document WHERE sequence > ? GROUP BY sender",
                arguments: [mark])
            {
                stats.documentsBySender[row["sender"]] = row["n"]
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT delivery.recipient AS recipient, COUNT(*) AS n FROM delivery
                    JOIN document ON document.doc_id = delivery.doc_id
                    WHERE document.sequence > ? GROUP BY delivery.recipient
                    """,
                arguments: [mark])
            {
                stats.documentsByRecipient[row["recipient"]] = row["n"]
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT sha256, COUNT(*) AS n, GROUP_CONCAT(DISTINCT sender) AS senders FROM document
                    WHERE sequence > ? GROUP BY sha256 HAVING COUNT(*) > 1 ORDER BY sha256
                    """,
                arguments: [mark])
            {
                let senders: String = row["senders"] ?? ""
                stats.duplicates.append(
                    .init(
                        sha256: row["sha256"], count: row["n"],
                        senders: senders.split(separator: ",").map(String.init).sorted()))
            }
            for row in try Row.fetchAll(
                db,
                sql:
                    "SELECT recipient, COUNT(*) AS n FROM delivery WHERE status IN ('pending', 'processing') GROUP BY recipient"
            ) {
                stats.pendingByRecipient[row["recipient"]] = row["n"]
            }
            return stats
        }
    }

    /// Starts the document counters afresh: later statistics count only documents stored after this call.
    func resetCounters() throws {
        try write { db in
            let last = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(sequence), 0) FROM document") ?? 0
            try db.execute(
                sql:
                    "INSERT INTO mark (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                arguments: [Self.counterMark, last])
        }
    }
}
