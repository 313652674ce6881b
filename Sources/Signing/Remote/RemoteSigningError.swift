/// Why a remote signing service gave no signature.
public enum RemoteSigningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Connection refused, DNS, TLS, timeout, or an HTTP 5xx: the service is down. Transient: documents wait.
    case unavailable(service: String, detail: String)
    /// HTTP 4xx: the service refuses lienthong's credentials or request. A configuration error: the key stops
    /// calling the service until the configuration is reloaded, and documents wait.
    case refused(service: String, status: Int, detail: String)
    /// A 200 reply that is not the protocol's JSON: the URL is probably not a signing service of this protocol.
    case invalidReply(service: String, detail: String)

    /// Whether the key should stop calling the service until the configuration is reloaded.
    public var stopsUsingService: Bool {
        if case .refused = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .unavailable(let service, let detail):
            return "the signing service \(service) is unavailable (\(detail)); documents wait and are signed when "
                + "it answers again"
        case .refused(let service, let status, let detail):
            let hint =
                status == 401 || status == 403
                ? "check signing.remote.bearer_token_file (or _credential) and the client certificate"
                : "check signing.remote.url and that the service speaks lienthong's protocol (docs/architecture.md)"
            return "the signing service \(service) refused the request with HTTP \(status)"
                + (detail.isEmpty ? "" : " (\(detail))")
                + "; \(hint), then reload the configuration; lienthong does not call it again until then and "
                + "documents wait"
        case .invalidReply(let service, let detail):
            return "the signing service \(service) sent an unusable reply (\(detail)); check signing.remote.url"
        }
    }
}
