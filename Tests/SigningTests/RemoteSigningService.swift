import Foundation
import Signing

/// Stands in for a remote signing service or HSM: the private key lives only in this object, which answers
/// "sign these bytes" and nothing else. Signing reaches it through ``RemoteKey`` with the certificate chain alone.
final class RemoteSigningService: Sendable {
    private let identity: SigningIdentity
    private let requests = Counter()

    init(identity: SigningIdentity) { self.identity = identity }

    var requestCount: Int { requests.value }

    /// The raw signature value over `message`, as a service's API would return it.
    func sign(_ message: [UInt8], algorithm: SignatureAlgorithm) throws(SigningError) -> [UInt8] {
        requests.increment()
        return try identity.signature(over: message, algorithm: algorithm)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func increment() { lock.withLock { count += 1 } }
    }
}

/// A ``SigningKey`` that holds certificates only and forwards signing to a ``RemoteSigningService``.
struct RemoteKey: SigningKey {
    let certificates: [[UInt8]]
    let service: RemoteSigningService

    /// - Parameter certificatePEM: the certificate file (and chain) the service's key belongs to.
    init(certificatePEM path: String, service: RemoteSigningService) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        certificates = text.components(separatedBy: "-----BEGIN CERTIFICATE-----").dropFirst().compactMap { block in
            let body = block.components(separatedBy: "-----END CERTIFICATE-----")[0]
            return Data(base64Encoded: body, options: .ignoreUnknownCharacters).map { [UInt8]($0) }
        }
        self.service = service
    }

    func certificateChain() throws(SigningError) -> [[UInt8]] { certificates }

    func signature(over message: [UInt8], algorithm: SignatureAlgorithm) throws(SigningError) -> [UInt8] {
        try service.sign(message, algorithm: algorithm)
    }
}
