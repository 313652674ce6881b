import Foundation
import Testing

/// `lienthong retry` of a revoke the axis refused: the request is queued again and reaches the axis once.
@Suite(.serialized) struct BusinessRetryTests {
    @Test func aRevokeTheAxisRefusedIsSentOnceByRetryAndLeavesFailed() async throws {
        let world = try AxisFaultTests.world(faults: [])
        let name = "43_Thu hoi lai.pdf"
        let id = try await AxisFaultTests.deliver(name, in: world)
        // The next send of A (the revoke) is refused for good; the cause is then gone.
        try world.admin.addFault(
            #"{"method":"sendEdoc","system_id":"000.00.00.H41","count":1,"fault":{"kind":"fail","error_code":"6","#
                + #""error_description":"Khong tim thay don vi nhan"}}"#)
        let revoke = try BusinessOperationTests.lienthong(world, ["revoke", id, "--reason", "Gửi nhầm"])
        #expect(revoke.status == 0, "\(revoke.output)")
        let request = try #require(revoke.output.split(separator: ":").first.map(String.init), "\(revoke.output)")
        let failed = world.share(AxisFaultTests.sender) + "/failed"
        // Filed means recorded as filed, the last step after the reason file is written: `retry` refuses before.
        #expect(
            await eventually(timeout: 60) {
                world.files(under: failed).contains(name + ".error.txt")
                    && ((try? AxisFaultTests.show(request, in: world)) ?? "").contains("filed in \(failed)/")
            }, "the refused revoke did not reach failed/:\n\(world.files(under: failed))\n\(world.logs)")
        #expect(try AxisFaultTests.stats(world).bySender[AxisFaultTests.sender] == 1)

        let retry = try BusinessOperationTests.lienthong(world, ["retry", request])
        #expect(retry.status == 0, "\(retry.output)")
        #expect(retry.output.contains("revoke of \(id) queued again"), "\(retry.output)")
        #expect(!world.files(under: failed).contains(name), "the request's file is still in failed/")
        #expect(
            await eventually(timeout: 60) {
                (try? AxisFaultTests.stats(world).bySender[AxisFaultTests.sender]) == 2
            }, "the retried revoke did not reach the axis:\n\(world.logs)")
        let revokes = BusinessOperationTests.storedEnvelopes(in: world, containing: "<edXML:BussinessDocType>1<")
        #expect(revokes.count == 1, "expected one stored revoke, found \(revokes.count)")
        #expect(
            await eventually(timeout: 30) {
                let show = (try? AxisFaultTests.show(request, in: world)) ?? ""
                return show.split(separator: "\n").contains { $0.hasPrefix("state ") && $0.hasSuffix(" filed") }
            }, "the retried revoke was not filed in sent/:\n\(world.logs)")
        let history = try AxisFaultTests.show(request, in: world)
        #expect(history.contains("retried by an administrator"), "\(history)")

        // A second retry finds nothing failed to queue and says why.
        let again = try BusinessOperationTests.lienthong(world, ["retry", request])
        #expect(again.status == 0 && again.output.contains("nothing to retry"), "\(again.output)")
        let stats = try AxisFaultTests.stats(world)
        #expect(stats.bySender[AxisFaultTests.sender] == 2 && stats.duplicates == 0, "\(stats)")
    }
}
