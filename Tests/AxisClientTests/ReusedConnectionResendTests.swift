import AxisProtocol
import Foundation
import Testing

@testable import AxisClient

/// The measurement behind "sendEdoc never reuses a connection" (issue #11 asked for it before keeping the rule):
/// when a kept-alive connection dies after the whole request went out and before any reply (an axis that stored the
/// document and died before answering), libcurl goes to send the same POST again on a new connection by itself. Ours
/// stops only because its read callback cannot rewind, and then says "necessary data rewind wasn't possible"
/// (curl 65), an error that reads as "nothing was sent": either way the axis, which does not deduplicate, could store
/// the document twice. On its own connection the same loss is reported as what it is: a reply lost after the whole
/// document went out (ambiguous), which the pipeline looks up with getSentEdocList before sending again.
@Suite struct ReusedConnectionResendTests {
    static let stored = LoopbackResponder.Reply.json(#"{"status":"OK","ErrorCode":"0","ErrorDesc":"","DocId":"d-1"}"#)

    /// One POST after a first call opened a kept-alive connection; the responder reads the POST whole, then closes
    /// the connection without a reply (an axis that stored the document and died before answering).
    static func postsReceived(freshConnection: Bool) async throws
        -> (posts: Int, failure: String?, failureClass: AxisFailureClass?)
    {
        let responder = try LoopbackResponder(
            [ConnectionReuseTests.countReply, .closeAfterBody, stored], keepAlive: true)
        defer { responder.stop() }
        let client = try ConnectionReuseTests.client(responder, reuse: true)
        _ = try await client.countReceiveEdoc()
        let outcome = client.exchange(
            .sendEdoc, parameters: [("from", "000.00.00.H26"), ("servicetype", "eDoc"), ("messagetype", "edoc")],
            contentType: "application/octet-stream", body: .bytes(Array(repeating: 0x41, count: 5000)),
            sink: .memory(limit: 1 << 16), timeout: .seconds(10), freshConnection: freshConnection,
            cancellation: CancellationFlag(activity: nil))
        let posts = responder.requests.filter { $0.method == "POST" }.count
        var error: AxisError?
        if case .failure(let failure) = outcome.result { error = failure }
        print(
            "resend measurement: freshConnection=\(freshConnection): the responder received \(posts) POST(s); "
                + (error.map { "the call failed (\($0.failureClass)): \($0)" } ?? "the call succeeded"))
        return (posts, error.map { String(describing: $0) }, error?.failureClass)
    }

    @Test func aPostOnAReusedConnectionThatDiesUnansweredIsRetriedByLibcurlAndReadsAsNothingSent() async throws {
        let measured = try await Self.postsReceived(freshConnection: false)
        #expect(measured.posts == 1, "a rewindable body went out twice")
        #expect(measured.failure?.contains("curl 65") == true, "libcurl did not try to resend: \(measured)")
        #expect(measured.failureClass == .transient, "the lost reply reads as nothing sent")
    }

    @Test func aPostOnItsOwnConnectionIsSentOnceAndItsLostReplyIsAmbiguous() async throws {
        let measured = try await Self.postsReceived(freshConnection: true)
        #expect(measured.posts == 1)
        #expect(measured.failure?.contains("curl 52") == true, "\(measured)")
        #expect(measured.failureClass == .ambiguous)
    }
}
