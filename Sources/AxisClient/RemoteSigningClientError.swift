/// Why a remote signing service gave no signature, as the transport sees it.
public enum RemoteSigningClientError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Connection refused, DNS, TLS, timeout: the service is down or unreachable.
    case unreachable(url: String, detail: String)
    /// An HTTP status other than 200; `excerpt` is the start of the body, for the admin.
    case httpStatus(url: String, status: Int, excerpt: String)
    /// A 200 reply that is not `{"signature": "<base64>"}`.
    case invalidReply(url: String, detail: String)

    public var description: String {
        switch self {
        case .unreachable(let url, let detail): "\(url) cannot be reached (\(detail))"
        case .httpStatus(let url, let status, let excerpt):
            "\(url) answered HTTP \(status)" + (excerpt.isEmpty ? "" : " (\(excerpt))")
        case .invalidReply(let url, let detail): "\(url) sent an unusable reply (\(detail))"
        }
    }
}
