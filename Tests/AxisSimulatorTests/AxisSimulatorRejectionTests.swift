import AxisProtocol
import AxisSimulator
import Foundation
import Testing

@Suite("Axis rejections")
struct AxisSimulatorRejectionTests {
    @Test func wrongSecretIsRejectedWithFailAndHTTP200() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let forged = AxisCredentials(systemId: TestAxis.saas.systemId, secret: String(repeating: "x", count: 44))
        let reply = try axis.call(.getReceivedEdocList, parameters: [("messagetype", "edoc")], credentials: forged)
        #expect(reply.status == 200)
        #expect(reply.json["status"] as? String == "FAIL")
        #expect(reply.json["ErrorCode"] as? String == AxisErrorCode.invalidSignature)
    }

    @Test func headerChangedAfterSigningIsRejected() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let reply = try axis.call(.getReceivedEdocList, parameters: [("messagetype", "edoc")]) { headers in
            if let index = headers.firstIndex(where: { $0.name == "XroadVnpt-messagetype" }) {
                headers[index].value = "status"
            }
        }
        #expect(reply.json["status"] as? String == "FAIL")
    }

    @Test func unknownSystemIsRejected() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let stranger = AxisCredentials(systemId: "00.99.W99", secret: String(repeating: "s", count: 44))
        let reply = try axis.call(.getAgenciesList, credentials: stranger)
        #expect(reply.json["status"] as? String == "FAIL")
        #expect(reply.json["ErrorCode"] as? String == AxisErrorCode.unknownSystem)
    }

    @Test func sendingForAnAgencyNotRegisteredToTheSystemFailsWithTheAxisMessage() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let envelope = TestEnvelopes.document(from: TestAxis.ngheAnCode, to: [TestAxis.governmentCode])
        let reply = try axis.send(envelope, from: TestAxis.ngheAnCode, credentials: TestAxis.saas)
        #expect(reply.json["status"] as? String == "FAIL")
        #expect(
            reply.json["ErrorDesc"] as? String
                == "Don vi gui \(TestAxis.ngheAnCode) khong dung voi ma da dang ky: \(TestAxis.saas.systemId)")
        #expect(try axis.received(TestAxis.government).isEmpty)
    }

    @Test func edXMLSenderDifferentFromTheFromHeaderFails() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let envelope = TestEnvelopes.document(from: TestAxis.governmentCode, to: ["vxp.saas.03"])
        let reply = try axis.send(envelope, from: TestAxis.ngheAnCode, credentials: TestAxis.ngheAn)
        #expect(reply.json["status"] as? String == "FAIL")
        #expect((reply.json["ErrorDesc"] as? String)?.contains(TestAxis.governmentCode) == true)
    }

    @Test func hashFileThatDoesNotMatchTheBodyFails() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let envelope = try TestEnvelopes.realDocument()
        var tampered = envelope
        tampered[tampered.count / 2] ^= 0x01
        let reply = try axis.send(tampered, from: "vxp.saas.03", hashFile: HashFile.value(ofBytes: envelope))
        #expect(reply.json["status"] as? String == "FAIL")
        #expect(reply.json["ErrorCode"] as? String == AxisErrorCode.hashMismatch)
        #expect(try axis.received().isEmpty)
    }

    @Test func unknownRecipientFailsNamingIt() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let envelope = TestEnvelopes.document(
            from: TestAxis.ngheAnCode, to: [TestAxis.governmentCode, "000.00.00.Z99"])
        let reply = try axis.send(envelope, from: TestAxis.ngheAnCode, credentials: TestAxis.ngheAn)
        #expect(reply.json["status"] as? String == "FAIL")
        #expect((reply.json["ErrorDesc"] as? String)?.contains("000.00.00.Z99") == true)
        #expect(try axis.received(TestAxis.government).isEmpty)
    }

    @Test func documentOfAnotherAgencyCannotBeDownloaded() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let envelope = TestEnvelopes.document(from: TestAxis.ngheAnCode, to: [TestAxis.governmentCode])
        let docId = try #require(
            try axis.send(envelope, from: TestAxis.ngheAnCode, credentials: TestAxis.ngheAn)
                .json["DocId"] as? String)
        let reply = try axis.call(.getEdoc, parameters: [("docId", docId)], credentials: TestAxis.saas)
        #expect(reply.json["status"] as? String == "FAIL")
        #expect(reply.json["ErrorCode"] as? String == AxisErrorCode.documentNotFound)
    }

    @Test func unknownMethodFails() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let reply = try axis.call(.getAgenciesList, path: "/XrdAdapter/adapter/deleteEverything")
        #expect(reply.json["status"] as? String == "FAIL")
        #expect(reply.json["ErrorCode"] as? String == AxisErrorCode.unknownMethod)
        #expect((try axis.adminStats()["failed_calls"] as? [String: Int])?["(unknown)"] == 1)
    }
}
