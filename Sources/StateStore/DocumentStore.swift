import Foundation
import GRDB

/// The durable record of every document and the only place that changes a document's state.
///
/// SQLite in WAL mode with `synchronous=FULL` (reliability.md, "Durable state"): a committed transition survives
/// power loss. Every public method runs in one transaction (or one savepoint of a transaction shared with writes that
/// came at the same time: ``GroupCommit``), so a document and its history never disagree.
/// The store is safe to share between tasks and processes (the CLI reads while the daemon writes).
public final class DocumentStore: Sendable {
    let pool: DatabasePool
    /// Where every write goes: writes that arrive together share one commit (``GroupCommit``).
    let commits: GroupCommit
    public let path: String

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// - Parameter observer: told of every state move and failed attempt once committed (the daemon's metrics);
    ///   nil for none.
    public init(path: String, observer: (any DocumentStoreObserver)? = nil) throws(StateStoreError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // Not in `prepareDatabase`: opening the pool switches its writer to WAL and then sets
            // `synchronous = NORMAL` (GRDB's default for WAL), after every `prepareDatabase`. NORMAL can lose the
            // last commits on power loss (reliability.md); only the writer commits, so only its setting matters.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Schema.migrator.migrate(pool)
            if let observer {
                pool.add(transactionObserver: CommittedStepsTracker(observer: observer), extent: .databaseLifetime)
            }
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
        commits = GroupCommit(pool: pool)
        self.path = path
    }

    /// Opens an existing database for reading only (the command line's `status`, `list`, `show`).
    public init(readingFrom path: String) throws(StateStoreError) {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
        commits = GroupCommit(pool: pool)
        self.path = path
    }

    // MARK: - Creating documents

    /// Records a new document in its direction's initial state, with a first history line.
    public func insert(_ document: DocumentRecord, note: String) throws -> DocumentRecord {
        try insert([(document, note)])[0]
    }

    /// ``insert(_:note:)`` for several documents in one transaction (a batch of files claimed together: one commit
    /// for all), in the order given.
    public func insert(_ documents: [(DocumentRecord, note: String)]) throws -> [DocumentRecord] {
        try commits.write { db in
            try documents.map { document, note in
                var document = document
                document.state = DocumentState.initial(for: document.direction)
                try document.add(db)
                try Self.log(
                    db, document.id!, kind: .transition, from: nil, to: document.state, note, at: document.createdAt)
                return document
            }
        }
    }

    /// Records an inbound docId unless this agency already has it; returns the stored record and whether it is new.
    public func insertInboundIfNew(_ document: DocumentRecord, note: String) throws -> (DocumentRecord, isNew: Bool) {
        try insertInboundIfNew([(document, note)])[0]
    }

    /// ``insertInboundIfNew(_:note:)`` for a whole list in one transaction (one commit for everything a poll lists),
    /// in the order given.
    public func insertInboundIfNew(_ documents: [(DocumentRecord, note: String)]) throws
        -> [(DocumentRecord, isNew: Bool)]
    {
        try commits.write { db in
            try documents.map { document, note in
                precondition(
                    document.direction == .inbound && document.axisDocId != nil, "inbound records need an axis docId")
                if let existing = try Self.inboundRecord(
                    db, agency: document.agency, messageType: document.messageType, axisDocId: document.axisDocId)
                {
                    return (existing, false)
                }
                var document = document
                document.state = .listed
                try document.add(db)
                try Self.log(db, document.id!, kind: .transition, from: nil, to: .listed, note, at: document.createdAt)
                return (document, true)
            }
        }
    }

    // MARK: - Changing documents

    /// Moves a document to `next`, applying `change` to its other fields in the same transaction.
    ///
    /// Refuses moves the state machine does not allow. A successful move clears the retry bookkeeping
    /// (attempts, next attempt, last error) unless `change` sets it again.
    @discardableResult
    public func transition(
        _ id: Int64, to next: DocumentState, note: String, now: Date = Date(),
        change: @Sendable (inout DocumentRecord) -> Void = { _ in }
    ) throws -> DocumentRecord {
        try commits.write { db in
            try Self.transition(db, id, to: next, note: note, now: now, change: change)
        }
    }

