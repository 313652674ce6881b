import Foundation
import Testing

@testable import StateStore

/// The time of a document's move into a state, read from its history (the filer dates `sent/<day>/` by it).
@Suite struct LastTransitionTests {
    @Test func theTimeOfTheMoveIsFoundAndLaterNotesDoNotChangeIt() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let id = try #require(try store.insert(outboundDocument(), note: "found").id)
        let start = Date(timeIntervalSince1970: 1_798_736_400)
        for (offset, next) in [DocumentState.claimed, .signed, .packaged, .sent].enumerated() {
            try store.transition(id, to: next, note: "\(next)", now: start + Double(offset))
        }
        try store.annotate(id, note: "filing planned", now: start + 60)
        try store.noteStatus(
            id, StatusNote(code: "03", sender: "000.00.00.H26"), description: "received", now: start + 120)

        #expect(try store.lastTransition(of: id, to: .sent) == start + 3)
        #expect(try store.lastTransition(of: id, to: .claimed) == start)
        #expect(try store.lastTransition(of: id, to: .filed) == nil)
        #expect(try store.lastTransition(of: id + 1, to: .sent) == nil)
    }
}
