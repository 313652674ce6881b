import Foundation
import Testing

@testable import StateStore

func inboundDocument(agency: String = "000.00.00.H26", docId: String = "d-1") -> DocumentRecord {
    DocumentRecord(direction: .inbound, agency: agency, fileName: "", counterpart: "000.00.00.H41", axisDocId: docId)
}

@Suite struct InboundStoreTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func listed(
        _ store: DocumentStore, agency: String = "000.00.00.H26", docId: String = "d-1"
    ) throws -> Int64 {
        let (record, isNew) = try store.insertInboundIfNew(
            inboundDocument(agency: agency, docId: docId), note: "listed")
        #expect(isNew)
        return try #require(record.id)
    }

    @Test func aWholeListIsRecordedInOneCallKeepingItsOrderAndWhatWasThere() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let earlier = try Self.listed(store, docId: "d-2")
        let results = try store.insertInboundIfNew([
            (inboundDocument(docId: "d-1"), note: "listed"),
            (inboundDocument(docId: "d-2"), note: "listed again"),
            (inboundDocument(agency: "000.00.00.G22", docId: "d-2"), note: "listed for another agency"),
        ])
        #expect(results.map(\.isNew) == [true, false, true])
        #expect(results[1].0.id == earlier)
        #expect(Set(results.compactMap(\.0.id)).count == 3)
        #expect(try store.dueInbound(agencies: ["000.00.00.H26"]).map(\.axisDocId) == ["d-2", "d-1"])
        #expect(try store.events(of: earlier).map(\.message) == ["listed"], "nothing added to the existing record")
    }

    /// A quarantined document whose `fail` the axis has not accepted must be found again, after a restart too.
    @Test func dueInboundIncludesQuarantinedDocumentsWithAFailStillToSendOnceTheirTimeHasCome() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let working = try Self.listed(store, docId: "working")
        let pending = try Self.listed(store, docId: "pending")
        let settled = try Self.listed(store, docId: "settled")
        let otherAgency = try Self.listed(store, agency: "000.00.00.G22", docId: "other")
        try store.transition(pending, to: .quarantined, note: "bad") { $0.failAcknowledgementPending = true }
        try store.transition(settled, to: .quarantined, note: "bad")
        #expect(try store.dueInbound(agencies: ["000.00.00.H26"], now: Self.now).map(\.id) == [working, pending])
        #expect(
            try store.dueInbound(agencies: ["000.00.00.H26", "000.00.00.G22"], now: Self.now).map(\.id)
                == [working, pending, otherAgency])

        try store.recordFailedAttempt(
            pending, error: "axis down", retryAt: Self.now.addingTimeInterval(60), now: Self.now)
        #expect(try store.dueInbound(agencies: ["000.00.00.H26"], now: Self.now).map(\.id) == [working])
        #expect(
            try store.dueInbound(agencies: ["000.00.00.H26"], now: Self.now.addingTimeInterval(61)).map(\.id)
                == [working, pending])
    }

    @Test func anUnreadableFetchIsCountedAndADownloadedDocumentGoesBackToBeFetchedAgain() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let id = try Self.listed(store)
        let retryAt = Self.now.addingTimeInterval(30)
        let empty = try store.recordUnreadableFetch(id, error: "empty", retryAt: retryAt, now: Self.now)
        #expect(empty.state == .listed)
        #expect(empty.unreadableFetches == 1)
        #expect(empty.nextAttemptAt == retryAt)

        try store.transition(id, to: .downloaded, note: "downloaded", now: Self.now)
        let garbled = try store.recordUnreadableFetch(id, error: "not edXML", retryAt: retryAt, now: Self.now)
        #expect(garbled.state == .listed)
        #expect(garbled.unreadableFetches == 2, "a successful download does not reset the count")
        #expect(garbled.lastError == "not edXML")
        #expect(try store.document(id) == garbled)
        let history = try store.events(of: id).map(\.message)
        #expect(history.contains("unreadable content (fetch 1): empty"))
        #expect(history.contains("unreadable content (fetch 2): not edXML"))
        #expect(try store.events(of: id).last?.toState == .listed)
    }

    @Test func anAcceptedAcknowledgementSettlesEveryCopyOfTheDocId() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let delivered = try Self.listed(store)
        let refused = try Self.listed(store, agency: "000.00.00.H41")
        try store.transition(delivered, to: .downloaded, note: "downloaded")
        try store.transition(delivered, to: .delivered, note: "delivered")
        try store.transition(refused, to: .quarantined, note: "bad signature") {
            $0.quarantineReason = "bad signature"
            $0.lastError = "bad signature"
            $0.failAcknowledgementPending = true
        }
        try store.recordFailedAttempt(refused, error: "updateStatus fail: axis down", retryAt: Self.now)
        #expect(
            try store.inboundCopies(
                axisDocId: "d-1", messageType: "edoc", agencies: ["000.00.00.H26", "000.00.00.H41"]
            )
            .map(\.id) == [delivered, refused])
        #expect(
            try store.inboundCopies(axisDocId: "d-1", messageType: "edoc", agencies: ["000.00.00.H41"]).map(\.id)
                == [refused])

        try store.recordAcknowledged([delivered, refused], status: "done", now: Self.now)

        #expect(try store.document(delivered)?.state == .acknowledged)
        let settled = try #require(try store.document(refused))
        #expect(settled.state == .quarantined)
        #expect(!settled.failAcknowledgementPending)
        #expect(settled.lastError == "bad signature")
        #expect(settled.nextAttemptAt == nil)
        #expect(try store.events(of: refused).last?.message == "the axis was told done")
        #expect(try store.dueInbound(agencies: ["000.00.00.H26", "000.00.00.H41"]).isEmpty)
    }
}

@Suite struct InboundCopiesTests {
    @Test func anotherAgencyNamedInTheEnvelopeGetsItsOwnListedCopyOnce() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let id = try InboundStoreTests.listed(store, agency: "000.01.00.H41")
        let listed = try #require(try store.document(id))
        let added = try store.addInboundCopies(
            of: listed, for: ["000.01.00.H41", "000.02.00.H41", "000.03.00.H41"], note: "named in To")
        #expect(added.map(\.agency) == ["000.02.00.H41", "000.03.00.H41"])
        #expect(added.allSatisfy { $0.state == .listed && $0.axisDocId == "d-1" && $0.counterpart == "000.00.00.H41" })
        #expect(try store.events(of: try #require(added.first?.id)).map(\.message) == ["named in To"])
        let again = try store.addInboundCopies(of: listed, for: ["000.02.00.H41", "000.03.00.H41"], note: "again")
        #expect(again.isEmpty)
        let (existing, isNew) = try store.insertInboundIfNew(inboundDocument(agency: "000.02.00.H41"), note: "listed")
        #expect(!isNew && existing.id == added.first?.id)
    }

    /// A record listed for an agency the envelope does not name ends without delivering anything, and never again
    /// needs work.
    @Test func aRedirectedRecordIsSettled() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let id = try InboundStoreTests.listed(store, agency: "000.01.00.H41")
        #expect(throws: StateStoreError.self) { try store.transition(id, to: .redirected, note: "too early") }
        try store.transition(id, to: .downloaded, note: "downloaded")
        let redirected = try store.transition(id, to: .redirected, note: "addressed to 000.02.00.H41")
        #expect(redirected.state.isTerminal && redirected.state.direction == .inbound)
        #expect(try store.dueInbound(agencies: ["000.01.00.H41"]).isEmpty)
    }
}
