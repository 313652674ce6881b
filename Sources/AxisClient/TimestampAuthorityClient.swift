import Foundation

/// An RFC 3161 timestamp authority over HTTP(S) (RFC 3161 section 3.4): one `POST` of the DER request as
/// `application/timestamp-query`, answered with `application/timestamp-reply`.
///
/// It is the transport behind Signing's `TimestampAuthority` protocol (the conformance is declared where both
/// modules are imported, `extension TimestampAuthorityClient: @retroactive TimestampAuthority {}`, as AxisClient
/// does not depend on Signing). It reuses the axis client's libcurl transport: timeouts, CA bundle, proxy, a size
/// cap on the reply, and a kept-alive connection between documents. The reply itself is checked by Signing.
///
/// Safe to use from several threads; each call blocks its thread for at most ``AxisEndpoint/requestTimeout``.
public final class TimestampAuthorityClient: Sendable {
    /// RFC 3161 replies are a few KiB (the token and the TSA certificate chain).
    public static let defaultMaximumReplyBytes = 64 * 1024

    private let endpoint: AxisEndpoint
    private let pool: CurlHandlePool

    /// - Parameters:
    ///   - url: the TSA's URL, e.g. `https://tsa.example.vn/tsa`; plain `http://` only with `allowPlainHTTP`
    ///     (RFC 3161 tokens are signed, so plain HTTP is common and safe for integrity).
    ///   - caBundlePath: PEM roots for an `https` TSA; nil uses the system store.
    ///   - connectTimeout, requestTimeout: limits for the TCP/TLS set-up and for the whole exchange.
    ///   - maximumReplyBytes: a larger reply aborts the transfer.
    /// - Throws: ``AxisEndpointError`` for a malformed URL or a non-positive limit.
    public init(
        url: String,
        allowPlainHTTP: Bool = true,
        caBundlePath: String? = nil,
        proxyURL: String? = nil,
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(30),
        maximumReplyBytes: Int = TimestampAuthorityClient.defaultMaximumReplyBytes
    ) throws(AxisEndpointError) {
        endpoint = try AxisEndpoint(
            baseURL: url, allowPlainHTTP: allowPlainHTTP, caBundlePath: caBundlePath, proxyURL: proxyURL,
            connectTimeout: connectTimeout, requestTimeout: requestTimeout, userAgent: "lienthong (RFC 3161)",
            maxReplyBytes: maximumReplyBytes, maxIdleConnections: 1)
        pool = CurlHandlePool(capacity: 1)
    }

    /// The TSA's URL, for messages.
    public var name: String { endpoint.baseURL }

    /// Sends one DER `TimeStampReq` and returns the DER `TimeStampResp`, unchecked.
    ///
    /// - Throws: ``TimestampAuthorityClientError``; every case is transient (retry later) except a reply too large,
    ///   which points at a wrong URL.
    public func respond(to request: [UInt8]) throws(TimestampAuthorityClientError) -> [UInt8] {
        let exchange = HTTPExchange.Request(
            method: "POST", url: endpoint.baseURL,
            headers: [("Content-Type", "application/timestamp-query"), ("Accept", "application/timestamp-reply")],
            body: .bytes(request), sink: .memory(limit: endpoint.maxReplyBytes), timeout: endpoint.requestTimeout)
        let outcome = CurlTransport.perform(exchange, endpoint: endpoint, pool: pool, cancellation: CancellationFlag())
        let response: HTTPExchange.Response
        switch outcome.result {
        case .success(let value):
            response = value
        case .failure(.replyTooLarge(let limit)):
            throw .replyTooLarge(url: name, limit: limit)
        case .failure(.curl(_, let message)):
            throw .unreachable(url: name, detail: message)
        case .failure(let failure):
            throw .unreachable(url: name, detail: "\(failure)")
        }
        guard response.status == 200 else {
            let excerpt = String(decoding: response.body.prefix(200), as: UTF8.self)
                .filter { !$0.isNewline }
            throw .httpStatus(url: name, status: response.status, excerpt: excerpt)
        }
        let mediaType = response.contentType?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/timestamp-reply" else {
            throw .wrongContentType(url: name, contentType: response.contentType ?? "(none)")
        }
        return response.body
    }
}
