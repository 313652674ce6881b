import Foundation
import GRDB

/// Outbound revoke (`BussinessDocType` 1), update (2) and replace (3) requests about a document we sent.
///
/// A request is an outbound document of its own: it goes through the same pipeline (claim, sign, package, send,
/// file), with the same retries and the same look-up after an ambiguous send. It is linked to the document it
/// concerns by `relatedDocumentId`, and carries its type in `businessDocType` and the concerned edXML DocumentId in
/// `businessDocumentId` (the columns inbound requests use too).
extension DocumentStore {
    /// `business_doc_type` values of requests that carry the DocumentId of the document they concern.
    static let requestTypes = ["1", "2"]

    /// The sent document a new request of `type` (`"1"`, `"2"` or `"3"`) may concern, or why none may.
    public func businessRequestTarget(_ id: Int64, type: String) throws -> DocumentRecord {
        try pool.read { db in try Self.target(db, id, type: type) }
    }

    /// Records `request` (an outbound document whose `relatedDocumentId` names the document it concerns), checking
    /// again in the same transaction that the concerned document may take it: two admins revoking at once get one
    /// request. The concerned document's history gets a line too.
    /// - Throws: ``BusinessRequestRefusal`` when the concerned document may not take the request.
    public func insertBusinessRequest(_ request: DocumentRecord, note: String) throws -> DocumentRecord {
        try commits.write { db in
            guard let originalId = request.relatedDocumentId, let type = request.businessDocType else {
                throw BusinessRequestRefusal.isRequest(request.id ?? 0, concerning: nil)
            }
            _ = try Self.target(db, originalId, type: type)
            var request = request
            request.direction = .outbound
            request.state = DocumentState.initial(for: .outbound)
            try request.add(db)
            let id = request.id!
            try Self.log(db, id, kind: .transition, from: nil, to: request.state, note, at: request.createdAt)
            try Self.log(
                db, originalId, kind: .note, from: nil, to: nil,
                "\(Self.requestName(type)) requested as #\(id): \(request.businessReason ?? "")", at: request.createdAt)
            return request
        }
    }

    /// Moves failed request `id` back to `detected` (its retry), in one transaction with the check that the document
    /// it concerns still accepts it: a `retry` racing a new `revoke` of the same document cannot queue both.
    /// - Throws: ``BusinessRequestRefusal`` when the document no longer accepts the request; ``StateStoreError``.
    public func requeueBusinessRequest(
        _ id: Int64, note: String, now: Date = Date(), change: @Sendable (inout DocumentRecord) -> Void
    ) throws -> DocumentRecord {
        try commits.write { db in
            guard let request = try DocumentRecord.fetch(db, id: id) else {
                throw StateStoreError.unknownDocument(id)
            }
            if let originalId = request.relatedDocumentId, let type = request.businessDocType {
                _ = try Self.target(db, originalId, type: type)
            }
            return try Self.transition(db, id, to: .detected, note: note, now: now, change: change)
        }
    }

    /// The requests made about document `id`, oldest first.
    public func businessRequests(concerning id: Int64) throws -> [DocumentRecord] {
        try pool.read { db in
            try DocumentRecord
                .filter(Column("direction") == Direction.outbound.rawValue && Column("related_document_id") == id)
                .order(Column("id"))
                .fetchAll(db)
        }
    }

    /// "revoke", "update" or "replacement", for history lines.
    public static func requestName(_ type: String?) -> String {
        switch type {
        case "1": "revoke"
        case "2": "update"
        case "3": "replacement"
        default: "new document"
        }
    }

    private static func target(_ db: Database, _ id: Int64, type: String) throws -> DocumentRecord {
        guard let original = try DocumentRecord.fetch(db, id: id) else {
            throw BusinessRequestRefusal.unknownDocument(id)
        }
        guard original.direction == .outbound else {
            throw BusinessRequestRefusal.inbound(id, sender: original.counterpart)
        }
        if let kind = original.businessDocType, requestTypes.contains(kind) {
            throw BusinessRequestRefusal.isRequest(id, concerning: original.relatedDocumentId)
        }
        guard original.axisDocId?.isEmpty == false, original.state == .sent || original.state == .filed else {
            throw BusinessRequestRefusal.notSent(id, state: original.state)
        }
        if type == "1",
            let pending =
                try DocumentRecord
                .filter(Column("direction") == Direction.outbound.rawValue && Column("related_document_id") == id)
                .filter(Column("business_doc_type") == "1" && Column("state") != DocumentState.failed.rawValue)
                .order(Column("id").desc)
                .fetchOne(db)
        {
            throw BusinessRequestRefusal.revokePending(id, request: pending.id ?? 0, state: pending.state)
        }
        return original
    }
}
