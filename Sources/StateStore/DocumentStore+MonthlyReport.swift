import Foundation
import GRDB

/// The query behind `lienthong report`.
extension DocumentStore {
    /// The report of `month` counted in `zone` (pass Vietnam time), optionally for one agency: the `edoc` documents
    /// created in the month, the events that time them or carry statuses, and their answers, read in one
    /// transaction.
    ///
    /// Statuses are read from the events' status columns (schema v9). A database the daemon has not migrated yet
    /// (the command line opens it read-only) has only the history text, which is read as the migration would.
    public func monthlyReport(_ month: ReportMonth, zone: TimeZone, agency: String? = nil) throws -> MonthlyReport {
        let interval = month.interval(in: zone)
        let range: StatementArguments = [interval.start, interval.end]
        let inMonth = "documents.created_at >= ? AND documents.created_at < ? AND documents.message_type = 'edoc'"
        return try pool.read { db in
            let documents = try DocumentRecord.fetchAll(
                db, sql: "SELECT * FROM documents WHERE \(inMonth) ORDER BY id", arguments: range)
            let migrated = try db.columns(in: "events").contains { $0.name == "status_code" }
            let statuses =
                migrated
                ? "events.status_code IS NOT NULL" : "(events.kind = 'note' AND events.message LIKE 'status %')"
            var events = try DocumentEvent.fetchAll(
                db,
                sql: """
                    SELECT events.* FROM events JOIN documents ON documents.id = events.document_id
                    WHERE \(inMonth) AND ((events.kind = 'transition' AND events.to_state IN ('sent', 'delivered'))
                      OR \(statuses))
                    ORDER BY events.id
                    """, arguments: range)
            if !migrated {
                for index in events.indices where events[index].kind == .note {
                    let status = StatusNote(parsing: events[index].message)
                    events[index].statusCode = status?.code
                    events[index].statusSender = status?.sender
                }
            }
            let answers = try AnswerRecord.fetchAll(
                db,
                sql: """
                    SELECT answers.* FROM answers JOIN documents ON documents.id = answers.document_id
                    WHERE \(inMonth) AND answers.state = 'sent' ORDER BY answers.id
                    """, arguments: range)
            return MonthlyReport(month: month, documents: documents, events: events, answers: answers, agency: agency)
        }
    }
}
