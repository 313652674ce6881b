import Foundation
import Testing

/// reliability.md: "Another machine's clock is not ours". The axis stores a document and drops the connection, and
/// reports its times shifted (`clock_offset`, as an axis writing UTC where Vietnam time is expected, or a clock an
/// hour or eight off): the daemon still finds its document with getSentEdocList and never sends it twice, both
/// before it has learnt the axis's offset (the first document) and after (from a DocId it owns).
@Suite(.serialized) struct LostReplyClockTests {
    static let sender = TwoAgencies.codeA
    static let storeThenDrop =
        #"{"method":"sendEdoc","system_id":"000.00.00.H41","count":1,"fault":{"kind":"store_then_drop"}}"#

    @Test(arguments: ["-7h", "+1h", "+8h"])
    func aLostReplyIsFoundWhateverTheAxisClockSays(_ offset: String) async throws {
        let world = try TwoAgencies()
        let axisConfig = world.root + "/axis/axis.yaml"
        let axisYAML = try String(contentsOfFile: axisConfig, encoding: .utf8)
        try (axisYAML + "\nclock_offset: \(offset)\n").write(toFile: axisConfig, atomically: true, encoding: .utf8)
        try world.startAxis()
        try world.editConfig(Self.sender) {
            $0.replacingOccurrences(of: "request_timeout: 30s", with: "request_timeout: 3s")
        }
        try world.startDaemon(Self.sender)
        try world.startDaemon(TwoAgencies.codeB)

        try world.admin.addFault(Self.storeThenDrop)
        let first = try await AxisFaultTests.deliver("41_Lech gio \(offset) mot.pdf", in: world)
        _ = try await AxisFaultTests.deliver("42_Lech gio \(offset) hai.pdf", in: world)
        try world.admin.addFault(Self.storeThenDrop)
        let third = try await AxisFaultTests.deliver("43_Lech gio \(offset) ba.pdf", in: world)

        let stats = try AxisFaultTests.stats(world)
        #expect(stats.bySender[Self.sender] == 3, "\(stats)")
        #expect(stats.duplicates == 0, "\(stats)")
        #expect(stats.calls["sendEdoc"] == 3, "no document may be sent again: \(stats)")
        for id in [first, third] {
            let history = try AxisFaultTests.show(id, in: world)
            #expect(history.contains("found on the axis after a lost reply"), "\(history)")
        }
    }
}
