import Foundation
import Testing

/// reliability.md, "Durable state": the real daemon is killed 200 times while documents flow: at every step boundary
/// in turn (a failpoint makes it `_exit` right after an effect, before the commit that records it) and at random
/// moments (SIGKILL). Counted on the axis side at the end: every document stored exactly once, every source file
/// filed in `sent/`, nothing left in a state that needs work, and the database sound after every kill.
@Suite(.serialized) struct OutboundCrashLoopTests {
    static let sender = TwoAgencies.codeA
    static let recipient = TwoAgencies.codeB
    /// The step boundaries of the outbound pipeline, in its order (docs/architecture.md, "Crash safety").
    static let places = [
        "claim.recorded", "claim.moved", "sign.written", "package.written", "send.intent", "send.stored",
        "file.moved", "file.receipt",
    ]
    static let iterations = 200
    static let seed: UInt64 = 0x6C69_656E_7468_6F6E

    @Test func killedAtEveryStepBoundaryAndAtRandomEveryDocumentIsStoredOnceAndFiled() async throws {
        let world = try TwoAgencies()
        try world.startAxis()
        // Short waits keep the loop fast; the rules are the same as with the defaults.
        try world.editConfig(Self.sender) { text in
            text.replacingOccurrences(of: "request_timeout: 30s", with: "request_timeout: 3s")
                .replacingOccurrences(of: "settle_time: 1s", with: "settle_time: 200ms")
                .replacingOccurrences(of: "max_delay: 10s", with: "max_delay: 2s")
        }
        let database = StateDatabase(path: world.home(Self.sender) + "/state/state.db")
        var random = SeededRandom(seed: Self.seed)
        var dropped: [String] = []
        var reached: [String: Int] = [:]
        let started = Date()

        for iteration in 0..<Self.iterations {
            for _ in 0..<2 {
                let name = "\(dropped.count + 1)_Crash loop \(dropped.count + 1).pdf"
                try world.drop(TestPDF.make(note: name), named: name, into: Self.recipient, of: Self.sender)
                dropped.append(name)
            }
            if iteration.isMultiple(of: 2) {
                let place = Self.places[(iteration / 2) % Self.places.count]
                let daemon = try world.startDaemon(Self.sender, environment: ["LIENTHONG_FAILPOINT": place])
                let exited = await eventually(timeout: 60) { !daemon.isRunning }
                if !exited { daemon.kill() }
                daemon.waitUntilExit()
                #expect(
                    exited && daemon.terminationStatus == 86,
                    """
                    iteration \(iteration): the daemon did not stop at \(place) (status \(daemon.terminationStatus)):
                    \(daemon.log.suffix(3000))
                    """)
                if exited && daemon.terminationStatus == 86 { reached[place, default: 0] += 1 }
            } else {
                let daemon = try world.startDaemon(Self.sender)
                try await Task.sleep(for: .milliseconds(Int.random(in: 50...1500, using: &random)))
                daemon.kill()
            }
            let integrity = try database.integrityCheck()
            #expect(integrity == "ok", "iteration \(iteration): PRAGMA integrity_check says \(integrity)")
            if integrity != "ok" { return }
        }
        let loop = Date().timeIntervalSince(started)

        // The last start runs without faults until everything is done.
        try world.startDaemon(Self.sender)
        let sent = world.share(Self.sender) + "/sent"
        let drained = try await eventually(timeout: 120) {
            let unfinished = try database.unfinishedDocuments()
            return world.files(under: sent).filter { $0.hasSuffix(".pdf.receipt.txt") }.count >= dropped.count
                && unfinished == 0
        }
        let filed = world.files(under: sent).filter { $0.hasSuffix(".pdf.receipt.txt") }
        #expect(drained, "\(filed.count) of \(dropped.count) filed:\n\(world.logs.suffix(5000))")
        for name in dropped {
            #expect(filed.filter { $0.hasSuffix("/" + name + ".receipt.txt") }.count == 1, "\(name) is not filed once")
        }
        #expect(world.files(under: world.share(Self.sender) + "/failed").isEmpty)
        #expect(world.files(under: world.share(Self.sender) + "/outbox").isEmpty)
        #expect(try database.unfinishedDocuments() == 0)

        let stats = try world.admin.stats()
        let stored = (stats["documents_by_sender"] as? [String: Int])?[Self.sender]
        let duplicates = stats["duplicate_documents"] as? Int
        #expect(stored == dropped.count, "the axis stored \(stored ?? -1) documents for \(dropped.count) dropped")
        #expect(duplicates == 0, "the axis stored duplicates: \(stats["duplicates"] ?? "")")
        for place in Self.places {
            #expect(reached[place, default: 0] >= Self.iterations / 2 / Self.places.count, "\(place): \(reached)")
        }
        print(
            "outbound crash loop: \(Self.iterations) kills (\(Self.iterations / 2) at step boundaries \(reached), "
                + "\(Self.iterations / 2) at random, seed \(Self.seed)), \(dropped.count) documents, "
                + "\(stored ?? -1) stored on the axis, \(duplicates ?? -1) duplicates, "
                + "\(try database.unfinishedDocuments()) unfinished; loop \(Int(loop)) s, "
                + "drained in \(Int(Date().timeIntervalSince(started) - loop)) s")
    }
}
