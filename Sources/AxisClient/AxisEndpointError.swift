/// An axis endpoint that cannot be used as configured.
public enum AxisEndpointError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The URL does not start with `http://` or `https://`, has no host, or contains spaces, `?`, `#` or control
    /// characters.
    case malformedURL(String)
    /// `http://` was given without `allowPlainHTTP`: the axis secret's signatures and the documents would travel
    /// unencrypted.
    case plainHTTPNotAllowed(String)
    /// The URL carries `user:password@`; the axis does not use Basic auth and credentials must not sit in config URLs.
    case credentialsInURL
    /// A limit or timeout is zero or negative.
    case invalidLimit(String)
    /// The public key pin is neither `sha256//<base64 SHA-256>` (optionally several, `;`-separated) nor an
    /// absolute path to a key file.
    case invalidPinnedPublicKey(String)

    public var description: String {
        switch self {
        case .malformedURL(let url):
            "the axis endpoint '\(url)' is not a usable http(s) URL (expected e.g. "
                + "https://adapter.example.gov.vn:8443/XrdAdapter/adapter, without query or fragment)"
        case .plainHTTPNotAllowed(let url):
            "the axis endpoint '\(url)' uses plain http; use https, or set allowPlainHTTP for an adapter on a "
                + "private network that only speaks http"
        case .credentialsInURL:
            "the axis endpoint URL contains user:password@; remove it (the axis authenticates with signed headers)"
        case .invalidLimit(let name): "the axis endpoint setting '\(name)' must be greater than zero"
        case .invalidPinnedPublicKey(let pin):
            "the pinned public key '\(pin)' is not usable; write sha256// followed by the base64 SHA-256 of the "
                + "server's public key (openssl x509 -in server.crt -pubkey -noout | openssl pkey -pubin -outform der "
                + "| openssl dgst -sha256 -binary | base64), or give the absolute path of a PEM public key file"
        }
    }
}
