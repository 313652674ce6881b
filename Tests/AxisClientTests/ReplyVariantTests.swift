import AxisClient
import AxisProtocol
import Foundation
import Testing

/// The spellings seen in the wild, read end to end through the client (the parsers' own cases are in
/// AxisProtocolTests): key case and separators, numbers for strings, MIME-wrapped base64, missing fields.
@Suite struct ReplyVariantTests {
    @Test(arguments: [
        #"{"status":"OK","ErrorCode":0,"ErrorDesc":null,"docid":"v-1"}"#,
        #"{"Status":"ok","errorCode":"0","DocID":"v-1"}"#,
        #"{"status":"OK","doc_id":" v-1 "}"#,
    ])
    func sendEdocReadsEveryDocIdSpelling(_ reply: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("envelope.edxml", TestSupport.documentBytes(count: 100))
        try await TestSupport.withResponder([.json(reply)]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            #expect(try await client.sendEdoc(from: "000.00.00.H26", messageType: .edoc, envelopePath: path) == "v-1")
        }
    }

    @Test func aFailWithANumericCodeAndNoDescriptionIsStillAFailure() async throws {
        try await TestSupport.withResponder([.json(#"{"status":"FAIL","ErrorCode":7}"#)]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let error = try #require(await TestSupport.axisError { try await client.countReceiveEdoc() })
            #expect(error.kind == .fail(errorCode: "7", errorDescription: ""))
            #expect(error.failureClass == .permanent)
        }
    }

    @Test func sentListAndCountsReadSnakeCaseAndNumbers() async throws {
        let sent = #"{"status":"OK","ErrorCode":"0","data":[{"sender_doc_id":"s-1","receiverDocId":77,"#
            + #""from_code":"000.00.00.H41","toCode":"000.00.00.G22","notation":"12/DEMO","sentTime":"2026-11-25 10:00:00"}]}"#
        try await TestSupport.withResponder([.json(sent), .json(#"{"count":"4"}"#)]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let items = try await client.getSentEdocList(messageType: .edoc, docId: "")
            #expect(items.count == 1)
            #expect(items.first?.senderDocId == "s-1" && items.first?.receiverDocId == "77")
            #expect(items.first?.fromCode == "000.00.00.H41" && items.first?.notation == "12/DEMO")
            #expect(try await client.countReceiveStatus() == 4)
        }
    }

    /// Java's MIME base64 wraps lines at 76 characters with CRLF, which JSON carries as `\r\n`; `/` may be `\/`.
    @Test func getEdocDecodesMimeWrappedEscapedBase64UnderAnyKeyCase() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let document = TestSupport.documentBytes(count: 10_000)
        let base64 = Data(document).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn,
            .endLineWithLineFeed])
        let escaped = base64.replacingOccurrences(of: "\r\n", with: "\\r\\n").replacingOccurrences(of: "/", with: "\\/")
        let reply = #"{"ErrorDesc":"","Data":""# + escaped + #"","status":"OK","ErrorCode":0}"#
        try await TestSupport.withResponder([.json(reply)]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let path = directory.path("fetched.edxml")
            #expect(try await client.getEdoc(docId: "d-1", to: path) == Int64(document.count))
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == document)
        }
    }

    /// The proxy option: every call goes to the proxy as an absolute URL, whatever the endpoint's host.
    @Test func callsGoThroughTheConfiguredProxy() async throws {
        try await TestSupport.withResponder([.json(#"{"status":"OK","ErrorCode":"0","count":2}"#)]) { proxy in
            let endpoint = try AxisEndpoint(
                baseURL: "http://axis.invalid:8080/XrdAdapter/adapter", allowPlainHTTP: true,
                proxyURL: "http://127.0.0.1:\(proxy.port)", connectTimeout: .seconds(3), requestTimeout: .seconds(5))
            let client = AxisClient(endpoint: endpoint, credentials: TestSupport.credentials, logger: .init(label: "p"))
            #expect(try await client.countReceiveEdoc() == 2)
            #expect(proxy.requests.first?.path == "http://axis.invalid:8080/XrdAdapter/adapter/countReceiveEdoc")
        }
    }
}
