import AxisProtocol
import Foundation

/// Where and how to reach the axis (or the provincial X-Road adapter in front of it).
///
/// Every method is called as `POST|GET <baseURL>/<method>`. Plain `http://` is refused unless `allowPlainHTTP`
/// is set, because production adapters often sit on private `http://` addresses and that must be a deliberate choice.
public struct AxisEndpoint: Sendable {
    /// The endpoint without a trailing slash, e.g. `http://10.0.0.5:8080/XrdAdapter/adapter`.
    public let baseURL: String
    public let allowPlainHTTP: Bool
    /// PEM bundle of CA certificates for an https endpoint; nil uses the system store.
    public var caBundlePath: String?
    /// Client certificate for adapters that require TLS client authentication, in ``clientCertificateFormat``.
    public var clientCertificatePath: String?
    /// `.pem` (certificate here, key in ``clientKeyPath``) or `.pkcs12` (certificate and key in one file).
    public var clientCertificateFormat: ClientCertificateFormat
    /// PEM private key of ``clientCertificatePath``; nil for PKCS#12 or a PEM file holding both.
    public var clientKeyPath: String?
    /// A file holding the password of the client key or PKCS#12 file. The password is read from this file for each
    /// connection setup and handed to libcurl only; it never appears in arguments, logs or error messages.
    public var clientKeyPasswordFile: String?
    /// The server's public key pin, as libcurl's `CURLOPT_PINNEDPUBLICKEY` takes it: `sha256//<base64>` (several
    /// joined with `;`) or the path of a PEM/DER public key file. A server whose key does not match is refused even
    /// if its certificate chain is trusted.
    public var pinnedPublicKey: String?
    /// An HTTP(S) proxy URL (`http://proxy:3128`); nil means none, and proxy environment variables are ignored.
    public var proxyURL: String?
    public var connectTimeout: Duration
    /// Whole-request limit for JSON calls (lists, counts, acknowledgements). For document transfers it bounds
    /// waiting instead: a transfer in which no byte moved for this long (typically the wait for the axis's reply
    /// after the upload) is aborted as a timeout.
    public var requestTimeout: Duration
    /// Whole-request limit for document transfers (sendEdoc, downloadEdoc, getEdoc); nil for none. Stalled transfers
    /// are caught by the low-speed limit instead, so large documents on slow links are not cut off.
    public var transferTimeout: Duration?
    /// A transfer slower than this for ``lowSpeedTime`` is aborted as a timeout.
    public var lowSpeedLimitBytesPerSecond: Int
    public var lowSpeedTime: Duration
    public var userAgent: String
    /// Largest JSON reply accepted; the SDK's limit is 2,000,000 bytes. Documents (downloadEdoc, and getEdoc whose
    /// reply is decoded as it streams in) are not held in memory and have no such limit.
    public var maxReplyBytes: Int
    /// Keep connections open between calls and reuse them (HTTP keep-alive), up to ``maxIdleConnections`` idle
    /// ones. sendEdoc always opens a fresh connection whatever this says: see `CurlTransport`.
    public var reuseConnections: Bool
    public var maxIdleConnections: Int
    /// Most calls in progress at once through one ``AxisClient``, whatever the pipelines ask: the axis SDK's
    /// client keeps at most 10 connections per system, and an axis may refuse more. Calls beyond it wait.
    public var maxConnections: Int

