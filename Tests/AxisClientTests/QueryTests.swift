import AxisClient
import AxisProtocol
import Foundation
import Logging
import Testing

@Suite struct QueryTests {
    @Test func receivedListIsSignedAndParsed() async throws {
        let items = [ReceivedEdocItem(docId: "a", from: "000.00.00.G22"), ReceivedEdocItem(docId: "b")]
        try await TestSupport.withResponder([.json(ReceivedEdocItem.listJSONBytes(items).string)]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            #expect(try await client.getReceivedEdocList(messageType: .status) == items)
            let request = try #require(responder.requests.first)
            #expect(request.method == "POST")
            let parameters = try TestSupport.verify(request).get().parameters
            #expect(parameters["servicetype"] == "eDoc")
            #expect(parameters["messagetype"] == "status")
            #expect(request.headers["content-type"] == "application/json")
        }
    }

    @Test func updateStatusSendsItsParametersAsSignedHeaders() async throws {
        try await TestSupport.withResponder([.json(AxisReply.ok.jsonBytes().string)]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            try await client.updateStatus(docId: "d-1", status: .done, description: "Da nhan")
            let request = try #require(responder.requests.first)
            #expect(request.body.isEmpty)
            let parameters = try TestSupport.verify(request).get().parameters
            #expect(parameters["docId"] == "d-1")
            #expect(parameters["status"] == "done")
            #expect(parameters["description"] == "Da nhan")
        }
    }

    @Test func nonASCIIDescriptionIsRefusedBeforeAnyRequest() async throws {
        try await TestSupport.withResponder([]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let error = try #require(
                await TestSupport.axisError {
                    try await client.updateStatus(docId: "d-1", status: .fail, description: "Đã nhận")
                })
            guard case .invalidRequest = error.kind else {
                Issue.record("expected invalidRequest, got \(error)")
                return
            }
            #expect(error.failureClass == .permanent)
            #expect(responder.requests.isEmpty)
        }
    }

    @Test func countersUseGET() async throws {
        try await TestSupport.withResponder([
            .json(#"{"status":"OK","ErrorCode":"0","count":"4"}"#),
            .json(CountReply(count: 2).jsonBytes().string),
        ]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            #expect(try await client.countReceiveEdoc() == 4)
            #expect(try await client.countReceiveStatus() == 2)
            #expect(responder.requests.map(\.method) == ["GET", "GET"])
            #expect(responder.requests.map(\.path).last == "/XrdAdapter/adapter/countReceiveStatus")
        }
    }

    @Test func sentListAndAgenciesAreParsed() async throws {
        let sent = [SentEdocItem(senderDocId: "s", receiverDocId: "r", receiveStatus: "done")]
        let agencies = [AgencyItem(id: "1", code: "000.00.00.H26", name: "UBND")]
        try await TestSupport.withResponder([
            .json(SentEdocItem.listJSONBytes(sent).string),
            .json(AgencyItem.listJSONBytes(agencies).string),
        ]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            #expect(try await client.getSentEdocList(messageType: .edoc, docId: "s") == sent)
            #expect(try await client.getAgenciesList() == agencies)
            let parameters = try TestSupport.verify(try #require(responder.requests.first)).get().parameters
            #expect(parameters["docId"] == "s")
        }
    }

    @Test func htmlPageWithStatus200IsMalformedAndTransient() async throws {
        try await TestSupport.withResponder([
            .respond(
                status: 200, contentType: "text/html",
                body: Array("<html><body>Gateway login</body></html>".utf8))
        ]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let error = try #require(await TestSupport.axisError { try await client.getAgenciesList() })
            guard case .malformedReply(let reason) = error.kind else {
                Issue.record("expected malformedReply, got \(error)")
                return
            }
            #expect(reason.contains("Gateway login"))
            #expect(error.failureClass == .transient)
        }
    }

    @Test func replyOverTheTwoMillionByteCapIsRefused() async throws {
        let huge = #"{"status":"OK","ErrorCode":"0","data":[""# + String(repeating: "x", count: 2_000_001) + "\"]}"
        try await TestSupport.withResponder([.json(huge)]) { responder in
            let client = try TestSupport.client(responder.baseURL)
            let error = try #require(await TestSupport.axisError { try await client.getAgenciesList() })
            #expect(error.kind == .malformedReply("reply larger than 2000000 bytes"))
        }
    }

    @Test func unknownFailCodeIsTransientAndSaysSo() async throws {
        try await TestSupport.withResponder([.json(#"{"status":"FAIL","ErrorCode":"77","ErrorDesc":"Bao tri"}"#)]) {
            responder in
            let client = try TestSupport.client(responder.baseURL)
            let error = try #require(
                await TestSupport.axisError {
                    try await client.getReceivedEdocList(messageType: .edoc)
                })
            #expect(error.failureClass == .transient)
            #expect(error.description.contains("unknown ErrorCode"))
            #expect(error.description.contains("Bao tri"))
        }
    }
}

@Suite struct CancellationTests {
    @Test func cancellingTheTaskAbortsASlowTransfer() async throws {
        // The reply would come 30 s after the request, which arrives after `started`: a call that waits for it
        // takes at least 30 s, whatever the load; an aborted transfer ends long before.
        try await TestSupport.withResponder([.delayed(milliseconds: 30_000, .json(AxisReply.ok.jsonBytes().string))]) {
            responder in
            let client = try TestSupport.client(responder.baseURL)
            let started = ContinuousClock.now
            let task = Task { await TestSupport.axisError { try await client.countReceiveEdoc() } }
            try await Task.sleep(for: .milliseconds(200))
            task.cancel()
            let error = try #require(await task.value)
            #expect(error.kind == .cancelled)
            #expect(error.failureClass == .transient)
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }
}

@Suite struct ConnectionLimitTests {
    /// Three calls at once through a client allowed one connection, against an axis that serves connections in
    /// parallel and answers each after 300 ms: they go one after another, so together they take at least 900 ms
    /// (a lower bound that a slow machine only makes longer). Without the limit they would end together.
    @Test func callsBeyondTheLimitWaitForAFreeConnection() async throws {
        let reply = LoopbackResponder.Reply.delayed(milliseconds: 300, .json(CountReply(count: 0).jsonBytes().string))
        let responder = try LoopbackResponder([reply, reply, reply], keepAlive: true)
        defer { responder.stop() }
        let endpoint = try AxisEndpoint(
            baseURL: responder.baseURL, allowPlainHTTP: true, connectTimeout: .seconds(5),
            requestTimeout: .seconds(10), transferTimeout: .seconds(10), lowSpeedTime: .seconds(10),
            maxConnections: 1)
        let client = AxisClient(endpoint: endpoint, credentials: TestSupport.credentials, logger: Logger(label: "t"))
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<3 { group.addTask { try await client.countReceiveEdoc() } }
            for try await count in group { #expect(count == 0) }
        }
        #expect(ContinuousClock.now - started >= .milliseconds(900))
        #expect(responder.requests.count == 3)
    }

    @Test func noConnectionAtAllIsRefused() {
        #expect(throws: AxisEndpointError.self) {
            try AxisEndpoint(baseURL: "http://127.0.0.1:1/x", allowPlainHTTP: true, maxConnections: 0)
        }
    }
}
