import Foundation
import Testing

/// `lienthong retry`: what an admin does once the cause of a failure is fixed.
@Suite(.serialized) struct RetryTests {
    @Test func aFailedDocumentRetriedFromFailedIsSentAsANewDocumentAndArrivesOnce() async throws {
        // The axis refuses the first send for good (a FAIL the client classes as permanent); the cause is then gone.
        let world = try AxisFaultTests.world(faults: [
            #"{"method":"sendEdoc","system_id":"000.00.00.H41","count":1,"fault":{"kind":"fail","error_code":"6","#
                + #""error_description":"Khong tim thay don vi nhan: 000.00.00.H26"}}"#
        ])
        let name = "36_Thu lai.pdf"
        let original = TestPDF.make(note: "retry")
        try world.drop(original, named: name, into: AxisFaultTests.recipient, of: AxisFaultTests.sender)
        let failed = world.share(AxisFaultTests.sender) + "/failed"
        #expect(
            await eventually(timeout: 60) { world.files(under: failed).contains(name + ".error.txt") },
            "\(name) did not reach failed/:\n\(world.logs)")
        let failedId = try AxisFaultTests.documentId(of: name, in: world)

        let retry = try runCommand(
            world.lienthong, ["retry", "--failed", "--config", world.config(AxisFaultTests.sender)])
        #expect(retry.status == 0, "\(retry.output)")
        #expect(retry.output.contains("moved back to"), "\(retry.output)")
        #expect(!world.files(under: failed).contains(name), "the file is still in failed/")
        #expect(!world.files(under: failed).contains(name + ".error.txt"), "the stale reason file is still there")

        let inbox = world.share(AxisFaultTests.recipient) + "/inbox"
        #expect(
            await eventually(timeout: 60) { world.files(under: inbox).contains { $0.hasSuffix("/" + name) } },
            "the retried document did not arrive:\n\(world.logs)")
        let stats = try AxisFaultTests.stats(world)
        #expect(stats.bySender[AxisFaultTests.sender] == 1, "stored exactly once: \(stats)")
        let history = try AxisFaultTests.show(failedId, in: world)
        #expect(history.contains("retried by an administrator"), "\(history)")

        // Nothing left to retry: a second run changes nothing and says so.
        let again = try runCommand(world.lienthong, ["retry", failedId, "--config", world.config(AxisFaultTests.sender)])
        #expect(again.status == 0 && again.output.contains("nothing to retry"), "\(again.output)")
    }

    @Test func pollSignalsTheRunningDaemonAndRefusesWhenNoneRuns() async throws {
        let world = try TwoAgencies()
        let config = world.config(TwoAgencies.codeA)
        let none = try runCommand(world.lienthong, ["poll", "--config", config])
        #expect(none.status != 0 && none.output.contains("not running"), "\(none.output)")
        // Poll the axis once at start, then only when asked.
        let yaml = try String(contentsOfFile: config, encoding: .utf8)
        let patched = yaml.replacingOccurrences(of: "inbound:\n  poll_interval: 2s", with: "inbound:\n  poll_interval: 1h")
        #expect(patched != yaml, "the demo configuration changed shape:\n\(yaml)")
        try patched.write(toFile: config, atomically: true, encoding: .utf8)
        try world.startAxis()
        try world.startDaemon(TwoAgencies.codeA)
        let statusFile = world.home(TwoAgencies.codeA) + "/state/status.json"
        #expect(await eventually(timeout: 30) { FileManager.default.fileExists(atPath: statusFile) }, "\(world.logs)")
        let polls = { ((try? world.admin.stats()["calls"] as? [String: Int])??["getReceivedEdocList"]) ?? 0 }
        #expect(await eventually(timeout: 30) { polls() >= 2 }, "no first poll (edoc and status):\n\(world.logs)")
        try await Task.sleep(for: .seconds(1))
        let before = polls()
        let poll = try runCommand(world.lienthong, ["poll", "--config", config])
        #expect(poll.status == 0, "\(poll.output)")
        #expect(await eventually(timeout: 30) { polls() >= before + 2 }, "no poll followed the request:\n\(world.logs)")
        // status.json is rewritten every 5 s; its first copy may predate the inotify watch.
        var statusOutput = ""
        #expect(
            await eventually(timeout: 20) {
                statusOutput = (try? runCommand(world.lienthong, ["status", "--config", config]).output) ?? ""
                return statusOutput.contains("outbox watched by inotify")
            }, "\(statusOutput)")
        #expect(statusOutput.contains("daemon: running"), "\(statusOutput)")
    }
}
