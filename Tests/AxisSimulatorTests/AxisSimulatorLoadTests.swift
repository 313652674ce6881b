import AxisProtocol
import AxisSimulator
import Foundation
import Testing

@Suite("Load, limits and faults")
struct AxisSimulatorLoadTests {
    /// An envelope of about `megabytes` MiB: a document whose content is a long base64-like run.
    static func largeEnvelope(megabytes: Int) -> [UInt8] {
        let filler = String(repeating: "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=", count: megabytes * 1024 * 1024 / 36)
        return TestEnvelopes.document(from: "vxp.saas.03", to: ["vxp.saas.03"], attachmentBase64: filler)
    }

    /// 20 MiB: more than two of the spool's write-behind windows (`WriteBehind`), so windows are written, waited for
    /// and dropped from the page cache while the upload still arrives.
    @Test func multiMegabyteEnvelopeRoundTripsThroughDownloadAndGetEdoc() throws {
        let axis = try TestAxis(appendTraceHeader: false)
        defer { axis.shutdown() }
        let envelope = Self.largeEnvelope(megabytes: 20)
        let docId = try #require(
            try axis.send(envelope, from: "vxp.saas.03", chunkSizes: [65536])
                .json["DocId"] as? String)
        #expect(try axis.call(.downloadEdoc, parameters: [("docId", docId)]).body == envelope)
        let base64 = try #require(try axis.call(.getEdoc, parameters: [("docId", docId)]).json["data"] as? String)
        #expect(Data(base64Encoded: base64).map(Array.init) == envelope)
    }

    @Test func concurrentSendersAreAllStoredExactlyOnce() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let senders = 16
        let failures = LockedCounter()
        DispatchQueue.concurrentPerform(iterations: senders) { index in
            let envelope = TestEnvelopes.document(
                from: TestAxis.ngheAnCode, to: [TestAxis.governmentCode], subject: "Van ban \(index)")
            let reply = try? axis.send(envelope, from: TestAxis.ngheAnCode, credentials: TestAxis.ngheAn)
            if reply?.json["status"] as? String != "OK" { failures.increment() }
        }
        #expect(failures.value == 0)
        #expect(try axis.received(TestAxis.government).count == senders)
        let stats = try axis.adminStats()
        #expect(stats["documents_stored"] as? Int == senders)
        #expect(stats["duplicate_documents"] as? Int == 0)
    }

    @Test func connectionsBeyondTheLimitAreAnswered503() throws {
        let axis = try TestAxis(maximumConnections: 2)
        defer { axis.shutdown() }
        let first = try TestHTTPClient(port: axis.ports.axis)
        let second = try TestHTTPClient(port: axis.ports.axis)
        // Make sure both are admitted (served once) before the third arrives.
        for client in [first, second] {
            _ = try client.request(method: "POST", path: "/getAgenciesList", headers: [])
        }
        let third = try TestHTTPClient(port: axis.ports.axis)
        #expect(try third.readResponse().status == 503)
    }

    @Test func faultAfterCommitDropsTheReplyButKeepsTheDocument() throws {
        let axis = try TestAxis(faults: DropAfterSend())
        defer { axis.shutdown() }
        let envelope = try TestEnvelopes.realDocument()
        #expect(throws: (any Error).self) { _ = try axis.send(envelope, from: "vxp.saas.03") }
        #expect(try axis.received().count == 1)
        let sent = try axis.call(.getSentEdocList, parameters: [("servicetype", "eDoc"), ("messagetype", "edoc")])
        #expect((sent.json["data"] as? [[String: Any]])?.first?["title"] as? String == "Binary fix test")
        #expect((sent.json["data"] as? [[String: Any]])?.first?["notation"] as? String == "BINTEST123/GW-AUTO")
    }
}

/// Drops the connection after every committed sendEdoc: the axis stored the document but the reply is lost.
struct DropAfterSend: AxisFaultInjector {
    func fault(for method: AxisMethod, systemId: String, phase: AxisFaultPhase) -> AxisFault? {
        method == .sendEdoc && phase == .afterCommit ? .dropConnection : nil
    }
}

final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

@Suite("Data directory")
struct DataDirectoryTests {
    @Test func secondSimulatorOnTheSameDataDirectoryIsRefusedUntilTheFirstStops() throws {
        let first = try TestAxis()
        defer { first.removeDirectory() }
        #expect(throws: AxisSimulatorError.dataDirectoryInUse(first.directory.appendingPathComponent("data").path)) {
            _ = try TestAxis(directory: first.directory)
        }
        first.shutdown(keepData: true)
        let second = try TestAxis(directory: first.directory)
        second.shutdown()
    }
}
