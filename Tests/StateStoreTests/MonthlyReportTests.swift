import Foundation
import GRDB
import Testing

@testable import StateStore

/// The monthly report (`lienthong report`) computed from a real store: months in Vietnam time, counts per agency
/// and counterpart, signature verdicts, statuses and answers, medians.
@Suite struct MonthlyReportTests {
    static let vietnam = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    static let us = "000.00.00.H41"
    static let them = "000.00.00.H26"
    static let other = "000.00.00.G22"
    static let november = ReportMonth(year: 2026, month: 11)!
    /// 2026-11-10T10:00:00+07:00.
    static let base = ISO8601DateFormatter().date(from: "2026-11-10T03:00:00Z")!

    /// An outbound document created at `created`, sent `toAxis` seconds later (or failed when nil).
    @discardableResult
    static func outbound(
        _ store: DocumentStore, created: Date, toAxis: TimeInterval?, recipients: [String] = [them],
        agency: String = us
    ) throws -> Int64 {
        let document = DocumentRecord(
            direction: .outbound, agency: agency, fileName: "cv.pdf", sourcePath: "/srv/outbox/\(UUID()).pdf",
            recipients: recipients, now: created)
        let id = try #require(try store.insert(document, note: "found").id)
        var at = created
        for next: DocumentState in [.claimed, .signed, .packaged] {
            at += 1
            try store.transition(id, to: next, note: "\(next)", now: at)
        }
        if let toAxis {
            try store.transition(id, to: .sent, note: "sent", now: created + toAxis)
            try store.transition(id, to: .filed, note: "filed", now: created + toAxis + 1)
        } else {
            try store.transition(id, to: .failed, note: "unknown recipient", now: at + 1)
        }
        return id
    }

    /// An inbound document listed at `created` from `sender`, delivered `toInbox` seconds later with `verdict`.
    @discardableResult
    static func inbound(
        _ store: DocumentStore, created: Date, toInbox: TimeInterval, verdict: SignatureVerdict?,
        sender: String = them, agency: String = us
    ) throws -> Int64 {
        let document = DocumentRecord(
            direction: .inbound, agency: agency, fileName: "", counterpart: sender, axisDocId: UUID().uuidString,
            now: created)
        let id = try #require(try store.insertInboundIfNew(document, note: "listed").0.id)
        try store.transition(id, to: .downloaded, note: "downloaded", now: created + 1)
        try store.transition(id, to: .delivered, note: "delivered", now: created + toInbox) {
            $0.signatureVerdict = verdict
        }
        return id
    }

    @Test func monthsAreParsedStrictly() {
        #expect(ReportMonth(parsing: "2026-11") == Self.november)
        for bad in ["2026-13", "2026-00", "2026-1", "26-11", "2026-11-01", "2026/11", "", "abcd-ef", "２０２６-11"] {
            #expect(ReportMonth(parsing: bad) == nil, "\(bad)")
        }
        #expect(Self.november.description == "2026-11")
    }

    /// 17:30 UTC on 30 November is 00:30 on 1 December in Vietnam, whatever zone the host runs in.
    @Test func aDocumentBelongsToTheVietnamMonthOfItsCreation() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let formatter = ISO8601DateFormatter()
        try Self.outbound(store, created: formatter.date(from: "2026-11-30T16:59:59Z")!, toAxis: 10)
        try Self.outbound(store, created: formatter.date(from: "2026-11-30T17:30:00Z")!, toAxis: 10)
        try Self.outbound(store, created: formatter.date(from: "2026-10-31T17:00:00Z")!, toAxis: 10)
        try Self.outbound(store, created: formatter.date(from: "2026-10-31T16:59:59Z")!, toAxis: 10)

