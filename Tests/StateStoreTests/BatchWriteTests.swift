import Foundation
import Testing

@testable import StateStore

/// Several documents recorded or moved in one transaction (a batch of claims).
@Suite struct BatchWriteTests {
    @Test func aBatchInsertRecordsEachDocumentInOrderWithItsHistoryLine() throws {
        let fixture = try TemporaryStore()
        let inserted = try fixture.store.insert([
            (outboundDocument("a.pdf"), note: "found a"), (outboundDocument("b.pdf"), note: "found b"),
        ])
        #expect(inserted.map(\.fileName) == ["a.pdf", "b.pdf"])
        #expect(inserted.allSatisfy { $0.state == .detected })
        let ids = inserted.compactMap(\.id)
        #expect(ids.count == 2 && ids[0] < ids[1])
        #expect(try fixture.store.events(of: ids[1]).map(\.message) == ["found b"])
    }

    @Test func aRefusedMoveFailsAloneAndTheOthersAreCommitted() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let ids = try store.insert([
            (outboundDocument("a.pdf"), note: "found"), (outboundDocument("b.pdf"), note: "found"),
            (outboundDocument("c.pdf"), note: "found"),
        ]).compactMap(\.id)
        try store.transition(ids[1], to: .failed, note: "vanished")

        let results = try store.transition([
            DocumentMove(ids[0], to: .claimed, note: "claimed a") { $0.subject = "Công văn A" },
            DocumentMove(ids[1], to: .claimed, note: "claimed b"),
            DocumentMove(999, to: .claimed, note: "nobody"),
            DocumentMove(ids[2], to: .claimed, note: "claimed c"),
        ])

        #expect(try results[0].get().subject == "Công văn A")
        guard case .failure(.illegalTransition(let id, .failed, .claimed)) = results[1] else {
            Issue.record("expected b's move to be refused, got \(results[1])")
            return
        }
        #expect(id == ids[1])
        guard case .failure(.unknownDocument(999)) = results[2] else {
            Issue.record("expected an unknown document, got \(results[2])")
            return
        }
        #expect(try store.document(ids[0])?.state == .claimed)
        #expect(try store.document(ids[1])?.state == .failed)
        #expect(try store.document(ids[2])?.state == .claimed)
        #expect(try store.events(of: ids[2]).last?.message == "claimed c")
    }
}
