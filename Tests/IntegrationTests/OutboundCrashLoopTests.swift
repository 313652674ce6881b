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
        let loop = CrashLoop(
            world: world, code: Self.sender, places: Self.places, iterations: Self.iterations, seed: Self.seed)
        let database = loop.database
        var dropped: [String] = []
        let started = Date()
        let reached = try await loop.run { _ in
            for _ in 0..<2 {
                let name = "\(dropped.count + 1)_Crash loop \(dropped.count + 1).pdf"
                try world.drop(TestPDF.make(note: name), named: name, into: Self.recipient, of: Self.sender)
                dropped.append(name)
            }
        }
        let looped = Date().timeIntervalSince(started)

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
        // Nothing is left in the outbox; DANG-CHO-GUI.txt goes a second after the last document.
        #expect(
            await eventually(timeout: 15) { world.files(under: world.share(Self.sender) + "/outbox").isEmpty },
            "\(world.files(under: world.share(Self.sender) + "/outbox"))")
        #expect(try database.unfinishedDocuments() == 0)

        let stats = try world.admin.stats()
        let stored = (stats["documents_by_sender"] as? [String: Int])?[Self.sender]
        let duplicates = stats["duplicate_documents"] as? Int
        #expect(stored == dropped.count, "the axis stored \(stored ?? -1) documents for \(dropped.count) dropped")
        #expect(duplicates == 0, "the axis stored duplicates: \(stats["duplicates"] ?? "")")
        print(
            "outbound crash loop: \(Self.iterations) kills (\(Self.iterations / 2) at step boundaries \(reached), "
                + "\(Self.iterations / 2) at random, seed \(Self.seed)), \(dropped.count) documents, "
                + "\(stored ?? -1) stored on the axis, \(duplicates ?? -1) duplicates, "
                + "\(try database.unfinishedDocuments()) unfinished; loop \(Int(looped)) s, "
                + "drained in \(Int(Date().timeIntervalSince(started) - looped)) s")
    }
}
