import Foundation
import GRDB

/// Watches the `events` table, the history every state move and failed attempt is written to in the same
/// transaction (``DocumentStore/log(_:_:kind:from:to:_:at:)``), and hands the committed lines to a
/// ``DocumentStoreObserver``. Observing the history, instead of each method that moves a document, keeps the
/// measurement in one place that no new transition can bypass.
///
/// GRDB calls a transaction observer on the writer's queue only, one transaction at a time, which is what makes the
/// unlocked `pending` safe.
final class CommittedStepsTracker: TransactionObserver, @unchecked Sendable {
    private let observer: any DocumentStoreObserver
    /// Row ids of `events` inserted by the transaction in progress.
    private var pending: [Int64] = []

    init(observer: any DocumentStoreObserver) {
        self.observer = observer
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        if case .insert(let table) = eventKind { return table == DocumentEvent.databaseTableName }
        return false
    }

    func databaseDidChange(with event: DatabaseEvent) {
        pending.append(event.rowID)
    }

    func databaseDidCommit(_ db: Database) {
        let ids = pending
        pending = []
        guard !ids.isEmpty else { return }
        // A measurement that cannot be read is lost; the documents are not affected.
        guard let rows = try? Row.fetchAll(db, sql: Self.query(count: ids.count), arguments: StatementArguments(ids))
        else { return }
        let steps = rows.compactMap(Self.step)
        if !steps.isEmpty { observer.committed(steps) }
    }

    func databaseDidRollback(_ db: Database) {
        pending = []
    }

    private static func query(count: Int) -> String {
        let marks = Array(repeating: "?", count: count).joined(separator: ",")
        return """
            SELECT events.kind, events.from_state, events.to_state, events.at, documents.direction, documents.agency,
              documents.created_at
            FROM events JOIN documents ON documents.id = events.document_id
            WHERE events.id IN (\(marks)) AND events.kind IN ('transition', 'retry')
            ORDER BY events.id
            """
    }

    private static func step(_ row: Row) -> CommittedStep? {
        guard let direction = Direction(rawValue: row["direction"]),
            let to = (row["to_state"] as String?).flatMap(DocumentState.init(rawValue:)),
            let at: Date = row["at"], let createdAt: Date = row["created_at"]
        else { return nil }
        let from = (row["from_state"] as String?).flatMap(DocumentState.init(rawValue:))
        let kind: CommittedStep.Kind =
            (row["kind"] as String?) == "retry" ? .retry(state: to) : .transition(from: from, to: to)
        return CommittedStep(
            kind: kind, direction: direction, agency: row["agency"], documentCreatedAt: createdAt, at: at)
    }
}
