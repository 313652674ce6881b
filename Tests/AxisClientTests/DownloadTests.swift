import AxisClient
import AxisProtocol
import Foundation
import Testing

@Suite struct DownloadTests {
    static func contents(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func downloadStreamsTheRawDocumentToAByteIdenticalFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let document = Array("1212<?xml version=\"1.0\"?>".utf8) + TestSupport.documentBytes(count: 1_500_000)
        let target = directory.path("in.edxml")
        try await TestSupport.withResponder([.respond(status: 200, contentType: "application/octet-stream",
            body: document)]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let size = try await client.downloadEdoc(docId: "d-7", to: target)
            #expect(size == Int64(document.count))
            #expect(try Self.contents(target) == document)
            let request = try #require(responder.requests.first)
            #expect(request.method == "GET")
            #expect(request.path == "/XrdAdapter/adapter/downloadEdoc")
            #expect(try TestSupport.verify(request).get().parameters["docId"] == "d-7")
        }
    }

    @Test func downloadLargerThanTheJSONReplyCapStillStreams() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let document = TestSupport.documentBytes(count: 2_500_000)
        let target = directory.path("in.edxml")
        try await TestSupport.withResponder([.respond(status: 200, contentType: "application/xml",
            body: document)]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            try await client.downloadEdoc(docId: "big", to: target)
            #expect(try Self.contents(target) == document)
        }
    }

    @Test(arguments: [404, 405, 501])
    func downloadFallsBackToGetEdocWhenTheMethodIsMissing(_ status: Int) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let document = TestSupport.documentBytes(count: 100_003)
        let target = directory.path("in.edxml")
        try await TestSupport.withResponder([
            .respond(status: status, contentType: "text/html", body: Array("<h1>Not Found</h1>".utf8)),
            .respond(status: 200, body: GetEdocReply.jsonBytes(edxml: document)),
        ]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let size = try await client.downloadEdoc(docId: "d-8", to: target)
            #expect(size == Int64(document.count))
            #expect(try Self.contents(target) == document)
            let requests = responder.requests
            #expect(requests.map(\.path) == ["/XrdAdapter/adapter/downloadEdoc", "/XrdAdapter/adapter/getEdoc"])
            #expect(requests.last?.method == "POST")
            #expect(try TestSupport.verify(try #require(requests.last)).get().parameters["docId"] == "d-8")
        }
    }

    @Test func downloadFallsBackWhenTheAxisSaysTheMethodIsUnknown() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let document = Array("<edXML/>".utf8)
        let target = directory.path("in.edxml")
        try await TestSupport.withResponder([
            .json(AxisRejection.unknownMethod("downloadEdoc").reply.jsonBytes().string),
            .respond(status: 200, body: GetEdocReply.jsonBytes(edxml: document)),
        ]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            try await client.downloadEdoc(docId: "d-9", to: target)
            #expect(try Self.contents(target) == document)
            #expect(responder.requests.count == 2)
        }
    }

    @Test func documentNotFoundIsPermanentAndDoesNotFallBack() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await TestSupport.withResponder([.json(AxisRejection.documentNotFound("d-0").reply.jsonBytes().string)]) {
            responder in
            let client = try TestSupport.client(responder.baseURL)
            let error = try #require(await TestSupport.axisError {
                try await client.downloadEdoc(docId: "d-0", to: directory.path("in.edxml"))
            })
            #expect(error.kind == .fail(errorCode: "9", errorDescription: "Khong tim thay van ban: d-0"))
            #expect(error.failureClass == .permanent)
            #expect(responder.requests.count == 1)
        }
    }

    /// getEdoc replies are decoded as they stream in, so the cap on JSON replies held in memory does not apply.
    @Test func getEdocRepliesLargerThanTheJSONReplyCapStream() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let document = TestSupport.documentBytes(count: 4000)
        try await TestSupport.withResponder([.respond(status: 200, body: GetEdocReply.jsonBytes(edxml: document))]) {
            responder in
            var endpoint = try AxisEndpoint(baseURL: responder.baseURL, allowPlainHTTP: true)
            endpoint.maxReplyBytes = 1000
            let client = AxisClient(endpoint: endpoint, credentials: TestSupport.credentials,
                logger: .init(label: "t"))
            let target = directory.path("in.edxml")
            #expect(try await client.getEdoc(docId: "d", to: target) == Int64(document.count))
            #expect(try Self.contents(target) == document)
        }
    }
}

extension [UInt8] {
    var string: String { String(decoding: self, as: UTF8.self) }
}
