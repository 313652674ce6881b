import Foundation
import GRDB
import Testing

@testable import StateStore

/// The hand-written row mapping: every field survives a write and a read, by position and by name.
@Suite struct DocumentRecordRowTests {
    /// A record whose every field differs from its default, so a column read into the wrong field shows.
    private func everyFieldSet(id: Int64?, related: Int64) -> DocumentRecord {
        var record = DocumentRecord(
            direction: .inbound, agency: "000.00.00.H26", messageType: "status", fileName: "tờ trình.pdf",
            sourcePath: "/srv/a", fileSize: 11, fileModifiedNanos: 12, fileInode: 13, sha256: "cd",
            recipients: ["000.00.00.H41", "000.00.00.G01"], counterpart: "000.00.00.H41", subject: "Trích yếu",
            codeNotation: "12/UBND-VP", edxmlDocumentId: "000.00.00.H41,2026/12/07,12/UBND-VP", axisDocId: "42",
            now: Date(timeIntervalSince1970: 1_800_000_000.125))
        record.id = id
        record.state = .quarantined
        record.destinationPath = "/srv/b"
        record.attempts = 3
        record.nextAttemptAt = Date(timeIntervalSince1970: 1_800_000_001.5)
        record.lastError = "last"
        record.clerkNotice = "notice"
        record.filingPending = true
        record.sendUncertain = true
        record.sendStartedAt = Date(timeIntervalSince1970: 1_800_000_002.25)
        record.arrivalStatusSent = true
        record.arrivalStatusStartedAt = Date(timeIntervalSince1970: 1_800_000_003)
        record.arrivalStatusDocId = "43"
        record.businessDocType = "2"
        record.businessDocumentId = "earlier"
        record.businessNotice = "thông báo"
        record.relatedDocumentId = related
        record.businessReason = "reason"
        record.unreadableFetches = 2
        record.failAcknowledgementPending = true
        record.quarantineReason = "tampered"
        record.signatureVerdict = .tampered
        record.envelopeHashFile = "3a7f0c"
        record.updatedAt = Date(timeIntervalSince1970: 1_800_000_004.75)
        return record
    }

    @Test func everyFieldIsWrittenAndReadBackByPositionAndByName() throws {
        let fixture = try TemporaryStore()
        let pool = fixture.store.pool
        let related = try #require(try fixture.store.insert(outboundDocument(), note: "related").id)
        var record = everyFieldSet(id: nil, related: related)
        try pool.write { db in try record.add(db) }
        let id = try #require(record.id)
        #expect(try pool.read { db in try DocumentRecord.fetch(db, id: id) } == record)
        #expect(try fixture.store.document(id) == record)

        // Columns in another order (a query that names them) are read by name.
        let reversed = DocumentRecord.columns.reversed().joined(separator: ", ")
        let byName = try pool.read { db in
            try DocumentRecord.fetchOne(db, sql: "SELECT \(reversed) FROM documents WHERE id = ?", arguments: [id])
        }
        #expect(byName == record)

        var changed = everyFieldSet(id: id, related: related)
        changed.state = .delivered
        changed.recipients = []
        changed.signatureVerdict = nil
        changed.nextAttemptAt = nil
        changed.envelopeHashFile = nil
        try pool.write { db in try changed.write(db, over: record) }
        #expect(try fixture.store.document(id) == changed)
    }

    @Test func writingOverTheStoredRecordChangesExactlyWhatDiffers() throws {
        let fixture = try TemporaryStore()
        let pool = fixture.store.pool
        let related = try #require(try fixture.store.insert(outboundDocument(), note: "related").id)
        var stored = everyFieldSet(id: nil, related: related)
        try pool.write { db in try stored.add(db) }
        var changed = stored
        changed.state = .delivered
        changed.signatureVerdict = nil
        changed.recipients = ["000.00.00.G22"]
        changed.lastError = nil
        changed.priority = 4
        let unchanged = stored
        try pool.write { db in
            try changed.write(db, over: stored)
            try unchanged.write(db, over: stored)
        }
        #expect(try fixture.store.document(stored.id!) == changed)
    }

    @Test func theColumnListIsTheTablesOrder() throws {
        let fixture = try TemporaryStore()
        let names = try fixture.store.pool.read { db in try db.columns(in: "documents").map(\.name) }
        #expect(names == DocumentRecord.columns)
    }

    /// A document packaged by the previous version (schema up to v11) has no recorded hash-file: it reads as nil
    /// before the migration (a read-only opening) and after it, so its sends hash the envelope as before.
    @Test func aDocumentPackagedBeforeV12HasNoHashFileAndGetsOne() throws {
        let fixture = try TemporaryStore()
        let created = Date(timeIntervalSince1970: 1_800_000_000)
        let path = try fixture.olderDatabase(upTo: "v11: outbound queue index") { db in
            try db.execute(
                sql: """
                    INSERT INTO documents (direction, agency, state, message_type, file_name, recipients,
                      created_at, updated_at)
                    VALUES ('out', '000.00.00.H41', 'packaged', 'edoc', 'a.pdf', '["000.00.00.G22"]', ?, ?)
                    """, arguments: [created, created])
        }

        #expect(try DocumentStore(readingFrom: path).documents().map(\.envelopeHashFile) == [nil])
        let store = try DocumentStore(path: path)
        let id = try #require(try store.documents().first?.id)
        #expect(try store.document(id)?.envelopeHashFile == nil)
        try store.annotate(id, note: "hash") { $0.envelopeHashFile = "3a7f0c" }
        #expect(try store.document(id)?.envelopeHashFile == "3a7f0c")
    }
}