    /// Moves a document through several states in one transaction, each with its history line, applying `change`
    /// with the last: for steps whose effects a restart may repeat, so that only their end needs a commit.
    @discardableResult
    public func transition(
        _ id: Int64, through steps: [(DocumentState, String)], now: Date = Date(),
        change: @Sendable (inout DocumentRecord) -> Void = { _ in }
    ) throws -> DocumentRecord {
        precondition(!steps.isEmpty, "at least one state")
        return try commits.write { db in
            for (state, note) in steps.dropLast() {
                _ = try Self.transition(db, id, to: state, note: note, now: now) { _ in }
            }
            return try Self.transition(db, id, to: steps.last!.0, note: steps.last!.1, now: now, change: change)
        }
    }

    /// Several documents' moves in one transaction (a batch of claims: one commit for all), each applied as
    /// ``transition(_:to:note:now:change:)`` applies one. A move the state machine refuses, or of a document that is
    /// gone, is that move's failure and the others are still committed; any other error commits none of them.
    public func transition(_ moves: [DocumentMove], now: Date = Date()) throws
        -> [Result<DocumentRecord, StateStoreError>]
    {
        try commits.write { db in
            try moves.map { move in
                do {
                    return .success(
                        try Self.transition(db, move.id, to: move.state, note: move.note, now: now, change: move.change)
                    )
                } catch let error as StateStoreError {
                    return .failure(error)
                }
            }
        }
    }

    /// ``transition(_:to:note:now:change:)`` inside a transaction that also checks or changes something else.
    static func transition(
        _ db: Database, _ id: Int64, to next: DocumentState, note: String, now: Date,
        change: (inout DocumentRecord) -> Void
    ) throws -> DocumentRecord {
        guard let stored = try DocumentRecord.fetch(db, id: id) else {
            throw StateStoreError.unknownDocument(id)
        }
        var document = stored
        let previous = document.state
        guard previous.canMove(to: next) else {
            throw StateStoreError.illegalTransition(document: id, from: previous, to: next)
        }
        document.state = next
        document.attempts = 0
        document.nextAttemptAt = nil
        document.lastError = nil
        change(&document)
        document.updatedAt = now
        try document.write(db, over: stored)
        try Self.log(db, id, kind: .transition, from: previous, to: next, note, at: now)
        return document
    }

    /// Records a failed attempt of the document's current step and when to try again.
    @discardableResult
    public func recordFailedAttempt(
        _ id: Int64, error message: String, retryAt: Date, now: Date = Date()
    ) throws -> DocumentRecord {
        try commits.write { db in
            guard let stored = try DocumentRecord.fetch(db, id: id) else {
                throw StateStoreError.unknownDocument(id)
            }
            var document = stored
            document.attempts += 1
            document.lastError = message
            document.nextAttemptAt = retryAt
            document.updatedAt = now
            try document.write(db, over: stored)
            try Self.log(db, id, kind: .retry, from: document.state, to: document.state, message, at: now)
            return document
        }
    }

    /// Makes every packaged outbound document of `agency` that waits for a retry of its send due now, and returns how
    /// many: the axis has just accepted a document after refusing them all, so they need not wait out their own
    /// backoff (up to `retry.max_delay`) and leave in queue order. A send whose reply was lost (`send_uncertain`)
    /// keeps its time: it must not be looked up before its request can no longer be committing on the axis.
    /// The retry index finds them without reading the queue.
    @discardableResult
    public func retrySendsNow(agency: String) throws -> Int {
        try commits.write { db in
            try db.execute(
                sql: """
                    UPDATE documents SET next_attempt_at = NULL
                    WHERE \(DocumentRecord.outboundQueueCondition) AND agency = ? AND next_attempt_at IS NOT NULL
                      AND state = ? AND send_uncertain = 0
                    """, arguments: [agency, DocumentState.packaged.rawValue])
            return db.changesCount
        }
    }

