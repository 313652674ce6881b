import Foundation
import GRDB

/// The last documents each way, for the status page: what was sent and received lately and what the other side
/// answered.
extension DocumentStore {
    /// The `limit` newest documents of `agency` in `direction`, newest first, each with the statuses exchanged
    /// about it (oldest first), read in one transaction.
    public func recent(
        agency: String, direction: Direction, limit: Int
    ) throws -> [(document: DocumentRecord, statuses: [ExchangedStatus])] {
        try pool.read { db in
            let documents =
                try DocumentRecord
                .filter(Column("agency") == agency && Column("direction") == direction.rawValue)
                .order(Column("id").desc).limit(limit).fetchAll(db)
            let ids = documents.compactMap(\.id)
            guard !ids.isEmpty else { return [] }
            var statuses: [Int64: [ExchangedStatus]] = [:]
            if direction == .outbound {
                let notes =
                    try DocumentEvent
                    .filter(ids.contains(Column("document_id")) && Column("status_code") != nil)
                    .order(Column("id")).fetchAll(db)
                for note in notes {
                    guard let status = note.status else { continue }
                    statuses[note.documentId, default: []].append(
                        ExchangedStatus(code: status.code, from: status.sender, at: note.at, state: "received"))
                }
            } else {
                for document in documents where document.arrivalStatusSent {
                    statuses[document.id!, default: []].append(
                        ExchangedStatus(code: "01", from: nil, at: nil, state: AnswerState.sent.rawValue))
                }
                let answers = try AnswerRecord.filter(ids.contains(Column("document_id"))).order(Column("id"))
                    .fetchAll(db)
                for answer in answers {
                    statuses[answer.documentId, default: []].append(
                        ExchangedStatus(
                            code: answer.code.rawValue, from: nil, at: answer.sentAt, state: answer.state.rawValue))
                }
            }
            return documents.map { ($0, statuses[$0.id!] ?? []) }
        }
    }
}
