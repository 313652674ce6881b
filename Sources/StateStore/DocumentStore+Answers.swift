import Foundation
import GRDB

/// Answers to received documents (statuses 02..06, 15, 16): queued by a clerk, sent by the inbound pipeline.
///
/// Each method runs in one transaction and adds a line to the answered document's history, so `lienthong show`
/// tells the whole story. A failure also sets the document's `last_error`, so `lienthong status` shows it.
extension DocumentStore {
    /// Queues `code` for the received document `documentId` after checking it makes sense now (``AnswerRules``).
    ///
    /// The check and the insert share one transaction, so the command line and the daemon (reading a status
    /// request file) cannot both queue the same code.
    /// - Throws: ``AnswerRefusal`` when the answer is refused, with a message for the person who asked.
    @discardableResult
    public func queueAnswer(
        documentId: Int64, code: AnswerCode, reason: String?, origin: String, now: Date = Date()
    ) throws -> AnswerRecord {
        let reason = try AnswerRules.normalizedReason(reason, for: code)
        return try commits.write { db in
            guard let document = try DocumentRecord.fetch(db, id: documentId) else {
                throw AnswerRefusal.unknownDocument(documentId)
            }
            let existing = try AnswerRecord.filter(Column("document_id") == documentId).fetchAll(db)
            try AnswerRules.check(code, for: document, existing: existing)
            var answer = AnswerRecord(documentId: documentId, code: code, reason: reason, origin: origin, now: now)
            try answer.insert(db)
            let by = origin.hasPrefix("file:") ? "a status request file" : origin
            try Self.logAnswer(db, answer, "status \(code.rawValue) (\(code.english)) queued by \(by)", at: now)
            return answer
        }
    }

    /// Every answer of a document, oldest first.
    public func answers(of documentId: Int64) throws -> [AnswerRecord] {
        try pool.read { db in
            try AnswerRecord.filter(Column("document_id") == documentId).order(Column("id")).fetchAll(db)
        }
    }

    public func answer(_ id: Int64) throws -> AnswerRecord? {
        try pool.read { db in try AnswerRecord.fetchOne(db, key: id) }
    }

    /// Queued answers of one agency whose retry time has come, for documents already acknowledged (so status 01
    /// went first), oldest first.
    public func dueAnswers(agency: String, now: Date = Date()) throws -> [AnswerRecord] {
        try pool.read { db in
            try AnswerRecord.fetchAll(
                db,
                sql: """
                    SELECT answers.* FROM answers JOIN documents ON documents.id = answers.document_id
                    WHERE answers.state = ? AND documents.agency = ? AND documents.state = ?
                      AND (answers.next_attempt_at IS NULL OR answers.next_attempt_at <= ?)
                    ORDER BY answers.id
                    """,
                arguments: [AnswerState.queued.rawValue, agency, DocumentState.acknowledged.rawValue, now])
        }
    }

    /// The answer reached the axis: it is never sent again.
    @discardableResult
    public func markAnswerSent(_ id: Int64, statusDocId: String, now: Date = Date()) throws -> AnswerRecord {
        try changeQueuedAnswer(id) { db, answer in
            answer.state = .sent
            answer.statusDocId = statusDocId
            answer.sentAt = now
            answer.lastError = nil
            answer.nextAttemptAt = nil
            try Self.logAnswer(
                db, answer, "status \(answer.code.rawValue) (\(answer.code.english)) sent: DocId \(statusDocId)",
                at: now, documentError: .some(nil))
        }
    }

    /// Records that the answer's status message is about to leave (the intent before the effect): after a restart
    /// or a lost reply it is looked up before being sent again. `nil` clears it once a reply proved nothing was
    /// stored.
    @discardableResult
    public func noteAnswerSendStarted(_ id: Int64, at started: Date?) throws -> AnswerRecord {
        try changeQueuedAnswer(id) { _, answer in answer.sendStartedAt = started }
    }

