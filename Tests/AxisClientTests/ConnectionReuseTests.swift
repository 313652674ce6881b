import AxisClient
import AxisProtocol
import Foundation
import Logging
import Testing

/// Keep-alive: sequential calls share one TCP connection, measured by counting `accept`s on the responder.
@Suite struct ConnectionReuseTests {
    static let countReply = LoopbackResponder.Reply.json(#"{"status":"OK","ErrorCode":"0","count":3}"#)

    static func client(_ responder: LoopbackResponder, reuse: Bool) throws -> AxisClient {
        let endpoint = try AxisEndpoint(
            baseURL: responder.baseURL, allowPlainHTTP: true, connectTimeout: .seconds(5),
            requestTimeout: .seconds(10), reuseConnections: reuse)
        return AxisClient(endpoint: endpoint, credentials: TestSupport.credentials, logger: Logger(label: "reuse"))
    }

    static func connections(forSequentialCalls calls: Int, reuse: Bool) async throws -> Int {
        let responder = try LoopbackResponder(Array(repeating: countReply, count: calls), keepAlive: true)
        defer { responder.stop() }
        let client = try client(responder, reuse: reuse)
        for _ in 0..<calls {
            #expect(try await client.countReceiveEdoc() == 3)
        }
        #expect(responder.requests.count == calls)
        return responder.acceptedConnections
    }

    @Test func twentySequentialCallsUseOneConnectionWhenReuseIsOn() async throws {
        let connections = try await Self.connections(forSequentialCalls: 20, reuse: true)
        print("keep-alive measurement: 20 sequential calls with reuse on opened \(connections) TCP connection(s)")
        #expect(connections == 1)
    }

    @Test func twentySequentialCallsOpenTwentyConnectionsWhenReuseIsOff() async throws {
        let connections = try await Self.connections(forSequentialCalls: 20, reuse: false)
        print("keep-alive measurement: 20 sequential calls with reuse off opened \(connections) TCP connection(s)")
        #expect(connections == 20)
    }

    /// libcurl resends a request on a new connection when a reused one turns out dead; for sendEdoc that could
    /// store a document twice, so a send always opens its own connection.
    @Test func sendEdocNeverRidesAKeptAliveConnection() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("envelope.edxml", TestSupport.documentBytes(count: 5000))
        let sent = LoopbackResponder.Reply.json(#"{"status":"OK","ErrorCode":"0","ErrorDesc":"","DocId":"d-1"}"#)
        let responder = try LoopbackResponder([Self.countReply, sent, Self.countReply], keepAlive: true)
        defer { responder.stop() }
        let client = try Self.client(responder, reuse: true)
        _ = try await client.countReceiveEdoc()
        #expect(responder.acceptedConnections == 1)
        #expect(try await client.sendEdoc(from: "000.00.00.H26", messageType: .edoc, envelopePath: path) == "d-1")
        #expect(responder.acceptedConnections == 2, "sendEdoc reused a kept-alive connection")
        _ = try await client.countReceiveEdoc()
        #expect(responder.acceptedConnections == 2, "the count after the send should reuse a kept connection")
    }
}
