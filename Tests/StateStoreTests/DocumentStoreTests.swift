import Foundation
import GRDB
import Testing

@testable import StateStore

/// A fresh database in its own temporary directory, removed when the test ends.
final class TemporaryStore {
    let directory: URL
    let store: DocumentStore

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("statestore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try DocumentStore(path: directory.appendingPathComponent("state.db").path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The path of a database as an older version left it, beside the fresh one: its schema migrated up to
    /// `migration` (by name), then `write` run on it. Opening it with ``DocumentStore`` migrates the rest.
    func olderDatabase(upTo migration: String, _ write: (Database) throws -> Void) throws -> String {
        let path = directory.appendingPathComponent("old.db").path
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: migration)
        try old.write(write)
        try old.close()
        return path
    }
}

func outboundDocument(_ name: String = "cong-van.pdf") -> DocumentRecord {
    DocumentRecord(
        direction: .outbound, agency: "000.00.00.H41", fileName: name, sourcePath: "/srv/h41/outbox/\(name)",
        fileSize: 10, sha256: "ab", recipients: ["000.00.00.H26"])
}

@Suite struct DocumentStoreTests {
    @Test func outboundDocumentWalksItsWholePipelineAndKeepsHistory() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let inserted = try store.insert(outboundDocument(), note: "found in outbox")
        let id = try #require(inserted.id)
        #expect(inserted.state == .detected)
        for next: DocumentState in [.claimed, .signed, .packaged] {
            try store.transition(id, to: next, note: "step \(next)")
        }
        try store.transition(id, to: .sent, note: "axis accepted") { $0.axisDocId = "doc-1" }
        let filed = try store.transition(id, to: .filed, note: "filed") { $0.destinationPath = "/srv/h41/sent/x.pdf" }
        #expect(filed.state == .filed)
        #expect(filed.axisDocId == "doc-1")
        let history = try store.events(of: id)
        #expect(history.map(\.toState) == [.detected, .claimed, .signed, .packaged, .sent, .filed])
        #expect(history.first?.message == "found in outbox")
    }

    @Test func illegalTransitionsAreRefusedAndLeaveTheDocumentUnchanged() throws {
        let fixture = try TemporaryStore()
        let id = try #require(try fixture.store.insert(outboundDocument(), note: "found").id)
        #expect(throws: StateStoreError.self) { try fixture.store.transition(id, to: .sent, note: "skip ahead") }
        #expect(throws: StateStoreError.self) { try fixture.store.transition(id, to: .downloaded, note: "wrong way") }
        #expect(try fixture.store.document(id)?.state == .detected)
        #expect(try fixture.store.events(of: id).count == 1)
    }

    @Test func everyStateMachineEdgeStaysWithinOneDirection() {
        for state in DocumentState.allCases {
            for next in state.successors { #expect(next.direction == state.direction, "\(state) → \(next)") }
        }
        #expect(DocumentState.filed.successors.isEmpty)
        #expect(DocumentState.acknowledged.successors.isEmpty)
    }

    @Test func failedAttemptsAreCountedThenClearedByTheNextSuccessfulStep() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let id = try #require(try store.insert(outboundDocument(), note: "found").id)
        let later = Date().addingTimeInterval(60)
        try store.recordFailedAttempt(id, error: "axis unreachable", retryAt: later)
        let waiting = try store.recordFailedAttempt(id, error: "axis unreachable again", retryAt: later)
        #expect(waiting.attempts == 2)
        #expect(waiting.lastError == "axis unreachable again")
        #expect(try store.due(direction: .outbound, agency: "000.00.00.H41").isEmpty)
        #expect(try store.due(direction: .outbound, agency: "000.00.00.H41", now: later).count == 1)
        #expect(try store.nextRetryTime(direction: .outbound, agency: "000.00.00.H41") != nil)
        let claimed = try store.transition(id, to: .claimed, note: "claimed")
        #expect(claimed.attempts == 0 && claimed.lastError == nil && claimed.nextAttemptAt == nil)
        #expect(try store.events(of: id).filter { $0.kind == .retry }.count == 2)
    }

    /// The worker asks for the oldest due documents it is not already moving, as many as it has free slots.
    @Test func dueDocumentsComeOldestFirstWithoutTheExcludedUpToTheLimit() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let ids = try (0..<5).map { try #require(try store.insert(outboundDocument("cv-\($0).pdf"), note: "found").id) }
        try store.recordFailedAttempt(ids[1], error: "axis unreachable", retryAt: Date().addingTimeInterval(60))
        let agency = "000.00.00.H41"
        #expect(try store.due(direction: .outbound, agency: agency).map(\.id) == [ids[0], ids[2], ids[3], ids[4]])
        #expect(try store.due(direction: .outbound, agency: agency, limit: 2).map(\.id) == [ids[0], ids[2]])
        let others = try store.due(direction: .outbound, agency: agency, excluding: [ids[0], ids[3]], limit: 2)
        #expect(others.map(\.id) == [ids[2], ids[4]])
    }

    /// When the axis accepts documents again, the sends that waited for it are due at once, and nothing else moves.
    @Test func sendsWaitingForTheAxisAreMadeDueAtOnceAndNothingElse() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let agency = "000.00.00.H41"
        // Whole seconds: the database keeps milliseconds.
        let later = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 3600).rounded())
        let packaged: [DocumentState] = [.claimed, .signed, .packaged]
        func document(_ name: String, through steps: [DocumentState], agency: String = agency) throws -> Int64 {
            var record = outboundDocument(name)
            record.agency = agency
            let id = try #require(try store.insert(record, note: "found").id)
            for next in steps { try store.transition(id, to: next, note: "step") }
            return id
        }
        let waiting = try document("cho-truc.pdf", through: packaged)
        let alsoWaiting = try document("cho-truc-2.pdf", through: packaged)
        let lostReply = try document("mat-tra-loi.pdf", through: packaged)
        let signingWait = try document("cho-khoa.pdf", through: [.claimed])
        let otherAgency = try document("co-quan-khac.pdf", through: packaged, agency: "000.00.00.H26")
        let notWaiting = try document("khong-cho.pdf", through: packaged)
        for id in [waiting, alsoWaiting, lostReply, signingWait, otherAgency] {
            try store.recordFailedAttempt(id, error: "HTTP 503", retryAt: later)
        }
        try store.annotate(lostReply, note: "no reply") { $0.sendUncertain = true }

        #expect(try store.retrySendsNow(agency: agency) == 2)

        for id in [waiting, alsoWaiting, notWaiting] { #expect(try store.document(id)?.nextAttemptAt == nil) }
        for id in [lostReply, signingWait, otherAgency] { #expect(try store.document(id)?.nextAttemptAt == later) }
        #expect(try store.document(waiting)?.attempts == 1, "the failed attempt stays counted")
        #expect(try store.due(direction: .outbound, agency: agency).map(\.id) == [waiting, alsoWaiting, notWaiting])
        #expect(try store.retrySendsNow(agency: agency) == 0)
    }

    @Test func anUrgentDocumentComesBeforeOlderOrdinaryOnesAndUrgentOnesKeepTheirOrder() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        func insert(_ name: String, priority: Int) throws -> Int64 {
            var document = outboundDocument(name)
            document.priority = priority
            return try #require(try store.insert(document, note: "found").id)
        }
        let first = try insert("a.pdf", priority: 0)
        let second = try insert("b.pdf", priority: 0)
        let flash = try insert("hoa-toc.pdf", priority: 3)
        let urgent = try insert("khan.pdf", priority: 1)
        let laterFlash = try insert("hoa-toc-2.pdf", priority: 3)
        let agency = "000.00.00.H41"
        #expect(
            try store.due(direction: .outbound, agency: agency).map(\.id) == [flash, laterFlash, urgent, first, second])
        #expect(try store.document(flash)?.priority == 3)
        // A flash document waiting for its retry time lets the others go.
        try store.recordFailedAttempt(flash, error: "axis unreachable", retryAt: Date().addingTimeInterval(60))
        #expect(try store.due(direction: .outbound, agency: agency, limit: 2).map(\.id) == [laterFlash, urgent])
    }

    @Test func anInboundDocIdIsRecordedOncePerAgency() throws {
        let fixture = try TemporaryStore()
        var record = DocumentRecord(direction: .inbound, agency: "000.00.00.H26", fileName: "", axisDocId: "axis-7")
        record.counterpart = "000.00.00.H41"
        let (first, firstIsNew) = try fixture.store.insertInboundIfNew(record, note: "listed")
        let (second, secondIsNew) = try fixture.store.insertInboundIfNew(record, note: "listed again")
        #expect(firstIsNew && !secondIsNew)
        #expect(first.id == second.id)
        var other = record
        other.agency = "000.00.00.G22"
        #expect(try fixture.store.insertInboundIfNew(other, note: "listed").isNew)
    }

    @Test func stateSurvivesReopeningTheDatabase() throws {
        let fixture = try TemporaryStore()
        let id = try #require(try fixture.store.insert(outboundDocument(), note: "found").id)
        try fixture.store.transition(id, to: .claimed, note: "claimed")
        let reopened = try DocumentStore(path: fixture.store.path)
        #expect(try reopened.document(id)?.state == .claimed)
        let reader = try DocumentStore(readingFrom: fixture.store.path)
        #expect(try reader.countsByState()[.claimed] == 1)
        #expect(try reader.documents(direction: .outbound).count == 1)
    }

    @Test func theDatabaseRunsInWALWithFullSynchronousWrites() throws {
        let fixture = try TemporaryStore()
        _ = try fixture.store.insert(outboundDocument(), note: "found")
        let walFile = fixture.directory.appendingPathComponent("state.db-wal").path
        #expect(FileManager.default.fileExists(atPath: walFile))
        #expect(try fixture.store.pragma("journal_mode") == "wal")
        #expect(try fixture.store.pragma("synchronous") == "2")
    }

    @Test func aStatusMessageFindsTheDocumentItAnswers() throws {
        let fixture = try TemporaryStore()
        var record = outboundDocument()
        record.edxmlDocumentId = "000.00.00.H41,2026/11/25,12/UBND-VP"
        let id = try fixture.store.insert(record, note: "found").id
        #expect(try fixture.store.outbound(edxmlDocumentId: "000.00.00.H41,2026/11/25,12/UBND-VP")?.id == id)
        #expect(try fixture.store.outbound(edxmlDocumentId: "other") == nil)
    }
}
