import AxisClient
import Signing

/// Signing's `DigestSigningService` over AxisClient's ``RemoteSigningClient``: maps the protocol's algorithm names
/// and sorts the transport's failures into unavailable (retry later) and refused (a configuration error).
struct HTTPDigestSigningService: DigestSigningService {
    let client: RemoteSigningClient

    var name: String { client.name }

    func signature(forDigest digest: [UInt8], algorithm: SignatureAlgorithm) throws(RemoteSigningError) -> [UInt8] {
        let protocolName =
            switch algorithm {
            case .rsaPKCS1v15SHA256: "RSA-PKCS1-v1_5"
            case .ecdsaSHA256: "ECDSA"
            }
        do {
            return try client.signature(forDigest: digest, signatureAlgorithm: protocolName)
        } catch {
            switch error {
            case .unreachable(_, let detail):
                throw .unavailable(service: name, detail: detail)
            case .httpStatus(_, let status, let excerpt) where (400..<500).contains(status):
                throw .refused(service: name, status: status, detail: excerpt)
            case .httpStatus(_, let status, let excerpt):
                throw .unavailable(service: name, detail: "HTTP \(status)" + (excerpt.isEmpty ? "" : ": \(excerpt)"))
            case .invalidReply(_, let detail):
                throw .invalidReply(service: name, detail: detail)
            }
        }
    }
}
