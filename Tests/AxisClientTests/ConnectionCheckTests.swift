import AxisClient
import AxisProtocol
import Foundation
import Logging
import Testing

/// `checkConnection()` (behind `lienthong check-config --online`) turns every outcome into one plain verdict.
@Suite struct ConnectionCheckTests {
    static let system = "sys.check"

    static func client(_ url: String, secret: String, systemId: String = system) throws -> AxisClient {
        let endpoint = try AxisEndpoint(
            baseURL: url, allowPlainHTTP: true, connectTimeout: .seconds(3), requestTimeout: .seconds(5))
        return AxisClient(
            endpoint: endpoint, credentials: AxisCredentials(systemId: systemId, secret: secret),
            logger: Logger(label: "check"))
    }

    @Test func theRightSecretIsReachableAndAuthenticatedWithTheWaitingCounts() async throws {
        let axis = try SimulatorHarness(systems: [Self.system: ["000.00.00.H41"]])
        defer { axis.shutdown() }
        let verdict = try await axis.client(Self.system).checkConnection()
        #expect(verdict == .ok(documentsWaiting: 0, statusesWaiting: 0))
        #expect("\(verdict)".contains("reachable and authenticated"))
    }

    @Test func aWrongSecretIsNamedAndQuotesTheAxis() async throws {
        let axis = try SimulatorHarness(systems: [Self.system: ["000.00.00.H41"]])
        defer { axis.shutdown() }
        let verdict = try await axis.client(Self.system, secret: String(repeating: "w", count: 44)).checkConnection()
        guard case .wrongSecret(let message) = verdict else {
            Issue.record("expected a wrong secret, got \(verdict)")
            return
        }
        #expect(message == AxisRejection.invalidSignature.errorDescription)
        #expect(!verdict.isOK && "\(verdict)".contains("secret is wrong"))
    }

    @Test func anUnregisteredSystemIdIsNamed() async throws {
        let axis = try SimulatorHarness(systems: [Self.system: ["000.00.00.H41"]])
        defer { axis.shutdown() }
        let verdict = try await Self.client(axis.httpURL, secret: "x", systemId: "sys.unknown").checkConnection()
        guard case .unknownSystem = verdict else {
            Issue.record("expected an unknown system, got \(verdict)")
            return
        }
    }

    @Test func aClosedPortIsUnreachable() async throws {
        let responder = try LoopbackResponder([])
        let url = responder.baseURL
        responder.stop()
        let verdict = try await Self.client(url, secret: "x").checkConnection()
        #expect(verdict == .unreachable(.unreachable), "\(verdict)")
    }

    @Test func anHTMLErrorPageIsNotTheAxis() async throws {
        try await TestSupport.withResponder([
            .respond(status: 404, contentType: "text/html", body: Array("<html>Not Found</html>".utf8))
        ]) { responder in
            let verdict = try await Self.client(responder.baseURL, secret: "x").checkConnection()
            #expect(verdict == .httpStatus(code: 404, bodyExcerpt: "<html>Not Found</html>"), "\(verdict)")
            #expect("\(verdict)".contains("check the endpoint URL"))
        }
    }
}
