import Foundation
import Synchronization
import Testing

@testable import StateStore

/// The observer behind `/metrics` hears every committed move and failed attempt, once, after the commit, and
/// nothing of a transaction that failed.
@Suite struct CommittedStepsTests {
    final class Recorder: DocumentStoreObserver {
        let steps = Mutex<[CommittedStep]>([])
        func committed(_ steps: [CommittedStep]) { self.steps.withLock { $0 += steps } }
    }

    static func store(observer: Recorder) throws -> (DocumentStore, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try DocumentStore(path: directory.appendingPathComponent("state.db").path, observer: observer)
        return (store, directory)
    }

    @Test func everyMoveAndRetryIsToldOnceWithItsDocument() throws {
        let recorder = Recorder()
        let (store, directory) = try Self.store(observer: recorder)
        defer { try? FileManager.default.removeItem(at: directory) }
        let id = try #require(try store.insert(outboundDocument(), note: "found").id)
        try store.transition(id, to: .claimed, note: "claimed")
        try store.recordFailedAttempt(id, error: "token not present", retryAt: Date())
        try store.annotate(id, note: "a note is not a step")
        try store.transition(id, to: .signed, note: "signed")

        let steps = recorder.steps.withLock { $0 }
        #expect(
            steps.map(\.kind) == [
                .transition(from: nil, to: .detected), .transition(from: .detected, to: .claimed),
                .retry(state: .claimed), .transition(from: .claimed, to: .signed),
            ])
        #expect(steps.allSatisfy { $0.agency == "000.00.00.H41" && $0.direction == .outbound })
        let created = try #require(try store.document(id)).createdAt
        #expect(steps.allSatisfy { abs($0.documentCreatedAt.timeIntervalSince(created)) < 0.01 })
    }

    @Test func aRefusedMoveTellsNothing() throws {
        let recorder = Recorder()
        let (store, directory) = try Self.store(observer: recorder)
        defer { try? FileManager.default.removeItem(at: directory) }
        let id = try #require(try store.insert(outboundDocument(), note: "found").id)
        #expect(throws: StateStoreError.self) { try store.transition(id, to: .sent, note: "skipping steps") }
        #expect(recorder.steps.withLock { $0.count } == 1)
    }

    @Test func recentDocumentsCarryTheStatusesExchanged() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let sent = try #require(try store.insert(outboundDocument("sent.pdf"), note: "found").id)
        try store.noteStatus(sent, StatusNote(code: "01", sender: "000.00.00.H26"), description: "arrived")
        try store.noteStatus(sent, StatusNote(code: "03", sender: "000.00.00.H26"), description: "accepted")
        // A note that only reads like a status is not one.
        try store.annotate(sent, note: "status 04 from 000.00.00.H26: typed by hand")
        _ = try store.insert(outboundDocument("other.pdf"), note: "found")

        let recent = try store.recent(agency: "000.00.00.H41", direction: .outbound, limit: 50)
        #expect(recent.map(\.document.fileName) == ["other.pdf", "sent.pdf"])
        #expect(recent[1].statuses.map(\.code) == ["01", "03"])
        #expect(recent[1].statuses.allSatisfy { $0.from == "000.00.00.H26" && $0.state == "received" })
        #expect(recent[0].statuses.isEmpty)
        #expect(try store.recent(agency: "000.00.00.H41", direction: .outbound, limit: 1).count == 1)
        #expect(try store.recent(agency: "000.00.00.H26", direction: .outbound, limit: 50).isEmpty)
    }
}
