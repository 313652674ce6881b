import Foundation

/// A remote signing service over HTTPS, speaking lienthong's small digest-signing protocol (docs/architecture.md,
/// "Remote signing"):
///
///     POST <url>
///     Authorization: Bearer <token>            (when a bearer token is configured)
///     Content-Type: application/json
///     {"digest_algorithm":"SHA-256","digest":"<base64 of 32 bytes>","signature_algorithm":"RSA-PKCS1-v1_5"}
///
///     200 OK, Content-Type: application/json
///     {"signature":"<base64>"}
///
/// `signature_algorithm` is `RSA-PKCS1-v1_5` (the service returns the RSASSA-PKCS1-v1_5 block over the DigestInfo
/// of the digest) or `ECDSA` (the DER `Ecdsa-Sig-Value`). It reuses the axis client's libcurl transport: timeouts,
/// CA bundle, client certificate, proxy and a kept-alive connection. AxisClient does not depend on Signing; Daemon
/// adapts this client to Signing's `DigestSigningService`.
///
/// Safe to use from several threads.
public final class RemoteSigningClient: Sendable {
    /// A signature reply is a few hundred bytes.
    static let maximumReplyBytes = 64 * 1024

    private let endpoint: AxisEndpoint
    private let pool: CurlHandlePool
    private let bearerToken: String?

    /// - Parameters:
    ///   - url: `https://…`, or `http://` to 127.0.0.1/localhost/::1 (a local adapter) when `allowPlainHTTP`.
    ///   - bearerToken: sent as `Authorization: Bearer …`; never logged or put in an error.
    ///   - clientCertificatePath, clientKeyPath: PEM client certificate and key for mutual TLS.
    /// - Throws: ``AxisEndpointError`` for a malformed URL or a non-positive limit.
    public init(
        url: String, allowPlainHTTP: Bool, bearerToken: String?, clientCertificatePath: String?,
        clientKeyPath: String?, caBundlePath: String?, proxyURL: String?, timeout: Duration
    ) throws(AxisEndpointError) {
        endpoint = try AxisEndpoint(
            baseURL: url, allowPlainHTTP: allowPlainHTTP, caBundlePath: caBundlePath,
            clientCertificatePath: clientCertificatePath, clientKeyPath: clientKeyPath, proxyURL: proxyURL,
            connectTimeout: min(timeout, .seconds(10)), requestTimeout: timeout,
            userAgent: "lienthong (remote signing)", maxReplyBytes: Self.maximumReplyBytes, maxIdleConnections: 1)
        pool = CurlHandlePool(capacity: 1)
        self.bearerToken = bearerToken
    }

    /// The service's URL, for messages.
    public var name: String { endpoint.baseURL }

    /// Asks for the signature of `digest` (SHA-256, 32 bytes) with `signatureAlgorithm` (`RSA-PKCS1-v1_5` or
    /// `ECDSA`) and returns the decoded signature.
    public func signature(forDigest digest: [UInt8], signatureAlgorithm: String)
        throws(RemoteSigningClientError) -> [UInt8]
    {
        let request: [String: String] = [
            "digest_algorithm": "SHA-256", "digest": Data(digest).base64EncodedString(),
            "signature_algorithm": signatureAlgorithm,
        ]
        let body = (try? JSONSerialization.data(withJSONObject: request, options: [.sortedKeys])) ?? Data()
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"), ("Accept", "application/json"),
        ]
        if let bearerToken { headers.append(("Authorization", "Bearer " + bearerToken)) }
        let exchange = HTTPExchange.Request(
            method: "POST", url: endpoint.baseURL, headers: headers, body: .bytes(Array(body)),
            sink: .memory(limit: endpoint.maxReplyBytes), timeout: endpoint.requestTimeout)
        let outcome = CurlTransport.perform(exchange, endpoint: endpoint, pool: pool, cancellation: CancellationFlag())
        let response: HTTPExchange.Response
        switch outcome.result {
        case .success(let value):
            response = value
        case .failure(.replyTooLarge(let limit)):
            throw .invalidReply(url: name, detail: "more than \(limit) bytes")
        case .failure(.curl(_, let message)):
            throw .unreachable(url: name, detail: message)
        case .failure(let failure):
            throw .unreachable(url: name, detail: "\(failure)")
        }
        let excerpt = String(decoding: response.body.prefix(200), as: UTF8.self).filter { !$0.isNewline }
        guard response.status == 200 else { throw .httpStatus(url: name, status: response.status, excerpt: excerpt) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let encoded = object["signature"] as? String
        else { throw .invalidReply(url: name, detail: "not a JSON object with a \"signature\" string") }
        guard let signature = Data(base64Encoded: encoded), !signature.isEmpty else {
            throw .invalidReply(url: name, detail: "\"signature\" is not base64")
        }
        return Array(signature)
    }
}