/// The outbound queue is read from its partial index in order: finding the next documents reads a few index entries,
/// not the whole queue and a sort of it (100,000 files in the outbox at start made each look sort them all). While
/// every document waits for its retry (an outage), the walk tells the waiting ones from the index alone, and the
/// earliest retry time is one look-up.
@Suite struct OutboundQueueIndexTests {
    @Test func dueWalksTheQueueIndexWithoutSorting() throws {
        let fixture = try TemporaryStore()
        let plan = try fixture.store.pool.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + DocumentRecord.dueIdentifiersSQL,
                arguments: ["000.00.00.H41", Date(), 4]
            ).map { $0["detail"] as String }
        }
        // Covering: the walk past excluded documents (in flight, being claimed, held by a closed axis gate) reads
        // index entries only, never their rows.
        #expect(plan.contains { $0.contains("COVERING INDEX documents_outbound_queue") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        let columns = try fixture.store.pool.read { db in
            try Row.fetchAll(db, sql: "PRAGMA index_info(documents_outbound_queue)").map { $0["name"] as String }
        }
        #expect(columns == ["agency", "priority", "id", "next_attempt_at", "direction", "state"])
    }

    /// The ids chosen from the index come back as whole records, in queue order.
    @Test func theDueWalkSkipsTheExcludedAndReturnsWholeRecordsInQueueOrder() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let agency = "000.00.00.H41"
        var ids: [Int64] = []
        for index in 0..<40 {
            var record = outboundDocument("f\(index).pdf")
            record.priority = index == 30 ? 1 : 0
            ids.append(try #require(try store.insert(record, note: "found").id))
        }
        try store.recordFailedAttempt(ids[35], error: "axis down", retryAt: Date().addingTimeInterval(3600))
        let excluded = Set(ids[0..<25]).union([ids[27]])
        let due = try store.due(direction: .outbound, agency: agency, excluding: excluded, limit: 5)
        // The urgent one first, then the oldest not excluded, and whole records.
        #expect(due.map(\.id) == [ids[30], ids[25], ids[26], ids[28], ids[29]])
        #expect(due.map(\.fileName) == ["f30.pdf", "f25.pdf", "f26.pdf", "f28.pdf", "f29.pdf"])
        let rest = try store.due(direction: .outbound, agency: agency, excluding: excluded.union(due.map(\.id!)))
        #expect(rest.map(\.id) == Array(ids[31..<35]) + Array(ids[36...]))
    }

    /// A queue left by the previous version (schema v13) is walked through the rebuilt index after the upgrade.
    @Test func aQueueFromV13IsWalkedThroughTheCoveringIndexAfterTheUpgrade() throws {
        let fixture = try TemporaryStore()
        let created = Date(timeIntervalSince1970: 1_800_000_000)
        let path = try fixture.olderDatabase(upTo: "v13: outbound retry times in the queue indexes") { db in
            for (name, state) in [("a.pdf", "packaged"), ("b.pdf", "filed"), ("c.pdf", "claimed")] {
                try db.execute(
                    sql: """
                        INSERT INTO documents (direction, agency, state, message_type, file_name, recipients,
                          created_at, updated_at)
                        VALUES ('out', '000.00.00.H41', ?, 'edoc', ?, '["000.00.00.G22"]', ?, ?)
                        """, arguments: [state, name, created, created])
            }
        }
        let store = try DocumentStore(path: path)
        let columns = try store.pool.read { db in
            try Row.fetchAll(db, sql: "PRAGMA index_info(documents_outbound_queue)").map { $0["name"] as String }
        }
        #expect(columns == ["agency", "priority", "id", "next_attempt_at", "direction", "state"])
        #expect(try store.due(direction: .outbound, agency: "000.00.00.H41").map(\.fileName) == ["a.pdf", "c.pdf"])
    }

    @Test func theNextRetryTimeIsOneLookUpInTheRetryIndex() throws {
        let fixture = try TemporaryStore()
        let plan = try fixture.store.pool.read { db in
            try Row.fetchAll(
                db,
                sql: "EXPLAIN QUERY PLAN SELECT min(next_attempt_at) FROM documents WHERE "
                    + DocumentRecord.outboundQueueCondition + " AND agency = ?",
                arguments: ["000.00.00.H41"]
            ).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("documents_outbound_retry") }, "\(plan)")

        let store = fixture.store
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        var retries: [Date] = []
        for (index, offset) in [300.0, 60, 900].enumerated() {
            let id = try #require(try store.insert(outboundDocument("f\(index).pdf"), note: "found").id)
            try store.recordFailedAttempt(id, error: "axis down", retryAt: base.addingTimeInterval(offset))
            retries.append(base.addingTimeInterval(offset))
        }
        // A finished document's stale retry time and a fresh document's none do not count.
        let filed = try #require(try store.insert(outboundDocument("done.pdf"), note: "found").id)
        try store.transition(
            filed, through: [(.claimed, "c"), (.signed, "s"), (.packaged, "p"), (.sent, "t"), (.filed, "f")]
        ) { $0.nextAttemptAt = base }
        #expect(try store.document(filed)?.nextAttemptAt == base)
        _ = try store.insert(outboundDocument("fresh.pdf"), note: "found")

        #expect(try store.nextRetryTime(direction: .outbound, agency: "000.00.00.H41") == retries.min())
        #expect(try store.nextRetryTime(direction: .outbound, agency: "000.00.00.H26") == nil)
    }
}
