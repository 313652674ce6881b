import AxisClient
import AxisProtocol
import Foundation
import Testing

@Suite struct SendEdocTests {
    @Test func bodyHeadersAndHashArriveExactly() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let document = TestSupport.documentBytes(count: 300_001)
        let path = try directory.write("envelope.edxml", document)
        let reply = LoopbackResponder.Reply.json(#"{"status":"OK","ErrorCode":"0","ErrorDesc":"","DocId":"d-42"}"#)
        try await TestSupport.withResponder([reply]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let docId = try await client.sendEdoc(
                from: "000.00.00.H26", to: "000.00.00.G22", messageType: .edoc,
                envelopePath: path)
            #expect(docId == "d-42")
            let request = try #require(responder.requests.first)
            #expect(request.method == "POST")
            #expect(request.path == "/XrdAdapter/adapter/sendEdoc")
            #expect(request.body == document)
            #expect(request.headers["content-length"] == "300001")
            #expect(request.headers["content-type"] == "application/octet-stream")
            #expect(request.headers["transfer-encoding"] == nil)
            #expect(request.headers["expect"] == nil)
            let verified = try TestSupport.verify(request).get()
            #expect(verified.parameters["from"] == "000.00.00.H26")
            #expect(verified.parameters["to"] == "000.00.00.G22")
            #expect(verified.parameters["servicetype"] == "eDoc")
            #expect(verified.parameters["messagetype"] == "edoc")
            #expect(verified.parameters["hash-file"] == HashFile.value(ofBytes: document))
            #expect(
                request.headers["xroadvnpt-sign-header-key"]
                    == "from;servicetype;messagetype;to;hash-file;systemid;timestamp;Content-Type")
        }
    }

    @Test func anEnvelopeHeldInMemoryArrivesExactlyWithItsHash() async throws {
        let document = TestSupport.documentBytes(count: 4_321)
        let reply = LoopbackResponder.Reply.json(#"{"status":"OK","ErrorCode":"0","ErrorDesc":"","DocId":"s-7"}"#)
        try await TestSupport.withResponder([reply]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let docId = try await client.sendEdoc(from: "000.00.00.H26", messageType: .status, envelope: document)
            #expect(docId == "s-7")
            let request = try #require(responder.requests.first)
            #expect(request.body == document)
            #expect(request.headers["content-length"] == "4321")
            let verified = try TestSupport.verify(request).get()
            #expect(verified.parameters["messagetype"] == "status")
            #expect(verified.parameters["hash-file"] == HashFile.value(ofBytes: document))
        }
    }

    @Test func anEmptyEnvelopeInMemoryIsRefusedBeforeAnythingIsSent() async throws {
        try await TestSupport.withResponder([]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let error = try #require(
                await TestSupport.axisError {
                    try await client.sendEdoc(from: "000.00.00.H26", messageType: .status, envelope: [])
                })
            #expect(error.kind == .invalidRequest("the envelope is empty"))
            #expect(responder.requests.isEmpty)
        }
    }

    @Test func http503IsTransient() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("envelope.edxml", TestSupport.documentBytes(count: 1000))
        try await TestSupport.withResponder([
            .respond(
                status: 503, contentType: "text/html",
                body: Array("<html>Service Unavailable</html>".utf8))
        ]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let error = try #require(
                await TestSupport.axisError {
                    try await client.sendEdoc(from: "000.00.00.H26", messageType: .edoc, envelopePath: path)
                })
            #expect(error.kind == .httpStatus(code: 503, bodyExcerpt: "<html>Service Unavailable</html>"))
            #expect(error.failureClass == .transient)
        }
    }

    @Test func failWrongSenderIsPermanentAndQuotesTheAxis() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("envelope.edxml", TestSupport.documentBytes(count: 1000))
        let message = "Don vi gui 002.00.20.H13 khong dung voi ma da dang ky: vxp.saas.03"
        let reply = LoopbackResponder.Reply.json(#"{"status":"FAIL","ErrorCode":"-1","ErrorDesc":""# + message + "\"}")
        try await TestSupport.withResponder([reply]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let error = try #require(
                await TestSupport.axisError {
                    try await client.sendEdoc(from: "002.00.20.H13", messageType: .edoc, envelopePath: path)
                })
            #expect(error.kind == .fail(errorCode: "-1", errorDescription: message))
            #expect(error.failureClass == .permanent)
            #expect(error.description.contains(message))
        }
    }

    @Test func resetAfterTheWholeBodyIsAmbiguous() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let document = TestSupport.documentBytes(count: 200_000)
        let path = try directory.write("envelope.edxml", document)
        try await TestSupport.withResponder([.resetAfterBody]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let error = try #require(
                await TestSupport.axisError {
                    try await client.sendEdoc(from: "000.00.00.H26", messageType: .edoc, envelopePath: path)
                })
            #expect(responder.requests.first?.body == document)
            guard case .network = error.kind else {
                Issue.record("expected a network error, got \(error)")
                return
            }
            #expect(error.requestBodyFullySent)
            #expect(error.failureClass == .ambiguous)
            #expect(error.description.contains("getSentEdocList"))
        }
    }

    @Test func emptyReplyAfterTheWholeBodyIsAmbiguous() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("envelope.edxml", TestSupport.documentBytes(count: 5000))
        try await TestSupport.withResponder([.closeAfterBody]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let error = try #require(
                await TestSupport.axisError {
                    try await client.sendEdoc(from: "000.00.00.H26", messageType: .status, envelopePath: path)
                })
            #expect(error.failureClass == .ambiguous)
            #expect(responder.requests.first?.headers["xroadvnpt-messagetype"] == "status")
        }
    }

    @Test func okReplyWithDocIdZeroIsAmbiguousNotSuccess() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("envelope.edxml", TestSupport.documentBytes(count: 10))
        try await TestSupport.withResponder([.json(#"{"status":"OK","ErrorCode":"0","DocId":"0"}"#)]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let error = try #require(
                await TestSupport.axisError {
                    try await client.sendEdoc(from: "000.00.00.H26", messageType: .edoc, envelopePath: path)
                })
            #expect(error.failureClass == .ambiguous)
        }
    }

    @Test func connectionRefusedIsTransient() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("envelope.edxml", TestSupport.documentBytes(count: 10))
        // Take a free port from a responder, then stop it so nothing listens there.
        let responder = try LoopbackResponder([])
        let url = responder.baseURL
        responder.stop()
        let client = try TestSupport.client(url)
        let error = try #require(
            await TestSupport.axisError {
                try await client.sendEdoc(from: "000.00.00.H26", messageType: .edoc, envelopePath: path)
            })
        #expect(error.kind == .network(code: 7, message: error.networkMessage))
        #expect(!error.requestBodyFullySent)
        #expect(error.failureClass == .transient)
    }

    @Test func missingEnvelopeIsAPermanentLocalFileError() async throws {
        let client = try TestSupport.client("http://127.0.0.1:9/axis")
        let error = try #require(
            await TestSupport.axisError {
                try await client.sendEdoc(
                    from: "000.00.00.H26", messageType: .edoc, envelopePath: "/nonexistent/e.edxml")
            })
        #expect(error.kind == .localFile(path: "/nonexistent/e.edxml", operation: "open for reading", errno: ENOENT))
        #expect(error.failureClass == .permanent)
    }
}

extension AxisError {
    var networkMessage: String {
        if case .network(_, let message) = kind { return message }
        return ""
    }
}
