import Foundation
import GRDB

/// Received documents: the copies of one axis docId, what is due, unreadable fetches and acknowledgements.
///
/// One docId may be addressed to several agencies of one system id; each gets its own record (a copy), and the axis
/// is acknowledged once for all of them.
extension DocumentStore {
    /// Received documents of `agencies` that need work now: those in a non-terminal state, and quarantined ones whose
    /// `fail` the axis has not accepted yet; each only once its retry time (if any) has come. Oldest first.
    public func dueInbound(agencies: [String], now: Date = Date()) throws -> [DocumentRecord] {
        let active = DocumentState.allCases.filter { $0.direction == .inbound && !$0.isTerminal }.map(\.rawValue)
        return try pool.read { db in
            try DocumentRecord
                .filter(Column("direction") == Direction.inbound.rawValue && agencies.contains(Column("agency")))
                .filter(
                    active.contains(Column("state"))
                        || (Column("state") == DocumentState.quarantined.rawValue
                            && Column("fail_acknowledgement_pending") == true)
                )
                .filter(Column("next_attempt_at") == nil || Column("next_attempt_at") <= now)
                .order(Column("id"))
                .fetchAll(db)
        }
    }

    /// Every record of the docId `axisDocId` (of one message type) held for one of `agencies`, oldest first.
    public func inboundCopies(axisDocId: String, messageType: String, agencies: [String]) throws -> [DocumentRecord] {
        try pool.read { db in
            try DocumentRecord.inboundCopies(db, axisDocId: axisDocId, messageType: messageType, agencies: agencies)
        }
    }

    /// Records the docId of `listed` for each of `agencies` that has no record of it yet (state `listed`, in one
    /// transaction), and returns the new records: the envelope named them as recipients too.
    @discardableResult
    public func addInboundCopies(
        of listed: DocumentRecord, for agencies: [String], note: String, now: Date = Date()
    ) throws -> [DocumentRecord] {
        try commits.write { db in
            var added: [DocumentRecord] = []
            for agency in agencies {
                let existing = try Self.inboundRecord(
                    db, agency: agency, messageType: listed.messageType, axisDocId: listed.axisDocId)
                if existing != nil { continue }
                var copy = DocumentRecord(
                    direction: .inbound, agency: agency, messageType: listed.messageType, fileName: "",
                    counterpart: listed.counterpart, axisDocId: listed.axisDocId, now: now)
                copy.recipients = listed.recipients
                try copy.add(db)
                try Self.log(db, copy.id!, kind: .transition, from: nil, to: .listed, note, at: now)
                added.append(copy)
            }
            return added
        }
    }

    /// The record of `axisDocId` (of one message type) held for `agency`, if any.
    static func inboundRecord(
        _ db: Database, agency: String, messageType: String, axisDocId: String?
    ) throws -> DocumentRecord? {
        try DocumentRecord.inbound(db, agency: agency, messageType: messageType, axisDocId: axisDocId)
    }

    /// The axis served the document in a form that cannot be read: counts the fetch, keeps `error` for `status`,
    /// and (from `downloaded`) moves the document back to `listed` so that it is fetched again at `retryAt`.
    @discardableResult
    public func recordUnreadableFetch(
        _ id: Int64, error message: String, retryAt: Date, now: Date = Date()
    ) throws -> DocumentRecord {
        try commits.write { db in
            guard var document = try DocumentRecord.fetch(db, id: id) else {
                throw StateStoreError.unknownDocument(id)
            }
            let fetches = document.unreadableFetches + 1
            let note = "unreadable content (fetch \(fetches)): \(message)"
            if document.state == .downloaded {
                document = try Self.transition(db, id, to: .listed, note: note, now: now) { _ in }
            } else {
                try Self.log(db, id, kind: .retry, from: document.state, to: document.state, note, at: now)
            }
            let stored = document
            document.unreadableFetches = fetches
            document.lastError = message
            document.nextAttemptAt = retryAt
            document.updatedAt = now
            try document.write(db, over: stored)
            return document
        }
    }

    /// The axis accepted our acknowledgement (`status`, `done` or `fail`) of a docId, for all the given copies at
    /// once: delivered ones become `acknowledged`; quarantined ones no longer have a `fail` pending.
    public func recordAcknowledged(_ ids: [Int64], status: String, now: Date = Date()) throws {
        try commits.write { db in
            for id in ids {
                guard var document = try DocumentRecord.fetch(db, id: id) else {
                    throw StateStoreError.unknownDocument(id)
                }
                let note = "the axis was told \(status)"
                if document.state == .delivered {
                    _ = try Self.transition(db, id, to: .acknowledged, note: note, now: now) { _ in }
                } else if document.state == .quarantined, document.failAcknowledgementPending {
                    let stored = document
                    document.failAcknowledgementPending = false
                    document.attempts = 0
                    document.nextAttemptAt = nil
                    document.lastError = document.quarantineReason ?? document.lastError
                    document.updatedAt = now
                    try document.write(db, over: stored)
                    try Self.log(db, id, kind: .note, from: nil, to: nil, note, at: now)
                }
            }
        }
    }
}
