/// `signing.timestamp_*`: an RFC 3161 time-stamping authority (TSA) that dates every signature (PAdES B-T).
///
/// A timestamp proves the signature existed at that time, so it stays verifiable after the signer's certificate
/// expires. Only a hash of the signature is sent to the TSA, never the document, which is why plain `http://` (what
/// most TSAs offer) is accepted here, unlike for the axis.
public struct TimestampSettings: Sendable, Equatable {
    /// The TSA's URL, `http://` or `https://`.
    public var url: String
    /// CA certificates (PEM) for an `https://` TSA; the system's bundle when nil.
    public var caBundle: String?
    /// How long one timestamp request may take before the signature waits and is retried.
    public var timeout: Duration

    public init(url: String, caBundle: String? = nil, timeout: Duration = .seconds(30)) {
        self.url = url
        self.caBundle = caBundle
        self.timeout = timeout
    }
}
