import Foundation
import Testing

/// reliability.md, "Durable state", inbound: agency B's daemon is killed 200 times while A keeps sending to it: at
/// every inbound step boundary in turn and at random moments. Counted at the end: every document A sent is in B's
/// inbox exactly once (one folder each), the axis lists nothing pending for B (each acknowledged), no staging folder
/// is left in the inbox, nothing needs work, the axis holds no message twice, and it holds one status 01 per document.
@Suite(.serialized) struct InboundCrashLoopTests {
    static let sender = TwoAgencies.codeA
    static let recipient = TwoAgencies.codeB
    static let places = ["download.written", "deliver.planned", "deliver.moved", "status01.sent", "ack.done"]
    static let iterations = 200
    static let seed: UInt64 = 0x696E_626F_756E_64

    @Test func killedAtEveryStepBoundaryAndAtRandomEveryDocumentIsDeliveredOnceAndAcknowledged() async throws {
        let world = try TwoAgencies()
        try world.startAxis()
        try world.editConfig(Self.sender) { $0.replacingOccurrences(of: "settle_time: 1s", with: "settle_time: 200ms") }
        try world.editConfig(Self.recipient) { text in
            text.replacingOccurrences(of: "poll_interval: 2s", with: "poll_interval: 300ms")
                .replacingOccurrences(of: "max_delay: 10s", with: "max_delay: 2s")
        }
        try world.startDaemon(Self.sender)
        let loop = CrashLoop(
            world: world, code: Self.recipient, places: Self.places, iterations: Self.iterations, seed: Self.seed)
        var numbers: [Int] = []
        let started = Date()
        let reached = try await loop.run { iteration in
            guard iteration.isMultiple(of: 2) else { return }
            let number = numbers.count + 1
            try world.drop(
                TestPDF.make(note: "\(number)"), named: "\(number)_Vong lap nhan \(number).pdf",
                into: Self.recipient, of: Self.sender)
            numbers.append(number)
        }
        let looped = Date().timeIntervalSince(started)

        try world.startDaemon(Self.recipient)
        let inbox = world.share(Self.recipient) + "/inbox"
        func folders() -> [String] { world.files(under: inbox).filter { $0.hasSuffix("/document.json") } }
        func pending() throws -> Int {
            (try world.admin.stats()["pending_by_recipient"] as? [String: Int])?[Self.recipient] ?? 0
        }
        let drained = try await eventually(timeout: 180) {
            let unfinished = try loop.database.unfinishedDocuments()
            let waiting = try pending()
            return folders().count >= numbers.count && waiting == 0 && unfinished == 0
        }
        let summary = "\(folders().count) of \(numbers.count) delivered, \((try? pending()) ?? -1) pending"
        #expect(drained, "\(summary):\n\(world.logs.suffix(5000))")
        let delivered = folders()
        for number in numbers {
            let copies = delivered.filter { $0.contains("_\(number)-DEMO/") }
            #expect(copies.count == 1, "document \(number) is in the inbox \(copies.count) times: \(copies)")
        }
        #expect(delivered.count == numbers.count, "\(delivered)")
        let staging = try FileManager.default.subpathsOfDirectory(atPath: inbox).filter {
            ($0 as NSString).lastPathComponent.hasPrefix(".lienthong-tmp")
        }
        #expect(staging.isEmpty, "staging left in the inbox: \(staging)")
        #expect(world.files(under: world.share(Self.recipient) + "/quarantine").isEmpty)

        let stats = try world.admin.stats()
        let duplicates = stats["duplicate_documents"] as? Int
        #expect(duplicates == 0, "the axis holds messages twice: \(stats["duplicates"] ?? "")")
        #expect((stats["documents_by_sender"] as? [String: Int])?[Self.sender] == numbers.count, "\(stats)")
        // B sends nothing but status 01, composed afresh for each attempt: counted by sender, not by content.
        #expect(
            (stats["documents_by_sender"] as? [String: Int])?[Self.recipient] == numbers.count,
            "status 01 is not on the axis exactly once per document: \(stats)")
        print(
            "inbound crash loop: \(Self.iterations) kills (\(Self.iterations / 2) at step boundaries \(reached), "
                + "\(Self.iterations / 2) at random, seed \(Self.seed)), \(numbers.count) documents, "
                + "\(delivered.count) delivered, \((try? pending()) ?? -1) pending on the axis, "
                + "\(duplicates ?? -1) duplicates; loop \(Int(looped)) s, "
                + "drained in \(Int(Date().timeIntervalSince(started) - looped)) s")
    }
}
