import Foundation
import GRDB
import Testing

@testable import StateStore

/// Outbound revoke/update/replace requests in the state store: the v4 migration, the refusals checked in the
/// inserting transaction, and statuses credited to the document a request concerns.
@Suite struct BusinessRequestStoreTests {
    static let documentId = "000.00.00.H41,2026/11/20,125/UBND-VX"

    /// An outbound document walked to `filed` with an axis DocId.
    static func sentDocument(in store: DocumentStore) throws -> DocumentRecord {
        let id = try #require(try store.insert(outboundDocument(), note: "found").id)
        for next: DocumentState in [.claimed, .signed, .packaged] { try store.transition(id, to: next, note: "step") }
        try store.transition(id, to: .sent, note: "sent") { $0.axisDocId = "axis-1" }
        return try store.transition(id, to: .filed, note: "filed") {
            $0.destinationPath = "/srv/h41/sent/cong-van.pdf"
            $0.edxmlDocumentId = Self.documentId
        }
    }

    static func request(_ type: String, of id: Int64, reason: String? = "Sai nơi nhận") -> DocumentRecord {
        var request = outboundDocument()
        request.sourcePath = "/var/lib/lienthong/spool/requests/x/cong-van.pdf"
        request.businessDocType = type
        request.businessDocumentId = documentId
        request.relatedDocumentId = id
        request.businessReason = reason
        return request
    }

    static func refusal(_ body: () throws -> Void) -> BusinessRequestRefusal? {
        do {
            try body()
            return nil
        } catch let refusal as BusinessRequestRefusal {
            return refusal
        } catch {
            return nil
        }
    }

    @Test func migrationV4IsRecordedAndItsColumnsRoundTrip() throws {
        let fixture = try TemporaryStore()
        let migrations = try fixture.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(migrations.contains("v4: business operations"), "\(migrations)")
        let original = try Self.sentDocument(in: fixture.store)
        let stored = try fixture.store.insertBusinessRequest(Self.request("1", of: original.id!), note: "revoke")
        let read = try #require(try fixture.store.document(stored.id!))
        #expect(read.relatedDocumentId == original.id)
        #expect(read.businessReason == "Sai nơi nhận")
        #expect(read.businessDocType == "1")
        #expect(read.businessDocumentId == Self.documentId)
        #expect(read.state == .detected)
        #expect(try fixture.store.businessRequests(concerning: original.id!).map(\.id) == [stored.id])
    }

    @Test func aRequestIsNotedInTheHistoryOfTheDocumentItConcerns() throws {
        let fixture = try TemporaryStore()
        let original = try Self.sentDocument(in: fixture.store)
        let request = try fixture.store.insertBusinessRequest(Self.request("1", of: original.id!), note: "revoke")
        let history = try fixture.store.events(of: original.id!).map(\.message)
        #expect(history.contains("revoke requested as #\(request.id!): Sai nơi nhận"), "\(history)")
    }

    @Test func unknownInboundAndUnsentDocumentsAreRefused() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        #expect(Self.refusal { _ = try store.businessRequestTarget(99, type: "1") } == .unknownDocument(99))
        var inbound = DocumentRecord(
            direction: .inbound, agency: "000.00.00.H41", fileName: "x", counterpart: "000.00.00.H26",
            axisDocId: "in-1")
        inbound = try store.insert(inbound, note: "listed")
        #expect(
            Self.refusal { _ = try store.businessRequestTarget(inbound.id!, type: "3") }
                == .inbound(inbound.id!, sender: "000.00.00.H26"))
        let waiting = try store.insert(outboundDocument(), note: "found")
        #expect(
            Self.refusal { _ = try store.businessRequestTarget(waiting.id!, type: "1") }
                == .notSent(waiting.id!, state: .detected))
        let refusal = Self.refusal { _ = try store.insertBusinessRequest(Self.request("2", of: waiting.id!), note: "") }
        #expect(refusal == .notSent(waiting.id!, state: .detected))
        #expect(try store.businessRequests(concerning: waiting.id!).isEmpty, "a refused request was recorded")
    }

    @Test func aSecondRevokeIsRefusedWhileTheFirstIsPendingAndAllowedOnceItFailed() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let original = try Self.sentDocument(in: store)
        let first = try store.insertBusinessRequest(Self.request("1", of: original.id!), note: "revoke")
        #expect(
            Self.refusal { _ = try store.insertBusinessRequest(Self.request("1", of: original.id!), note: "") }
                == .revokePending(original.id!, request: first.id!, state: .detected))
        // A replacement is not a revoke: it may be queued meanwhile.
        _ = try store.insertBusinessRequest(Self.request("3", of: original.id!), note: "replace")
        try store.transition(first.id!, to: .failed, note: "gave up")
        let second = try store.insertBusinessRequest(Self.request("1", of: original.id!), note: "revoke again")
        #expect(second.id != nil)
    }

    /// The retry's check and its transition are one transaction: once another revoke is queued, the failed one
    /// stays failed, and once none is pending it goes back to `detected` with the change applied.
    @Test func aFailedRevokeIsRequeuedOnlyWhileNoOtherRevokeIsPending() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let original = try Self.sentDocument(in: store)
        let first = try store.insertBusinessRequest(Self.request("1", of: original.id!), note: "revoke")
        try store.transition(first.id!, to: .failed, note: "gave up")
        let second = try store.insertBusinessRequest(Self.request("1", of: original.id!), note: "revoke again")
        #expect(
            Self.refusal { _ = try store.requeueBusinessRequest(first.id!, note: "retry") { _ in } }
                == .revokePending(original.id!, request: second.id!, state: .detected))
        #expect(try store.document(first.id!)?.state == .failed)

        try store.transition(second.id!, to: .failed, note: "gave up too")
        let requeued = try store.requeueBusinessRequest(first.id!, note: "retry") { $0.sourcePath = "/staged/x.pdf" }
        #expect(requeued.state == .detected)
        #expect(try store.document(first.id!)?.sourcePath == "/staged/x.pdf")
    }

    @Test func aRevokeOrUpdateRequestCannotItselfBeRevoked() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let original = try Self.sentDocument(in: store)
        let revoke = try store.insertBusinessRequest(Self.request("1", of: original.id!), note: "revoke")
        #expect(
            Self.refusal { _ = try store.businessRequestTarget(revoke.id!, type: "1") }
                == .isRequest(revoke.id!, concerning: original.id!))
    }

    @Test func statusesForTheDocumentIdAreCreditedToTheDocumentNotToARevokeCarryingIt() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let original = try Self.sentDocument(in: store)
        let revoke = try store.insertBusinessRequest(Self.request("1", of: original.id!), note: "revoke")
        for next: DocumentState in [.claimed, .signed] { try store.transition(revoke.id!, to: next, note: "step") }
        try store.transition(revoke.id!, to: .packaged, note: "packaged") { $0.edxmlDocumentId = Self.documentId }
        #expect(try store.outbound(edxmlDocumentId: Self.documentId)?.id == original.id)
    }
}
