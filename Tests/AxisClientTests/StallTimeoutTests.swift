import AxisClient
import AxisProtocol
import Foundation
import Logging
import Testing

/// Document transfers have no whole-request limit (large envelopes on slow links), but waiting with nothing moving
/// for longer than `requestTimeout` aborts them: a sendEdoc whose reply does not come is then ambiguous.
@Suite struct StallTimeoutTests {
    @Test func aSendEdocReplyLateByMoreThanTheRequestTimeoutIsAbortedAsAmbiguous() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("envelope.edxml", TestSupport.documentBytes(count: 10_000))
        let late = LoopbackResponder.Reply.delayed(
            milliseconds: 10_000, .json(#"{"status":"OK","ErrorCode":"0","ErrorDesc":"","DocId":"late"}"#))
        try await TestSupport.withResponder([late]) { responder in
            let endpoint = try AxisEndpoint(
                baseURL: responder.baseURL, allowPlainHTTP: true, connectTimeout: .seconds(2),
                requestTimeout: .milliseconds(1500))
            let client = AxisClient(endpoint: endpoint, credentials: TestSupport.credentials, logger: Logger(label: "s"))
            let started = ContinuousClock.now
            let error = try #require(await TestSupport.axisError {
                try await client.sendEdoc(from: "000.00.00.H26", messageType: .edoc, envelopePath: path)
            })
            let elapsed = ContinuousClock.now - started
            print("stall measurement: requestTimeout 1.5 s, sendEdoc aborted after \(elapsed)")
            #expect(error.failureClass == .ambiguous, "\(error)")
            #expect(error.connectionProblem == .timeout, "\(error)")
            // libcurl checks about once a second, so the abort comes between 1.5 and 2.5 s on an idle machine; only
            // the lower bound holds under load. The reply, 10 s late, would have made the call succeed.
            #expect(elapsed >= .milliseconds(1500), "aborted after \(elapsed)")
        }
    }
}
