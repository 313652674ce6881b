import AxisClient
import AxisProtocol
import Foundation
import Testing

/// getEdoc through the real libcurl path: the reply is decoded as it arrives, and whatever goes wrong (a FAIL, an
/// error page, a cut, broken base64) is the right ``AxisError`` and leaves nothing new at the destination.
@Suite struct GetEdocStreamingTests {
    static let earlier = Array("an earlier complete download".utf8)

    /// Runs getEdoc (or downloadEdoc) against `replies` into a directory that already holds ``earlier`` at the
    /// destination; returns the error, if any, the destination's bytes and the directory's file names.
    static func fetch(
        _ replies: [LoopbackResponder.Reply], download: Bool = false
    ) async throws -> (error: AxisError?, destination: [UInt8], files: [String]) {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let target = try directory.write("in.edxml", earlier)
        return try await TestSupport.withResponder(replies) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let error = await TestSupport.axisError {
                download
                    ? try await client.downloadEdoc(docId: "d-1", to: target)
                    : try await client.getEdoc(docId: "d-1", to: target)
            }
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
            return (error, try DownloadTests.contents(target), files)
        }
    }

    static func isMalformed(_ error: AxisError?, mentioning text: String) -> Bool {
        guard case .malformedReply(let reason) = error?.kind else { return false }
        return reason.contains(text)
    }

    @Test func aFailReplyWithTheDataFirstLeavesTheEarlierFileAlone() async throws {
        let base64 = Data(TestSupport.documentBytes(count: 300_000)).base64EncodedString()
        let reply = #"{"data":"\#(base64)","status":"FAIL","ErrorCode":9,"ErrorDesc":"Khong tim thay van ban: d-1"}"#
        let result = try await Self.fetch([.json(reply)])
        #expect(result.error?.kind == .fail(errorCode: "9", errorDescription: "Khong tim thay van ban: d-1"))
        #expect(result.error?.failureClass == .permanent)
        #expect(result.destination == Self.earlier)
        #expect(result.files == ["in.edxml"], "a temporary file was left behind")
    }

    @Test func anHTMLPageWithStatus200IsAMalformedReplyAndTransient() async throws {
        let page = "<html><body><h1>Service temporarily unavailable</h1></body></html>"
        let result = try await Self.fetch([.respond(status: 200, contentType: "text/html", body: Array(page.utf8))])
        #expect(Self.isMalformed(result.error, mentioning: "not JSON"), "\(String(describing: result.error))")
        #expect(result.error?.failureClass == .transient)
        #expect(result.destination == Self.earlier)
        #expect(result.files == ["in.edxml"])
    }

    @Test func aGatewayErrorPageIsAnHTTPStatusWithItsExcerpt() async throws {
        let page = "<html><title>502 Bad Gateway</title></html>"
        let result = try await Self.fetch([.respond(status: 502, contentType: "text/html", body: Array(page.utf8))])
        #expect(result.error?.kind == .httpStatus(code: 502, bodyExcerpt: page))
        #expect(result.error?.failureClass == .transient)
        #expect(result.files == ["in.edxml"])
    }

    @Test func aReplyCutOffMidTransferLeavesNothing() async throws {
        let body = GetEdocReply.jsonBytes(edxml: TestSupport.documentBytes(count: 2_000_000))
        let result = try await Self.fetch([
            .cutOff(status: 200, body: Array(body.prefix(body.count / 2)), declaredLength: body.count)
        ])
        guard case .network = result.error?.kind else {
            Issue.record("expected a network error, got \(String(describing: result.error))")
            return
        }
        #expect(result.error?.failureClass == .transient)
        #expect(result.destination == Self.earlier)
        #expect(result.files == ["in.edxml"])
    }

    @Test func aCompleteHTTPBodyWithTruncatedJSONIsMalformed() async throws {
        let body = GetEdocReply.jsonBytes(edxml: TestSupport.documentBytes(count: 100_000))
        let result = try await Self.fetch([.respond(status: 200, body: Array(body.dropLast(3)))])
        #expect(Self.isMalformed(result.error, mentioning: "inside the data string"))
        #expect(result.error?.failureClass == .transient)
        #expect(result.files == ["in.edxml"])
    }

    @Test func brokenBase64StopsTheTransferAndLeavesNothing() async throws {
        var base64 = Array(Data(TestSupport.documentBytes(count: 1_500_000)).base64EncodedString().utf8)
        base64[1_000_001] = UInt8(ascii: "*")
        let reply = #"{"status":"OK","ErrorCode":"0","data":""# + String(decoding: base64, as: UTF8.self) + #""}"#
        let result = try await Self.fetch([.json(reply)])
        let expected = "base64 text in the axis reply is broken at character 1000002"
        #expect(Self.isMalformed(result.error, mentioning: expected), "\(String(describing: result.error))")
        #expect(result.destination == Self.earlier)
        #expect(result.files == ["in.edxml"])
    }

    @Test func anOKReplyWithAnEmptyDocumentIsAnEmptyDocument() async throws {
        let result = try await Self.fetch([.json(#"{"status":"OK","ErrorCode":"0","data":""}"#)])
        #expect(result.error?.kind == .emptyDocument, "\(String(describing: result.error))")
        #expect(result.destination == Self.earlier)
        #expect(result.files == ["in.edxml"])
    }

    /// An empty body is not a "not JSON" reply: the inbound pipeline counts empty documents and stops fetching.
    @Test func downloadEdocAnsweringAnEmptyBodyIsAnEmptyDocument() async throws {
        let result = try await Self.fetch(
            [.respond(status: 200, contentType: "application/octet-stream", body: [])], download: true)
        #expect(result.error?.kind == .emptyDocument, "\(String(describing: result.error))")
        #expect(result.error?.failureClass == .transient)
        #expect(result.destination == Self.earlier)
        #expect(result.files == ["in.edxml"])
    }

    @Test func anOKReplyWithoutDataIsMalformed() async throws {
        let result = try await Self.fetch([.json(#"{"status":"OK","ErrorCode":"0","docId":"d-1"}"#)])
        #expect(Self.isMalformed(result.error, mentioning: "'data'"))
        #expect(result.files == ["in.edxml"])
    }

    /// downloadEdoc answered with a getEdoc-shaped reply (some adapters do) streams too, past the JSON reply cap.
    @Test func downloadEdocAnsweredLikeGetEdocStreamsPastTheReplyCap() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let document = TestSupport.documentBytes(count: 3_000_000)
        try await TestSupport.withResponder([.respond(status: 200, body: GetEdocReply.jsonBytes(edxml: document))]) {
            responder in
            let client = try TestSupport.client(responder.baseURL)
            let target = directory.path("in.edxml")
            #expect(try await client.downloadEdoc(docId: "d", to: target) == Int64(document.count))
            #expect(try DownloadTests.contents(target) == document)
            #expect(responder.requests.count == 1)
        }
    }

    /// A multi-MiB reply in Java's MIME layout with escaped slashes and CRLFs arrives in many libcurl pieces, split
    /// inside escapes and groups; the file must still be byte-identical, replacing the earlier one.
    @Test func aMultiMiBEscapedReplyIsDecodedByteIdenticalAcrossPieces() async throws {
        let document = TestSupport.documentBytes(count: 6 << 20)
        let base64 = Data(document).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn,
            .endLineWithLineFeed,
        ])
        let escaped = base64.replacingOccurrences(of: "\r\n", with: "\\r\\n").replacingOccurrences(of: "/", with: "\\/")
        let reply = #"{"Data":""# + escaped + #"","ErrorDesc":"","docid":"d-1","Status":"OK","ErrorCode":0}"#
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let target = try directory.write("in.edxml", Self.earlier)
        try await TestSupport.withResponder([.json(reply)]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            #expect(try await client.getEdoc(docId: "d-1", to: target) == Int64(document.count))
        }
        #expect(try DownloadTests.contents(target) == document)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["in.edxml"])
    }
}
