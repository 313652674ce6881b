import AxisProtocol
import Foundation
import Testing

/// The simulator's getEdoc reply is base64-encoded while it is sent: its Content-Length must be exact and its text
/// must equal Foundation's encoding, whatever the envelope's length modulo 3 and across 64 KiB read boundaries.
@Suite struct GetEdocReplyTests {
    @Test(arguments: [0, 1, 2, 65_535, 65_536, 65_537, 200_001])
    func theStreamedReplyIsExactlyFoundationsEncoding(_ padding: Int) throws {
        let axis = try TestAxis(appendTraceHeader: false)
        defer { axis.shutdown() }
        let filler = String(repeating: "QUJD", count: padding / 4) + String(repeating: "=", count: padding % 4)
        let envelope = TestEnvelopes.document(from: "vxp.saas.03", to: ["vxp.saas.03"], attachmentBase64: filler)
        let sent = try axis.send(envelope, from: "vxp.saas.03")
        let docId = try #require(sent.json["DocId"] as? String)

        let reply = try axis.call(.getEdoc, parameters: [("docId", docId)])
        #expect(reply.status == 200)
        #expect(reply.headers["content-length"] == String(reply.body.count))
        let (prefix, suffix) = GetEdocReply.jsonParts()
        #expect(reply.body == prefix + Array(Data(envelope).base64EncodedData()) + suffix)
    }

    /// With the TraceHeader on, the served envelope is marked while it is sent: no copy is made on disk.
    @Test func aTracedEnvelopeIsServedWithoutACopyOnDisk() throws {
        let axis = try TestAxis(appendTraceHeader: true)
        defer { axis.shutdown() }
        let envelope = TestEnvelopes.document(from: "vxp.saas.03", to: ["vxp.saas.03"])
        let docId = try #require(try axis.send(envelope, from: "vxp.saas.03").json["DocId"] as? String)
        let data = axis.directory.appendingPathComponent("data").path
        let before = try FileManager.default.subpathsOfDirectory(atPath: data).filter { !$0.hasPrefix("axis.sqlite") }
        let reply = try axis.call(.getEdoc, parameters: [("docId", docId)])
        #expect(reply.headers["content-length"] == String(reply.body.count))
        let base64 = try #require(reply.json["data"] as? String)
        let served = try #require(Data(base64Encoded: base64))
        #expect(served.count > envelope.count, "the TraceHeader should have been added")
        let download = try axis.call(.downloadEdoc, parameters: [("docId", docId)])
        #expect(download.body == Array(served))
        let after = try FileManager.default.subpathsOfDirectory(atPath: data).filter { !$0.hasPrefix("axis.sqlite") }
        #expect(after == before)
    }
}
