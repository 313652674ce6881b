import Foundation
import Testing

/// reliability.md: "Another machine's clock is not ours". The axis stores a message and drops the connection, and
/// reports its times shifted (`clock_offset`, as an axis writing UTC where Vietnam time is expected, or a clock an
/// hour or eight off): the daemons still find their messages with getSentEdocList and never send one twice: A's
/// documents, before it has learnt the axis's offset (the first) and after (from a DocId it owns), and B's status
/// messages, the automatic 01 and a clerk's 03.
@Suite(.serialized) struct LostReplyClockTests {
    static let sender = TwoAgencies.codeA
    static let storeThenDrop =
        #"{"method":"sendEdoc","system_id":"000.00.00.H41","count":1,"fault":{"kind":"store_then_drop"}}"#
    static let statusStoreThenDrop =
        #"{"method":"sendEdoc","system_id":"000.00.00.H26","count":1,"fault":{"kind":"store_then_drop"}}"#

    @Test(arguments: ["-7h", "+1h", "+8h"])
    func aLostReplyIsFoundWhateverTheAxisClockSays(_ offset: String) async throws {
        let world = try TwoAgencies()
        let axisConfig = world.root + "/axis/axis.yaml"
        let axisYAML = try String(contentsOfFile: axisConfig, encoding: .utf8)
        try (axisYAML + "\nclock_offset: \(offset)\n").write(toFile: axisConfig, atomically: true, encoding: .utf8)
        try world.startAxis()
        for code in [Self.sender, TwoAgencies.codeB] {
            try world.editConfig(code) {
                $0.replacingOccurrences(of: "request_timeout: 30s", with: "request_timeout: 3s")
            }
        }
        try world.startDaemon(Self.sender)
        try world.startDaemon(TwoAgencies.codeB)

        try world.admin.addFault(Self.storeThenDrop)
        try world.admin.addFault(Self.statusStoreThenDrop)
        let first = try await AxisFaultTests.deliver("41_Lech gio \(offset) mot.pdf", in: world)
        _ = try await AxisFaultTests.deliver("42_Lech gio \(offset) hai.pdf", in: world)
        try world.admin.addFault(Self.storeThenDrop)
        let third = try await AxisFaultTests.deliver("43_Lech gio \(offset) ba.pdf", in: world)

        try world.admin.addFault(Self.statusStoreThenDrop)
        let answered = try AnswerTests.receivedId(of: "43_Lech gio \(offset) ba.pdf", in: world)
        let answer = try AnswerTests.lienthong(world, ["answer", answered, "03"])
        #expect(answer.status == 0, "\(answer.output)")
        // Three statuses 01 and the 03, each once, the first 01 and the 03 after a lost reply.
        #expect(
            try await eventually(timeout: 60) { try AxisFaultTests.stats(world).bySender[TwoAgencies.codeB] == 4 },
            "\(String(describing: try? AxisFaultTests.stats(world)))\n\(world.logs.suffix(4000))")
        try await Task.sleep(for: .seconds(4))

        let stats = try AxisFaultTests.stats(world)
        #expect(stats.bySender[TwoAgencies.codeB] == 4, "\(stats)")
        #expect(stats.bySender[Self.sender] == 3, "\(stats)")
        #expect(stats.duplicates == 0, "\(stats)")
        #expect(stats.calls["sendEdoc"] == 3, "no document may be sent again: \(stats)")
        for id in [first, third] {
            let history = try AxisFaultTests.show(id, in: world)
            #expect(history.contains("found on the axis after a lost reply"), "\(history)")
        }
        let received = try AnswerTests.lienthong(world, ["show", answered]).output
        #expect(
            received.range(of: #"status 03 \(.*\) sent: DocId"#, options: .regularExpression) != nil, "\(received)")
        let firstReceived = try AnswerTests.receivedId(of: "41_Lech gio \(offset) mot.pdf", in: world)
        let firstHistory = try AnswerTests.lienthong(world, ["show", firstReceived]).output
        #expect(firstHistory.contains("status 01 found on the axis after a lost reply"), "\(firstHistory)")
    }
}