    /// Changes fields that are not the state (a destination path learnt, say) and keeps a history line.
    @discardableResult
    public func annotate(
        _ id: Int64, note: String, now: Date = Date(), change: @Sendable (inout DocumentRecord) -> Void = { _ in }
    ) throws -> DocumentRecord {
        try commits.write { db in
            guard let stored = try DocumentRecord.fetch(db, id: id) else {
                throw StateStoreError.unknownDocument(id)
            }
            var document = stored
            change(&document)
            document.state = stored.state
            document.updatedAt = now
            try document.write(db, over: stored)
            try Self.log(db, id, kind: .note, from: nil, to: nil, note, at: now)
            return document
        }
    }

    /// Records a status received about one of our documents (``StatusNote``): a note whose status columns the
    /// monthly report counts.
    @discardableResult
    public func noteStatus(_ id: Int64, _ status: StatusNote, description: String, now: Date = Date()) throws
        -> DocumentRecord
    {
        try commits.write { db in
            guard let stored = try DocumentRecord.fetch(db, id: id) else {
                throw StateStoreError.unknownDocument(id)
            }
            var document = stored
            document.updatedAt = now
            try document.write(db, over: stored)
            try Self.log(
                db, id, kind: .note, from: nil, to: nil, status.message(description: description), at: now,
                status: status)
            return document
        }
    }

    static func log(
        _ db: Database, _ id: Int64, kind: DocumentEvent.Kind, from: DocumentState?, to: DocumentState?,
        _ message: String, at: Date, status: StatusNote? = nil
    ) throws {
        try db.cachedStatement(sql: insertEvent).execute(
            arguments: [
                id, StoredTime(at), kind.rawValue, from?.rawValue, to?.rawValue, message, status?.code, status?.sender,
            ])
    }

    /// A history line, through the connection's cached statement (one per step of every document).
    private static let insertEvent =
        "INSERT INTO events (document_id, at, kind, from_state, to_state, message, status_code, status_sender) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"

    // MARK: - Reading

    public func document(_ id: Int64) throws -> DocumentRecord? {
        try pool.read { db in try DocumentRecord.fetch(db, id: id) }
    }

    public func events(of id: Int64) throws -> [DocumentEvent] {
        try pool.read { db in
            try DocumentEvent.filter(Column("document_id") == id).order(Column("id")).fetchAll(db)
        }
    }