    /// - Throws: ``AxisEndpointError`` for a URL that is not http(s), plain http without `allowPlainHTTP`, or a
    ///   URL with credentials, query or fragment.
    public init(
        baseURL: String,
        allowPlainHTTP: Bool = false,
        caBundlePath: String? = nil,
        clientCertificatePath: String? = nil,
        clientKeyPath: String? = nil,
        clientCertificateFormat: ClientCertificateFormat = .pem,
        clientKeyPasswordFile: String? = nil,
        pinnedPublicKey: String? = nil,
        proxyURL: String? = nil,
        connectTimeout: Duration = .seconds(15),
        requestTimeout: Duration = .seconds(120),
        transferTimeout: Duration? = nil,
        lowSpeedLimitBytesPerSecond: Int = 1024,
        lowSpeedTime: Duration = .seconds(60),
        userAgent: String = "lienthong (libcurl)",
        maxReplyBytes: Int = 2_000_000,
        reuseConnections: Bool = true,
        maxIdleConnections: Int = 4,
        maxConnections: Int = 10
    ) throws(AxisEndpointError) {
        self.baseURL = try Self.validated(baseURL, allowPlainHTTP: allowPlainHTTP)
        self.allowPlainHTTP = allowPlainHTTP
        self.caBundlePath = caBundlePath
        self.clientCertificatePath = clientCertificatePath
        self.clientKeyPath = clientKeyPath
        self.clientCertificateFormat = clientCertificateFormat
        self.clientKeyPasswordFile = clientKeyPasswordFile
        self.pinnedPublicKey = try pinnedPublicKey.map(Self.validatedPin)
        self.proxyURL = proxyURL
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.transferTimeout = transferTimeout
        self.lowSpeedLimitBytesPerSecond = lowSpeedLimitBytesPerSecond
        self.lowSpeedTime = lowSpeedTime
        self.userAgent = userAgent
        self.maxReplyBytes = maxReplyBytes
        self.reuseConnections = reuseConnections
        self.maxIdleConnections = maxIdleConnections
        self.maxConnections = maxConnections
        for (name, positive) in [
            ("connectTimeout", connectTimeout > .zero), ("requestTimeout", requestTimeout > .zero),
            ("lowSpeedTime", lowSpeedTime > .zero), ("maxReplyBytes", maxReplyBytes > 0),
            ("maxIdleConnections", maxIdleConnections >= 0), ("maxConnections", maxConnections > 0),
        ] where !positive {
            throw .invalidLimit(name)
        }
    }

    /// `<baseURL>/<method>`.
    func url(for method: String) -> String { baseURL + "/" + method }

    /// Reads ``clientKeyPasswordFile`` (trailing line breaks removed); nil when none is configured.
    func clientKeyPassword(for method: AxisMethod) throws(AxisError) -> String? {
        guard let path = clientKeyPasswordFile else { return nil }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw AxisError(
                method: method,
                kind: .configuration(
                    "cannot read the client key password file \(path): \(error.localizedDescription); check the path "
                        + "and that the lienthong user may read it (mode 0600)"))
        }
        var text = String(decoding: bytes, as: UTF8.self)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        guard !text.isEmpty else {
            throw AxisError(method: method, kind: .configuration("the client key password file \(path) is empty"))
        }
        return text
    }

    /// `sha256//<base64 of 32 bytes>` entries joined by `;`, or a file path (libcurl reads PEM or DER keys).
    private static func validatedPin(_ pin: String) throws(AxisEndpointError) -> String {
        let trimmed = pin.trimmingSpaces()
        guard trimmed.hasPrefix("sha256//") else {
            guard trimmed.hasPrefix("/") else { throw .invalidPinnedPublicKey(pin) }
            return trimmed
        }
        for entry in trimmed.split(separator: ";", omittingEmptySubsequences: false) {
            guard entry.hasPrefix("sha256//"),
                let digest = Data(base64Encoded: String(entry.dropFirst("sha256//".count))), digest.count == 32
            else { throw .invalidPinnedPublicKey(pin) }
        }
        return trimmed
    }

    private static func validated(_ url: String, allowPlainHTTP: Bool) throws(AxisEndpointError) -> String {
        var trimmed = url.trimmingSpaces()
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        let lower = trimmed.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = trimmed.dropFirst("https://".count)
        } else if lower.hasPrefix("http://") {
            guard allowPlainHTTP else { throw .plainHTTPNotAllowed(trimmed) }
            rest = trimmed.dropFirst("http://".count)
        } else {
            throw .malformedURL(url)
        }
        let authority = rest.prefix { $0 != "/" }
        guard !authority.isEmpty,
            trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "?" && $0 != "#" })
        else { throw .malformedURL(url) }
        guard !authority.contains("@") else { throw .credentialsInURL }
        return trimmed
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        let unwanted: Set<Character> = [" ", "\t", "\r", "\n", "\r\n"]
        guard let first = firstIndex(where: { !unwanted.contains($0) }),
            let last = lastIndex(where: { !unwanted.contains($0) })
        else { return "" }
        return String(self[first...last])
    }
}
