import AxisProtocol
import Foundation
import Testing

/// What the event-driven server promises about connections: a slow client holds neither a thread nor other
/// clients, and many connections at once are all served.
@Suite("Connections")
struct ConnectionHandlingTests {
    /// The raw bytes of a signed `getAgenciesList` call on a kept-alive connection.
    static func agenciesRequest() throws -> [UInt8] {
        let headers = try SignedHeaders.make(
            parameters: [], contentType: "application/json", credentials: TestAxis.saas, now: Date())
        var head =
            "\(AxisMethod.getAgenciesList.httpMethod) /XrdAdapter/adapter/\(AxisMethod.getAgenciesList.rawValue) "
            + "HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        return Array((head + "\r\n").utf8)
    }

    /// A client sends its head one byte every 100 ms (a head of 200 bytes would take 20 s) against a 2 s head
    /// deadline. Another client is served meanwhile, and the server closes the slow one once the deadline has
    /// passed, never before, without having received a whole head.
    @Test func aClientTricklingItsHeadIsClosedAtTheDeadlineAndOthersAreServedMeanwhile() throws {
        let deadline = 2.0
        let axis = try TestAxis(requestHeadTimeoutSeconds: deadline)
        defer { axis.shutdown() }
        let slow = try TestHTTPClient(port: axis.ports.axis)
        let opened = Date()
        let head = Array(
            ("POST /XrdAdapter/adapter/getAgenciesList HTTP/1.1\r\nX-Padding: "
                + String(repeating: "a", count: 150) + "\r\n").utf8)
        try slow.send([head[0]])

        // Served while the slow client is mid-head.
        let served = ServedStatus()
        let done = DispatchSemaphore(value: 0)
        Thread {
            served.set((try? axis.call(.getAgenciesList))?.status)
            done.signal()
        }.start()
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(served.value == 200)

        var closedAt: Date?
        for byte in head.dropFirst() {
            Thread.sleep(forTimeInterval: 0.1)
            do {
                try slow.send([byte])
            } catch {
                closedAt = Date()
                break
            }
        }
        let closed = try #require(closedAt, "the slow client sent its whole padding without being closed")
        #expect(closed.timeIntervalSince(opened) >= deadline)
        #expect(closed.timeIntervalSince(opened) < 15)
        #expect(slow.isClosedByPeer())
    }

    /// 100 connections open at once (more than the old thread-per-connection server's 64), each sending a request
    /// before any reply is read, then a second one on the same connection: every request is answered.
    @Test func aHundredSimultaneousKeepAliveConnectionsAreAllServed() throws {
        let axis = try TestAxis(maximumConnections: 128)
        defer { axis.shutdown() }
        let clients = try (0..<100).map { _ in try TestHTTPClient(port: axis.ports.axis) }
        for round in 1...2 {
            for client in clients { try client.send(try Self.agenciesRequest()) }
            for (index, client) in clients.enumerated() {
                let reply = try client.readResponse()
                #expect(reply.status == 200, "connection \(index), request \(round)")
                #expect((reply.json["data"] as? [[String: Any]])?.count == 3, "connection \(index), request \(round)")
            }
        }
        #expect((try axis.adminStats()["calls"] as? [String: Int])?["getAgenciesList"] == 200)
    }
}

/// The status a background request got, read by the test once the request is done.
final class ServedStatus: @unchecked Sendable {
    private let lock = NSLock()
    private var status: Int?
    func set(_ value: Int?) { lock.withLock { status = value } }
    var value: Int? { lock.withLock { status } }
}
