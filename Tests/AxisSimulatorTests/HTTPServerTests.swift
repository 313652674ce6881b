import AxisProtocol
import AxisSimulator
import Foundation
import Testing

@Suite("HTTP server")
struct HTTPServerTests {
    @Test func keepAliveConnectionServesSeveralRequestsDespiteACRLFAfterTheBody() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let client = try TestHTTPClient(port: axis.ports.admin)
        // The Java SDK writes CRLF after a body whose Content-Length does not count it.
        let first = try client.request(
            method: "POST", path: "/admin/reset-counters", headers: [], body: Array("{}".utf8),
            extraAfterBody: [13, 10])
        #expect(first.status == 200)
        let second = try client.request(method: "GET", path: "/admin/stats", headers: [])
        #expect(second.status == 200)
        #expect(second.json["calls"] != nil)
    }

    @Test func headersBeyond64KiBAreRefusedWith431() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let client = try TestHTTPClient(port: axis.ports.admin)
        let huge = String(repeating: "a", count: 70 * 1024)
        let reply = try client.request(method: "GET", path: "/admin/stats", headers: [("X-Huge", huge)])
        #expect(reply.status == 431)
    }

    @Test func contentLengthWithTransferEncodingIsRefused() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let client = try TestHTTPClient(port: axis.ports.admin)
        let reply = try client.request(
            method: "POST", path: "/admin/reset-counters", headers: [("Transfer-Encoding", "chunked")],
            body: Array("abc".utf8))
        #expect(reply.status == 400)
        #expect(client.isClosedByPeer())
    }

    @Test func bodyOverTheConfiguredMaximumIsRefusedWith413() throws {
        let axis = try TestAxis(maximumBodyBytes: 1024)
        defer { axis.shutdown() }
        let reply = try axis.send(try TestEnvelopes.realDocument(), from: "vxp.saas.03")
        #expect(reply.status == 413)
        #expect(try axis.received().isEmpty)
    }

    @Test func malformedChunkSizeIsRefused() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let client = try TestHTTPClient(port: axis.ports.admin)
        try client.send(
            Array(
                "POST /admin/reset-counters HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n+5\r\nhello\r\n0\r\n\r\n".utf8
            ))
        let reply = try client.readResponse()
        #expect(reply.status == 400)
    }

    @Test func expectContinueGetsAnInterimResponseBeforeTheBody() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let client = try TestHTTPClient(port: axis.ports.admin)
        try client.send(
            Array(
                "POST /admin/reset-counters HTTP/1.1\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n".utf8))
        let interim = try client.readInterim()
        #expect(interim == 100)
        try client.send(Array("{}".utf8))
        #expect(try client.readResponse().status == 200)
    }

    @Test func stopClosesIdleKeepAliveConnections() throws {
        let axis = try TestAxis()
        let client = try TestHTTPClient(port: axis.ports.admin)
        #expect(try client.request(method: "GET", path: "/admin/stats", headers: []).status == 200)
        let started = Date()
        axis.shutdown()
        #expect(client.isClosedByPeer())
        #expect(Date().timeIntervalSince(started) < 5)
    }
}

@Suite("HTTP server: strict parsing and early refusals")
struct HTTPServerStrictnessTests {
    /// A Content-Length over the limit is refused before the body is invited: the first reply is the 413, never a
    /// `100 Continue`, and the connection closes.
    @Test func anOversizedContentLengthIsRefusedBefore100Continue() throws {
        let axis = try TestAxis(maximumBodyBytes: 1024)
        defer { axis.shutdown() }
        let client = try TestHTTPClient(port: axis.ports.axis)
        try client.send(
            Array(
                ("POST /XrdAdapter/adapter/sendEdoc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4096\r\n"
                    + "Expect: 100-continue\r\n\r\n").utf8))
        #expect(try client.readInterim() == 413)
        // The refusal's text, then the end of the connection.
        #expect((0..<10).contains { _ in client.isClosedByPeer() })
    }

    /// Line ends must be CRLF: a head with bare LF is refused with 400 and the connection closed (NIO's parser,
    /// llhttp, is strict).
    @Test func aHeadWithBareLFLineEndsIsRefused() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let client = try TestHTTPClient(port: axis.ports.admin)
        try client.send(Array("GET /admin/stats HTTP/1.1\nHost: 127.0.0.1\n\n".utf8))
        #expect(try client.readResponse().status == 400)
        #expect(client.isClosedByPeer())
    }

    @Test func obsoleteLineFoldingIsRefused() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let client = try TestHTTPClient(port: axis.ports.admin)
        try client.send(Array("GET /admin/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: one\r\n two\r\n\r\n".utf8))
        #expect(try client.readResponse().status == 400)
        #expect(client.isClosedByPeer())
    }
}
