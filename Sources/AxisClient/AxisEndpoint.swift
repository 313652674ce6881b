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
    /// PEM client certificate for adapters that require TLS client authentication.
    public var clientCertificatePath: String?
    /// PEM private key of ``clientCertificatePath``.
    public var clientKeyPath: String?
    /// An HTTP(S) proxy URL (`http://proxy:3128`); nil means none, and proxy environment variables are ignored.
    public var proxyURL: String?
    public var connectTimeout: Duration
    /// Whole-request limit for JSON calls (lists, counts, acknowledgements).
    public var requestTimeout: Duration
    /// Whole-request limit for document transfers (sendEdoc, downloadEdoc, getEdoc); nil for none. Stalled transfers
    /// are caught by the low-speed limit instead, so large documents on slow links are not cut off.
    public var transferTimeout: Duration?
    /// A transfer slower than this for ``lowSpeedTime`` is aborted as a timeout.
    public var lowSpeedLimitBytesPerSecond: Int
    public var lowSpeedTime: Duration
    public var userAgent: String
    /// Largest JSON reply accepted; the SDK's limit is 2,000,000 bytes.
    public var maxReplyBytes: Int
    /// Largest getEdoc reply (the document base64-encoded inside JSON) accepted. The reply is held in memory once
    /// while it is decoded to disk in chunks, so this bounds memory: 256 MiB by default (a ~190 MB document).
    /// downloadEdoc streams to disk and has no such limit.
    public var maxGetEdocReplyBytes: Int

    /// - Throws: ``AxisEndpointError`` for a URL that is not http(s), plain http without `allowPlainHTTP`, or a
    ///   URL with credentials, query or fragment.
    public init(
        baseURL: String,
        allowPlainHTTP: Bool = false,
        caBundlePath: String? = nil,
        clientCertificatePath: String? = nil,
        clientKeyPath: String? = nil,
        proxyURL: String? = nil,
        connectTimeout: Duration = .seconds(15),
        requestTimeout: Duration = .seconds(120),
        transferTimeout: Duration? = nil,
        lowSpeedLimitBytesPerSecond: Int = 1024,
        lowSpeedTime: Duration = .seconds(60),
        userAgent: String = "lienthong (libcurl)",
        maxReplyBytes: Int = 2_000_000,
        maxGetEdocReplyBytes: Int = 256 << 20
    ) throws(AxisEndpointError) {
        self.baseURL = try Self.validated(baseURL, allowPlainHTTP: allowPlainHTTP)
        self.allowPlainHTTP = allowPlainHTTP
        self.caBundlePath = caBundlePath
        self.clientCertificatePath = clientCertificatePath
        self.clientKeyPath = clientKeyPath
        self.proxyURL = proxyURL
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.transferTimeout = transferTimeout
        self.lowSpeedLimitBytesPerSecond = lowSpeedLimitBytesPerSecond
        self.lowSpeedTime = lowSpeedTime
        self.userAgent = userAgent
        self.maxReplyBytes = maxReplyBytes
        self.maxGetEdocReplyBytes = maxGetEdocReplyBytes
        for (name, positive) in [
            ("connectTimeout", connectTimeout > .zero), ("requestTimeout", requestTimeout > .zero),
            ("lowSpeedTime", lowSpeedTime > .zero), ("maxReplyBytes", maxReplyBytes > 0),
            ("maxGetEdocReplyBytes", maxGetEdocReplyBytes > 0),
        ] where !positive {
            throw .invalidLimit(name)
        }
    }

    /// `<baseURL>/<method>`.
    func url(for method: String) -> String { baseURL + "/" + method }

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
