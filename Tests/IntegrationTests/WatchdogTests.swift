import Foundation
import Testing

/// The systemd watchdog is fed by the work itself: pinged while the daemon rests or works (an unreachable axis is
/// not a wedge), never while a document's step has made no progress for `WatchdogSec` (here 4 s, pings every 2 s).
/// The wedge is a failpoint that blocks the signing thread forever, as a hung disk would.
@Suite(.serialized) struct WatchdogTests {
    static let a = TwoAgencies.codeA
    static let watchdogMicroseconds = 4_000_000

    @Test func aWedgedStepStopsThePingsAndSaysWhatIsWedged() async throws {
        let world = try TwoAgencies()
        let notify = try NotifySocket(path: world.root + "/notify")
        defer { notify.close() }
        try world.startAxis()
        let daemon = try world.startDaemon(
            Self.a,
            environment: [
                "NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "\(Self.watchdogMicroseconds)",
                "LIENTHONG_FAILPOINT": "sign.written:hang",
            ])
        // Idle for longer than WatchdogSec: resting is not a wedge, the pings go on.
        #expect(await eventually(timeout: 20) { notify.messages.contains { $0.text.hasPrefix("READY=1") } })
        try await Task.sleep(for: .seconds(9))
        let idlePings = notify.messages.filter { $0.text.contains("WATCHDOG=1") }.count
        #expect(idlePings >= 4, "\(notify.messages.map(\.text))\n\(daemon.log)")
        #expect(
            notify.lastStatus?.hasPrefix("outbound waiting 0, inbound waiting 0") == true, "\(notify.lastStatus ?? "")")

        try world.dropSidecar("so: 9\n", for: "treo.pdf", into: TwoAgencies.codeB, of: Self.a)
        try world.drop(TestPDF.make(note: "wedge"), named: "treo.pdf", into: TwoAgencies.codeB, of: Self.a)
        #expect(
            await eventually(timeout: 30) { daemon.log.contains("failpoint sign.written reached; this thread hangs") },
            "\(daemon.log)")
        #expect(
            await eventually(timeout: 20) { daemon.log.contains("no watchdog ping: outbound \(Self.a) document #") },
            "\(daemon.log)")
        // No ping once the wedge is seen: none for at least WatchdogSec, while STATUS= names the wedge.
        let lastPing = try #require(notify.lastPing)
        try await Task.sleep(for: .microseconds(Self.watchdogMicroseconds + 1_000_000))
        #expect(notify.lastPing == lastPing, "pinged through the wedge:\n\(notify.messages.map(\.text))")
        #expect(
            notify.lastStatus?.contains("WEDGED: outbound \(Self.a) document #") == true, "\(notify.lastStatus ?? "")")
        // As systemd does once the watchdog fires: SIGKILL (the hung thread would hold up a graceful stop).
        daemon.kill()
    }

    @Test func anUnreachableAxisIsTroubleInTheStatusLineButNotAWedge() async throws {
        let world = try TwoAgencies()
        let notify = try NotifySocket(path: world.root + "/notify")
        defer { notify.close() }
        try world.startAxis()
        try world.startDaemon(
            Self.a, environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "\(Self.watchdogMicroseconds)"])
        #expect(await eventually(timeout: 20) { notify.lastPing != nil })
        world.stopAxis()
        #expect(
            await eventually(timeout: 30) { notify.lastStatus?.contains("axis unreachable since") == true },
            "\(notify.lastStatus ?? "")")
        let since = Date()
        try await Task.sleep(for: .seconds(8))
        let pings = notify.messages.filter { $0.at > since && $0.text.contains("WATCHDOG=1") }.count
        #expect(pings >= 3, "\(notify.messages.map(\.text))")
    }
}
