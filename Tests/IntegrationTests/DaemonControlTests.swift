import Foundation
import Testing

/// How admins drive the running daemon: `systemctl reload` (SIGHUP) and `systemctl stop` (SIGTERM).
@Suite(.serialized) struct DaemonControlTests {
    @Test func aBrokenConfigurationIsRefusedOnReloadAndAValidOneTakesEffect() async throws {
        let world = try TwoAgencies()
        try world.startAxis()
        try world.startDaemon(TwoAgencies.codeA)
        try world.startDaemon(TwoAgencies.codeB)
        let daemon = try #require(world.daemons[TwoAgencies.codeA])
        let configPath = world.config(TwoAgencies.codeA)
        let original = try String(contentsOfFile: configPath, encoding: .utf8)
        let sentA = world.share(TwoAgencies.codeA) + "/sent"
        #expect(await eventually(timeout: 20) { daemon.log.contains("lienthong started") }, "\(world.logs)")

        // A typo: the daemon says so and keeps the configuration it has.
        try original.replacingOccurrences(of: "poll_interval: 2s", with: "pol_interval: 2s")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        daemon.send(SIGHUP)
        #expect(
            await eventually(timeout: 20) { daemon.log.contains("configuration NOT reloaded") }, "\(daemon.log)")
        #expect(daemon.log.contains("pol_interval"), "the refusal should name the bad key:\n\(daemon.log)")
        #expect(daemon.isRunning)
        try world.dropSidecar("so: 1\n", for: "truoc.pdf", into: TwoAgencies.codeB, of: TwoAgencies.codeA)
        try world.drop(TestPDF.make(note: "before"), named: "truoc.pdf", into: TwoAgencies.codeB, of: TwoAgencies.codeA)
        #expect(
            await eventually(timeout: 60) { world.files(under: sentA).contains { $0.hasSuffix("truoc.pdf.receipt.txt") } },
            "the daemon stopped working after a refused reload:\n\(world.logs)")

        // A valid change: new documents carry the new notation.
        try original.replacingOccurrences(of: "code_notation: \"DEMO\"", with: "code_notation: \"RELOADED\"")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        daemon.send(SIGHUP)
        #expect(await eventually(timeout: 20) { daemon.log.contains("configuration reloaded") }, "\(daemon.log)")
        try world.dropSidecar("so: 2\n", for: "sau.pdf", into: TwoAgencies.codeB, of: TwoAgencies.codeA)
        try world.drop(TestPDF.make(note: "after"), named: "sau.pdf", into: TwoAgencies.codeB, of: TwoAgencies.codeA)
        let receipt = { () -> String? in
            guard let path = world.files(under: sentA).first(where: { $0.hasSuffix("sau.pdf.receipt.txt") }) else {
                return nil
            }
            return try? String(contentsOfFile: sentA + "/" + path, encoding: .utf8)
        }
        #expect(await eventually(timeout: 60) { receipt() != nil }, "\(world.logs)")
        #expect(receipt()?.contains("/RELOADED") == true, "receipt: \(receipt() ?? "none")")

        // SIGTERM: a clean stop with exit status 0.
        daemon.stop()
        #expect(daemon.terminationStatus == 0, "\(daemon.log)")
        #expect(daemon.log.contains("lienthong stopped"))
    }
}
