import AxisProtocol
import AxisSimulator
import Foundation
import Testing

/// What a recipient is served, and what it acknowledges: the `serve_document` fault (unreadable or empty content in
/// place of the stored envelope) and the per-docId acknowledgement counters of `/admin/stats`.
@Suite("Served documents and acknowledgements")
struct ServedDocumentTests {
    static func storedDocument(_ axis: TestAxis) throws -> (docId: String, envelope: [UInt8]) {
        let envelope = try TestEnvelopes.realDocument()
        let docId = try #require(try axis.send(envelope, from: "vxp.saas.03").json["DocId"] as? String)
        return (docId, envelope)
    }

    @Test func serveDocumentAnswersDownloadEdocWithTheGivenBytesForCountCallsThenTheStoredEnvelope() throws {
        let axis = try TestAxis(appendTraceHeader: false)
        defer { axis.shutdown() }
        let (docId, envelope) = try Self.storedDocument(axis)
        let garbage = Array("<not edXML".utf8)
        _ = try FaultInjectionTests.addRule(
            axis,
            #"{"method":"downloadEdoc","count":2,"fault":{"kind":"serve_document","base64":""#
                + Data(garbage).base64EncodedString() + #""}}"#)
        for _ in 0..<2 {
            let served = try axis.call(.downloadEdoc, parameters: [("docId", docId)])
            #expect(served.status == 200)
            #expect(served.headers["content-type"] == "application/octet-stream")
            #expect(served.body == garbage)
        }
        #expect(try axis.call(.downloadEdoc, parameters: [("docId", docId)]).body == envelope)
        #expect((try axis.adminStats()["faults_injected"] as? [String: Int])?["downloadEdoc"] == 2)
    }

    @Test func anEmptyServeDocumentGivesAnEmptyBodyOrAnEmptyDataString() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let (docId, _) = try Self.storedDocument(axis)
        _ = try FaultInjectionTests.addRule(
            axis,
            #"[{"method":"downloadEdoc","fault":{"kind":"serve_document","base64":""}},"#
                + #"{"method":"getEdoc","fault":{"kind":"serve_document","base64":""}}]"#)
        let download = try axis.call(.downloadEdoc, parameters: [("docId", docId)])
        #expect(download.status == 200)
        #expect(download.body.isEmpty)
        let getEdoc = try axis.call(.getEdoc, parameters: [("docId", docId)])
        #expect(getEdoc.json["status"] as? String == "OK")
        #expect(getEdoc.json["data"] as? String == "")
    }

    @Test func serveDocumentIsRefusedForOtherMethodsAndWithoutBase64() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let cases = [
            (#"{"method":"sendEdoc","fault":{"kind":"serve_document","base64":""}}"#, "downloadEdoc and getEdoc only"),
            (#"{"method":"downloadEdoc","fault":{"kind":"serve_document"}}"#, "fault.base64 is required"),
            (#"{"method":"getEdoc","fault":{"kind":"serve_document","base64":"***"}}"#, "fault.base64: not base64"),
        ]
        for (json, fragment) in cases {
            let reply = try axis.admin("POST", "/admin/faults", json: json)
            #expect(reply.status == 400, "\(json) was accepted")
            #expect(reply.text.contains(fragment), "\(json): \(reply.text)")
        }
        #expect(try FaultInjectionTests.rules(axis).isEmpty)
    }

    @Test func acceptedAcknowledgementsAreCountedPerDocIdWithTheLastDescription() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let (first, _) = try Self.storedDocument(axis)
        let (second, _) = try Self.storedDocument(axis)
        _ = try axis.call(.updateStatus, parameters: [("docId", first), ("status", "done")])
        _ = try axis.call(.updateStatus, parameters: [("docId", first), ("status", "done")])
        _ = try axis.call(
            .updateStatus, parameters: [("docId", second), ("status", "fail"), ("description", "Broken ZIP")])
        let refused = try axis.call(.updateStatus, parameters: [("docId", "no-such-doc"), ("status", "fail")])
        #expect(refused.json["status"] as? String == "FAIL")

        let counted = try #require(try axis.adminStats()["acknowledgements"] as? [String: [String: Any]])
        #expect(counted.count == 2, "\(counted)")
        #expect(counted[first]?["done"] as? Int == 2)
        #expect(counted[first]?["fail"] as? Int == 0)
        #expect(counted[second]?["fail"] as? Int == 1)
        #expect(counted[second]?["last_description"] as? String == "Broken ZIP")

        _ = try axis.admin("POST", "/admin/reset-counters")
        #expect((try axis.adminStats()["acknowledgements"] as? [String: Any])?.isEmpty == true)
    }
}