    /// When document `id` last moved to `state`, from its history; nil if it never did. One indexed row, where
    /// ``events(of:)`` would decode the whole history (the filer asks this of every document it files).
    public func lastTransition(of id: Int64, to state: DocumentState) throws -> Date? {
        try pool.read { db in
            try Date.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT at FROM events WHERE document_id = ? AND kind = ? AND to_state = ?
                        ORDER BY id DESC LIMIT 1
                        """),
                arguments: [id, DocumentEvent.Kind.transition.rawValue, state.rawValue])
        }
    }

    /// Documents of one agency and direction that still need work, whose retry time (if any) has come, most urgent
    /// first and oldest first within one priority: at most `limit` of them, leaving out those in `excluding` (the
    /// ones a worker is already moving on).
    public func due(
        direction: Direction, agency: String, excluding: Set<Int64> = [], limit: Int? = nil, now: Date = Date()
    ) throws -> [DocumentRecord] {
        try pool.read { db in
            try DocumentRecord.due(
                db, direction: direction, agency: agency, excluding: excluding, limit: limit, now: now)
        }
    }

    /// The earliest retry time among waiting documents, so a pipeline can sleep exactly until then.
    public func nextRetryTime(direction: Direction, agency: String) throws -> Date? {
        try pool.read { db in try DocumentRecord.nextRetryTime(db, direction: direction, agency: agency) }
    }

    /// The unfinished outbound record for a file still in the outbox, if any (a claim interrupted by a crash).
    public func unfinishedOutbound(agency: String, sourcePath: String) throws -> DocumentRecord? {
        try pool.read { db in try DocumentRecord.unfinishedOutbound(db, agency: agency, sourcePath: sourcePath) }
    }

    /// ``unfinishedOutbound(agency:sourcePath:)`` for a batch of files, in one read: the records found, by path.
    public func unfinishedOutbound(agency: String, sourcePaths: [String]) throws -> [String: DocumentRecord] {
        try pool.read { db in
            var found: [String: DocumentRecord] = [:]
            for path in sourcePaths {
                found[path] = try DocumentRecord.unfinishedOutbound(db, agency: agency, sourcePath: path)
            }
            return found
        }
    }

    /// Failed outbound documents whose files still wait to be moved into `failed/` (a crash interrupted it).
    public func pendingFailedFiling(agency: String) throws -> [DocumentRecord] {
        try pool.read { db in
            try DocumentRecord
                .filter(Column("direction") == Direction.outbound.rawValue && Column("agency") == agency)
                .filter(Column("state") == DocumentState.failed.rawValue && Column("filing_pending") == true)
                .order(Column("id"))
                .fetchAll(db)
        }
    }

    /// Documents, newest first, optionally filtered.
    public func documents(
        state: DocumentState? = nil, direction: Direction? = nil, since: Date? = nil, limit: Int = 100
    ) throws -> [DocumentRecord] {
        try pool.read { db in
            var request = DocumentRecord.all()
            if let state { request = request.filter(Column("state") == state.rawValue) }
            if let direction { request = request.filter(Column("direction") == direction.rawValue) }
            if let since { request = request.filter(Column("created_at") >= since) }
            return try request.order(Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    /// How many documents are in each state.
    public func countsByState() throws -> [DocumentState: Int] {
        try pool.read { db in
            var counts: [DocumentState: Int] = [:]
            let rows = try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM documents GROUP BY state")
            for row in rows {
                if let state = DocumentState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    /// The oldest document still waiting for work.
    public func oldestWaiting() throws -> DocumentRecord? {
        let active = DocumentState.allCases.filter { !$0.isTerminal }.map(\.rawValue)
        return try pool.read { db in
            try DocumentRecord.filter(active.contains(Column("state"))).order(Column("created_at")).fetchOne(db)
        }
    }

    /// Waiting documents whose last attempt failed, most recent first.
    public func recentErrors(limit: Int = 5) throws -> [DocumentRecord] {
        try pool.read { db in
            try DocumentRecord.filter(Column("last_error") != nil).order(Column("updated_at").desc).limit(limit)
                .fetchAll(db)
        }
    }

    /// Our outbound documents that own one of `axisDocIds` (the DocIds a `getSentEdocList` reply lists).
    public func outbound(owningAnyOf axisDocIds: Set<String>) throws -> [DocumentRecord] {
        guard !axisDocIds.isEmpty else { return [] }
        return try pool.read { db in
            try DocumentRecord
                .filter(Column("direction") == Direction.outbound.rawValue)
                .filter(axisDocIds.contains(Column("axis_doc_id")))
                .fetchAll(db)
        }
    }

    /// An outbound document we sent, found by the edXML DocumentId a status message answers.
    ///
    /// Revoke and update requests carry the DocumentId of the document they concern, so answers to them (15, 16)
    /// are credited to that document, never to the request.
    public func outbound(edxmlDocumentId: String) throws -> DocumentRecord? {
        try pool.read { db in
            try DocumentRecord
                .filter(Column("direction") == Direction.outbound.rawValue)
                .filter(Column("edxml_document_id") == edxmlDocumentId)
                .filter(Column("business_doc_type") == nil || !Self.requestTypes.contains(Column("business_doc_type")))
                .order(Column("id").desc)
                .fetchOne(db)
        }
    }
}

extension DocumentStore {
    /// The value of a PRAGMA on the connection that writes (a reader's settings say nothing about commits), for
    /// diagnostics and tests.
    public func pragma(_ name: String) throws -> String? {
        precondition(name.allSatisfy { $0.isLetter || $0 == "_" }, "pragma names are identifiers")
        return try pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }
}
