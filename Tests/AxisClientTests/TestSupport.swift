import AxisClient
import AxisProtocol
import Foundation
import Logging

/// A fresh directory under the system temp dir, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("axisclient-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

enum TestSupport {
    static let secret = "0123456789abcdef0123456789abcdef0123456789ab"
    static let credentials = AxisCredentials(systemId: "vxp.saas.03", secret: secret)

    static func client(_ baseURL: String) throws -> AxisClient {
        let endpoint = try AxisEndpoint(
            baseURL: baseURL, allowPlainHTTP: true, connectTimeout: .seconds(5), requestTimeout: .seconds(10),
            transferTimeout: .seconds(10), lowSpeedTime: .seconds(10))
        return AxisClient(endpoint: endpoint, credentials: credentials, logger: Logger(label: "axisclient-tests"))
    }

    /// Deterministic bytes covering every byte value, with CR, LF and NUL in them.
    static func documentBytes(count: Int) -> [UInt8] {
        var state: UInt32 = 0x1234_5678
        return (0..<count).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }

    /// Runs `body` with a responder playing `replies`, always stopping the responder.
    static func withResponder<T>(
        _ replies: [LoopbackResponder.Reply],
        _ body: (LoopbackResponder) async throws -> T
    ) async throws -> T {
        let responder = try LoopbackResponder(replies)
        defer { responder.stop() }
        return try await body(responder)
    }

    static func verify(_ request: LoopbackResponder.Request) -> Result<VerifiedRequest, AxisRejection> {
        HeaderVerifier.verify(headers: request.headers) { $0 == credentials.systemId ? secret : nil }
    }

    /// Awaits `operation` and returns the AxisError it throws; nil if it succeeded or threw something else.
    static func axisError<T>(_ operation: () async throws -> T) async -> AxisError? {
        do {
            _ = try await operation()
            return nil
        } catch {
            return error as? AxisError
        }
    }
}
