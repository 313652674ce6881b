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

    /// With the TraceHeader on, the served envelope is a temporary file; it is removed once the reply is sent.
    @Test func theTemporaryTracedEnvelopeIsRemovedAfterTheReply() async throws {
        let axis = try TestAxis(appendTraceHeader: true)
        defer { axis.shutdown() }
        let envelope = TestEnvelopes.document(from: "vxp.saas.03", to: ["vxp.saas.03"])
        let docId = try #require(try axis.send(envelope, from: "vxp.saas.03").json["DocId"] as? String)
        let reply = try axis.call(.getEdoc, parameters: [("docId", docId)])
        let base64 = try #require(reply.json["data"] as? String)
        let served = try #require(Data(base64Encoded: base64))
        #expect(served.count > envelope.count, "the TraceHeader should have been added")
        let spool = axis.directory.appendingPathComponent("data/spool").path
        var leftovers: [String] = []
        for _ in 0..<100 {
            leftovers = try FileManager.default.contentsOfDirectory(atPath: spool)
            if leftovers.isEmpty { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(leftovers.isEmpty, "left in the spool: \(leftovers)")
    }
}