    /// Which of `docIds` are status messages another record of ours already owns (a status 01 or an answer).
    public func ownedStatusDocIds(among docIds: Set<String>) throws -> Set<String> {
        guard !docIds.isEmpty else { return [] }
        return try pool.read { db in
            let answers = try String.fetchAll(
                db, AnswerRecord.select(Column("status_doc_id")).filter(docIds.contains(Column("status_doc_id"))))
            let arrivals = try String.fetchAll(
                db,
                DocumentRecord.select(Column("arrival_status_doc_id"))
                    .filter(docIds.contains(Column("arrival_status_doc_id"))))
            return Set(answers + arrivals)
        }
    }

    /// A transient failure: try again at `retryAt`.
    @discardableResult
    public func recordAnswerAttemptFailed(
        _ id: Int64, error message: String, retryAt: Date, now: Date = Date()
    ) throws -> AnswerRecord {
        try changeQueuedAnswer(id) { db, answer in
            answer.attempts += 1
            answer.lastError = message
            answer.nextAttemptAt = retryAt
            try Self.logAnswer(
                db, answer, "status \(answer.code.rawValue) not sent: \(message)", at: now, kind: .retry,
                documentError: "status \(answer.code.rawValue) not sent yet: \(message)")
        }
    }

    /// The axis refused the answer for good: it stays in the history as failed and may be asked again.
    @discardableResult
    public func markAnswerFailed(_ id: Int64, error message: String, now: Date = Date()) throws -> AnswerRecord {
        try changeQueuedAnswer(id) { db, answer in
            answer.state = .failed
            answer.attempts += 1
            answer.lastError = message
            answer.nextAttemptAt = nil
            try Self.logAnswer(
                db, answer, "status \(answer.code.rawValue) FAILED: \(message)", at: now,
                documentError: "status \(answer.code.rawValue) failed: \(message)")
        }
    }

    /// Received documents of one agency delivered since `since` into a folder of the inbox, newest first: the
    /// folders where clerks may drop status request files.
    public func recentlyDelivered(agency: String, since: Date, limit: Int) throws -> [DocumentRecord] {
        try pool.read { db in
            try DocumentRecord
                .filter(Column("direction") == Direction.inbound.rawValue && Column("agency") == agency)
                .filter(Column("message_type") == "edoc" && Column("destination_path") != nil)
                .filter(
                    [DocumentState.delivered.rawValue, DocumentState.acknowledged.rawValue].contains(Column("state"))
                )
                .filter(Column("created_at") >= since)
                .order(Column("id").desc)
                .limit(limit)
                .fetchAll(db)
        }
    }

    /// A document this agency received, found by its edXML DocumentId (the newest, other than `excluding`).
    public func inbound(edxmlDocumentId: String, agency: String, excluding: Int64? = nil) throws -> DocumentRecord? {
        try pool.read { db in
            var request =
                DocumentRecord
                .filter(Column("direction") == Direction.inbound.rawValue && Column("agency") == agency)
                .filter(Column("message_type") == "edoc" && Column("edxml_document_id") == edxmlDocumentId)
            if let excluding { request = request.filter(Column("id") != excluding) }
            return try request.order(Column("id").desc).fetchOne(db)
        }
    }

    private func changeQueuedAnswer(
        _ id: Int64, _ change: (Database, inout AnswerRecord) throws -> Void
    ) throws -> AnswerRecord {
        try commits.write { db in
            guard var answer = try AnswerRecord.fetchOne(db, key: id) else { throw StateStoreError.unknownAnswer(id) }
            guard answer.state == .queued else { throw StateStoreError.answerNotQueued(id, answer.state) }
            try change(db, &answer)
            answer.updatedAt = Date()
            try answer.update(db)
            return answer
        }
    }

    /// Adds a line to the answered document's history; `documentError` (when given) becomes its `last_error`.
    private static func logAnswer(
        _ db: Database, _ answer: AnswerRecord, _ message: String, at: Date, kind: DocumentEvent.Kind = .note,
        documentError: String?? = nil
    ) throws {
        if let documentError {
            try db.execute(
                sql: "UPDATE documents SET last_error = ?, updated_at = ? WHERE id = ?",
                arguments: [documentError, at, answer.documentId])
        }
        try log(db, answer.documentId, kind: kind, from: nil, to: nil, message, at: at)
    }
}
