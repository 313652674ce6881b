import Foundation
import GRDB

/// The statements every step of every document runs (fetch by id, update, insert), prepared once per connection
/// (an update names only the columns it changes, so it has a few shapes, each prepared once).
///
/// GRDB's record methods build and compile their SQL on each call (query generation, then SQLite's parser and
/// authorizer): a third of the store's CPU per transition. These reuse the connection's cached statements.
extension DocumentRecord {
    private static let columnList = columns.joined(separator: ", ")
    private static let selectByID = "SELECT \(columnList) FROM documents WHERE id = ?"
    private static let insertRow =
        "INSERT INTO documents (\(columns.dropFirst().joined(separator: ", "))) VALUES ("
        + Array(repeating: "?", count: columns.count - 1).joined(separator: ", ") + ")"

    /// The record with this id, or nil.
    static func fetch(_ db: Database, id: Int64) throws -> DocumentRecord? {
        try DocumentRecord.fetchOne(db.cachedStatement(sql: selectByID), arguments: [id])
    }

    /// Writes the columns whose values differ from `stored` (the row as fetched in this transaction). SQLite
    /// rewrites the entries of every index on a column an UPDATE names, whether its value changed or not, so naming
    /// only what changed keeps a step's commit to the pages it really touches.
    func write(_ db: Database, over stored: DocumentRecord) throws {
        guard let id else { preconditionFailure("only a stored record can be updated") }
        let new = try databaseValues.map { $0?.databaseValue ?? .null }
        let old = try stored.databaseValues.map { $0?.databaseValue ?? .null }
        let changed = new.indices.dropFirst().filter { new[$0] != old[$0] }
        guard !changed.isEmpty else { return }
        let sql =
            "UPDATE documents SET " + changed.map { "\(Self.columns[$0]) = ?" }.joined(separator: ", ")
            + " WHERE id = ?"
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(changed.map { new[$0] } + [id]))
    }

    /// The due documents of one direction and agency, most urgent first, then oldest first: at most `limit`, none
    /// of `excluding`. The SQL does not depend on `excluding` (the rows are filtered here, from `limit` plus as many
    /// as are excluded), so one statement serves every call.
    static func due(
        _ db: Database, direction: Direction, agency: String, excluding: Set<Int64>, limit: Int?, now: Date
    ) throws -> [DocumentRecord] {
        if let limit, limit <= 0 { return [] }
        let wanted = limit.map { $0 + excluding.count } ?? -1
        guard direction == .outbound else {
            // The rows are read one at a time, the excluded ones told by their id alone.
            let values = activeStates(direction) + [agency, StoredTime(now), wanted] as [any DatabaseValueConvertible]
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: inboundDueSQL), arguments: StatementArguments(values))
            var due: [DocumentRecord] = []
            while let row = try rows.next() {
                if !excluding.isEmpty, let id: Int64 = row[0], excluding.contains(id) { continue }
                due.append(try DocumentRecord(row: row))
                if let limit, due.count == limit { break }
            }
            return due
        }
        // Outbound, the queue index alone is walked (it holds the id, the order and the retry time): the excluded
        // ids (the documents in flight, a batch being claimed, the sends held by a closed axis gate, thousands in an
        // outage) cost one index entry each, no row. Only the rows chosen are then read, in the same transaction.
        let ids = try Int64.fetchCursor(
            db.cachedStatement(sql: dueIdentifiersSQL),
            arguments: [agency, StoredTime(now), wanted] as StatementArguments)
        var chosen: [Int64] = []
        while let id = try ids.next() {
            if excluding.contains(id) { continue }
            chosen.append(id)
            if let limit, chosen.count == limit { break }
        }
        guard !chosen.isEmpty else { return [] }
        let list = "[" + chosen.map(String.init).joined(separator: ",") + "]"
        let byId = try Dictionary(
            uniqueKeysWithValues: DocumentRecord.fetchAll(
                db.cachedStatement(sql: selectByIDsSQL), arguments: [list]
            ).map { ($0.id!, $0) })
        return chosen.compactMap { byId[$0] }
    }

    /// The rows whose ids are in one JSON array, so that one prepared statement serves every number of ids: a
    /// statement with as many placeholders as ids was compiled on each of the worker's calls, 1 % of the daemon's
    /// CPU in a burst.
    private static let selectByIDsSQL =
        "SELECT \(columnList) FROM documents WHERE id IN (SELECT value FROM json_each(?))"

    /// The inbound query of ``due(_:direction:agency:excluding:limit:now:)``: whole rows, in queue order.
    static let inboundDueSQL = """
        SELECT \(columnList) FROM documents
        WHERE direction = '\(Direction.inbound.rawValue)' AND state IN (\(placeholders(activeStates(.inbound).count)))
          AND agency = ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
        ORDER BY priority DESC, id LIMIT ?
        """

    /// The ids of due outbound documents in queue order, from the queue index alone (a covering index scan). Its
    /// condition is spelt as the index's, so that SQLite walks that index in order and stops at the limit.
    static let dueIdentifiersSQL = """
        SELECT id FROM documents
        WHERE \(outboundQueueCondition) AND agency = ?
          AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
        ORDER BY priority DESC, id LIMIT ?
        """

    /// The earliest retry time among the unfinished documents of one direction and agency. Outbound, one look-up in
    /// the partial index `documents_outbound_retry` (v13), however many documents wait for their retry.
    static func nextRetryTime(_ db: Database, direction: Direction, agency: String) throws -> Date? {
        if direction == .outbound {
            let sql = "SELECT min(next_attempt_at) FROM documents WHERE \(outboundQueueCondition) AND agency = ?"
            return try Date.fetchOne(db.cachedStatement(sql: sql), arguments: [agency])
        }
        let active = activeStates(direction)
        let sql = """
            SELECT min(next_attempt_at) FROM documents
            WHERE direction = ? AND agency = ? AND state IN (\(placeholders(active.count)))
            """
        var values: [any DatabaseValueConvertible] = [direction.rawValue, agency]
        values += active as [any DatabaseValueConvertible]
        return try Date.fetchOne(db.cachedStatement(sql: sql), arguments: StatementArguments(values))
    }

    /// Every inbound record of the docId `axisDocId` (of one message type) held for one of `agencies`, oldest first.
    /// One statement per number of agencies, which the configuration bounds.
    static func inboundCopies(
        _ db: Database, axisDocId: String, messageType: String, agencies: [String]
    ) throws -> [DocumentRecord] {
        guard !agencies.isEmpty else { return [] }
        let sql = """
            SELECT \(columnList) FROM documents
            WHERE direction = '\(Direction.inbound.rawValue)' AND agency IN (\(placeholders(agencies.count)))
              AND message_type = ? AND axis_doc_id = ?
            ORDER BY id
            """
        let values = agencies + [messageType, axisDocId]
        return try DocumentRecord.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(values))
    }

    /// The inbound record of one agency for the docId `axisDocId` (of one message type), or nil; a nil docId finds
    /// a record without one.
    static func inbound(
        _ db: Database, agency: String, messageType: String, axisDocId: String?
    ) throws -> DocumentRecord? {
        let sql = """
            SELECT \(columnList) FROM documents
            WHERE direction = '\(Direction.inbound.rawValue)' AND agency = ? AND message_type = ? AND axis_doc_id IS ?
            LIMIT 1
            """
        return try DocumentRecord.fetchOne(
            db.cachedStatement(sql: sql), arguments: [agency, messageType, axisDocId])
    }

    /// The `detected` outbound record of a file still at `sourcePath` in an agency's outbox.
    static func unfinishedOutbound(_ db: Database, agency: String, sourcePath: String) throws -> DocumentRecord? {
        let sql = """
            SELECT \(columnList) FROM documents
            WHERE direction = ? AND agency = ? AND source_path = ? AND state = ? LIMIT 1
            """
        let arguments: StatementArguments = [
            Direction.outbound.rawValue, agency, sourcePath, DocumentState.detected.rawValue,
        ]
        return try DocumentRecord.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// The unfinished outbound documents, as SQL with the states written out: the condition of the partial indexes
    /// `documents_outbound_queue` and `documents_outbound_retry` (migrations v11, v13), which a query must repeat
    /// word for word to use them. The states are the enum's own names, never input.
    static let outboundQueueCondition =
        "direction = '\(Direction.outbound.rawValue)' AND state IN ("
        + activeStates(.outbound).map { "'\($0)'" }.joined(separator: ", ") + ")"

    private static func activeStates(_ direction: Direction) -> [String] {
        DocumentState.allCases.filter { $0.direction == direction && !$0.isTerminal }.map(\.rawValue)
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// Inserts the record as a new row and sets its id.
    mutating func add(_ db: Database) throws {
        precondition(id == nil, "a stored record is updated, not inserted")
        let values = try databaseValues.dropFirst()
        try db.cachedStatement(sql: Self.insertRow).execute(arguments: StatementArguments(Array(values)))
        id = db.lastInsertedRowID
    }
}