        let november = try store.monthlyReport(Self.november, zone: Self.vietnam)
        #expect(november.rows.map(\.sent) == [2])
        let december = try store.monthlyReport(ReportMonth(year: 2026, month: 12)!, zone: Self.vietnam)
        #expect(december.rows.map(\.sent) == [1])
        let october = try store.monthlyReport(ReportMonth(year: 2026, month: 10)!, zone: Self.vietnam)
        #expect(october.rows.map(\.sent) == [1])
        #expect(
            ReportMonth(containing: formatter.date(from: "2026-11-30T17:30:00Z")!, in: Self.vietnam)
                == ReportMonth(year: 2026, month: 12))
        #expect(Self.november.interval(in: Self.vietnam).start == formatter.date(from: "2026-10-31T17:00:00Z"))
    }

    @Test func outboundDocumentsAreCountedPerRecipientWithTheMedianTimeToTheAxis() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        try Self.outbound(store, created: Self.base, toAxis: 60)
        try Self.outbound(store, created: Self.base + 100, toAxis: 600)
        try Self.outbound(store, created: Self.base + 200, toAxis: 120, recipients: [Self.them, Self.other])
        try Self.outbound(store, created: Self.base + 300, toAxis: nil)
        let waiting = DocumentRecord(
            direction: .outbound, agency: Self.us, fileName: "x.pdf", recipients: [Self.them], now: Self.base)
        _ = try store.insert(waiting, note: "found")

        let report = try store.monthlyReport(Self.november, zone: Self.vietnam)
        #expect(report.rows.map(\.counterpart) == [Self.other, Self.them])
        let toThem = try #require(report.rows.last)
        #expect(toThem.sent == 3)
        #expect(toThem.validlySigned == 3, "our own signatures count as valid")
        #expect(toThem.failed == 1)
        #expect(toThem.sending == 1)
        #expect(toThem.medianSecondsToAxis == 120)
        #expect(toThem.received == 0 && toThem.medianSecondsToInbox == nil)
        let toOther = try #require(report.rows.first)
        #expect(toOther.sent == 1 && toOther.failed == 0 && toOther.medianSecondsToAxis == 120)
    }

    @Test func receivedDocumentsAreCountedByVerdictWithTheMedianTimeToTheInbox() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        try Self.inbound(store, created: Self.base, toInbox: 10, verdict: .allValid)
        try Self.inbound(store, created: Self.base, toInbox: 20, verdict: .partlyValid)
        try Self.inbound(store, created: Self.base, toInbox: 30, verdict: .noneValid)
        try Self.inbound(store, created: Self.base, toInbox: 41, verdict: .tampered)
        try Self.inbound(store, created: Self.base, toInbox: 50, verdict: nil)
        let acknowledged = try Self.inbound(store, created: Self.base, toInbox: 60, verdict: .allValid)
        try store.recordAcknowledged([acknowledged], status: "done", now: Self.base + 70)
        let quarantined = try #require(
            try store.insertInboundIfNew(
                DocumentRecord(
                    direction: .inbound, agency: Self.us, fileName: "", counterpart: Self.them, axisDocId: "q",
                    now: Self.base),
                note: "listed"
            ).0.id)
        try store.transition(quarantined, to: .downloaded, note: "downloaded", now: Self.base + 1)
        try store.transition(quarantined, to: .quarantined, note: "broken signature", now: Self.base + 2) {
            $0.signatureVerdict = .tampered
        }
        try Self.inbound(store, created: Self.base, toInbox: 5, verdict: .allValid, sender: Self.other)

        let report = try store.monthlyReport(Self.november, zone: Self.vietnam)
        let fromThem = try #require(report.rows.first { $0.counterpart == Self.them })
        #expect(fromThem.received == 6)
        #expect(fromThem.quarantined == 1)
        #expect(fromThem.validlySigned == 2)
        #expect(fromThem.partlyValid == 1)
        #expect(fromThem.unsignedOrInvalid == 3, "none valid, tampered, and the quarantined tampered one")
        #expect(fromThem.verdictUnknown == 1)
        #expect(fromThem.medianSecondsToInbox == 35.5, "the mean of 30 and 41 among 10, 20, 30, 41, 50, 60")
        #expect(fromThem.sent == 0 && fromThem.medianSecondsToAxis == nil)
        let fromOther = try #require(report.rows.first { $0.counterpart == Self.other })
        #expect(fromOther.received == 1 && fromOther.validlySigned == 1 && fromOther.medianSecondsToInbox == 5)
    }

    @Test func statusesFromTheRecipientAndOurAnswersAreCountedOncePerCode() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let sent = try Self.outbound(store, created: Self.base, toAxis: 10)
        let second = try Self.outbound(store, created: Self.base, toAxis: 10)
        func status(_ code: String) -> StatusNote { StatusNote(code: code, sender: Self.them) }
        try store.noteStatus(sent, status("01"), description: "Đã đến", now: Self.base + 20)
        try store.noteStatus(sent, status("01"), description: "Đã đến (again)", now: Self.base + 21)
        try store.noteStatus(sent, status("03"), description: "Đã tiếp nhận", now: Self.base + 30)
        try store.noteStatus(second, status("01"), description: "", now: Self.base + 20)
        try store.noteStatus(second, status("15"), description: "agreed", now: Self.base + 20)
        try store.annotate(second, note: "status of something else", now: Self.base + 20)
        // A note that merely reads like a status line is not one: the report reads the status columns.
        try store.annotate(second, note: "status 04 from \(Self.them): typed by hand", now: Self.base + 20)

        let received = try Self.inbound(store, created: Self.base, toInbox: 10, verdict: .allValid)
        let answered = try store.queueAnswer(
            documentId: received, code: .accepted, reason: nil, origin: "command", now: Self.base + 40)
        try store.markAnswerSent(try #require(answered.id), statusDocId: "s-1", now: Self.base + 41)
        try store.queueAnswer(documentId: received, code: .assigned, reason: nil, origin: "command")

        let row = try #require(try store.monthlyReport(Self.november, zone: Self.vietnam).rows.first)
        #expect(row.statuses == ["01": 2, "03": 1])
        #expect(row.answers == ["03": 1], "a queued answer is not counted until sent")
    }

    @Test func oneAgencyCanBeAskedFor() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        try Self.outbound(store, created: Self.base, toAxis: 10)
        try Self.outbound(store, created: Self.base, toAxis: 10, recipients: [Self.us], agency: Self.other)
        let all = try store.monthlyReport(Self.november, zone: Self.vietnam)
        #expect(all.rows.map(\.agency) == [Self.other, Self.us])
        let one = try store.monthlyReport(Self.november, zone: Self.vietnam, agency: Self.other)
        #expect(one.rows.map(\.agency) == [Self.other])
    }

    @Test func medianOfNoneOneAndEvenCounts() {
        #expect(MonthlyReport.median([]) == nil)
        #expect(MonthlyReport.median([7]) == 7)
        #expect(MonthlyReport.median([9, 1, 5]) == 5)
        #expect(MonthlyReport.median([4, 1, 3, 2]) == 2.5)
    }

    /// A database written by the previous version (schema up to v7) gets the column and keeps its rows, reported
    /// as "unknown"; a read-only opening before the daemon migrated it reads the rows too.
    @Test func migrationV8AddsTheSignatureVerdictToAnExistingDatabase() throws {
        let fixture = try TemporaryStore()
        let path = try fixture.olderDatabase(upTo: "v7: status send intent") { db in
            try db.execute(
                sql: """
                    INSERT INTO documents (direction, agency, state, message_type, file_name, recipients,
                      counterpart, axis_doc_id, created_at, updated_at)
                    VALUES ('in', ?, 'delivered', 'edoc', 'a.pdf', '[]', ?, 'old-1', ?, ?)
                    """, arguments: [Self.us, Self.them, Self.base, Self.base])
        }

        let beforeMigration = try DocumentStore(readingFrom: path)
        #expect(try beforeMigration.documents().map(\.signatureVerdict) == [nil])
        #expect(try beforeMigration.monthlyReport(Self.november, zone: Self.vietnam).rows.map(\.verdictUnknown) == [1])

        let store = try DocumentStore(path: path)
        let columns = try store.pool.read { db in try db.columns(in: "documents").map(\.name) }
        #expect(columns.contains("signature_verdict"))
        let id = try #require(try store.documents().first?.id)
        #expect(try store.document(id)?.signatureVerdict == nil)
        try store.annotate(id, note: "verdict") { $0.signatureVerdict = .partlyValid }
        #expect(try store.document(id)?.signatureVerdict == .partlyValid)
        #expect(try store.monthlyReport(Self.november, zone: Self.vietnam).rows.map(\.partlyValid) == [1])
    }

    /// A database written by the previous version (schema up to v8) has its statuses only in the history text: v9
    /// fills the status columns from it, and a read-only opening before the daemon migrated it reads the text as
    /// the migration would. Notes that are not statuses get no columns.
    @Test func migrationV9MovesTheStatusCodesOfExistingNotesIntoColumns() throws {
        let fixture = try TemporaryStore()
        let path = try fixture.olderDatabase(upTo: "v8: signature verdict") { db in
            try db.execute(
                sql: """
                    INSERT INTO documents (direction, agency, state, message_type, file_name, recipients,
                      created_at, updated_at)
                    VALUES ('out', ?, 'filed', 'edoc', 'a.pdf', ?, ?, ?)
                    """, arguments: [Self.us, "[\"\(Self.them)\"]", Self.base, Self.base])
            let id = db.lastInsertedRowID
            for (message, kind) in [
                ("sent", "transition"), ("status 01 from \(Self.them): Đã đến", "note"),
                ("status 03 from \(Self.them): Đã tiếp nhận", "note"), ("status of something else", "note"),
                ("status 05 from \(Self.them): retried", "retry"),
            ] {
                try db.execute(
                    sql: "INSERT INTO events (document_id, at, kind, to_state, message) VALUES (?, ?, ?, ?, ?)",
                    arguments: [id, Self.base + 5, kind, kind == "transition" ? "sent" : nil, message])
            }
        }

        let beforeMigration = try DocumentStore(readingFrom: path)
        #expect(
            try beforeMigration.monthlyReport(Self.november, zone: Self.vietnam).rows.first?.statuses
                == ["01": 1, "03": 1])

        let store = try DocumentStore(path: path)
        let rows = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT message, status_code, status_sender FROM events ORDER BY id")
        }
        let columns: [[String]] = rows.map { row in
            [row["message"], (row["status_code"] as String?) ?? "-", (row["status_sender"] as String?) ?? "-"]
        }
        #expect(
            columns == [
                ["sent", "-", "-"], ["status 01 from \(Self.them): Đã đến", "01", Self.them],
                ["status 03 from \(Self.them): Đã tiếp nhận", "03", Self.them], ["status of something else", "-", "-"],
                ["status 05 from \(Self.them): retried", "-", "-"],
            ])
        let id = try #require(try store.documents().first?.id)
        try store.noteStatus(id, StatusNote(code: "04", sender: Self.them), description: "Phân công")
        #expect(try store.events(of: id).last?.status == StatusNote(code: "04", sender: Self.them))
        #expect(try store.events(of: id).last?.message == "status 04 from \(Self.them): Phân công")
        #expect(
            try store.monthlyReport(Self.november, zone: Self.vietnam).rows.first?.statuses
                == ["01": 1, "03": 1, "04": 1])
    }
}
