/// Why a timestamp authority gave no reply to check.
public enum TimestampAuthorityClientError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Connection refused, DNS, TLS, timeout: the TSA is down or unreachable.
    case unreachable(url: String, detail: String)
    /// The TSA answered with an HTTP status other than 200 (overloaded, misconfigured).
    case httpStatus(url: String, status: Int, excerpt: String)
    /// The reply is not `application/timestamp-reply`: the URL is probably not a TSA (a portal, a proxy page).
    case wrongContentType(url: String, contentType: String)
    /// The reply exceeded the size cap: not an RFC 3161 reply.
    case replyTooLarge(url: String, limit: Int)

    /// Whether retrying later may succeed; all but ``replyTooLarge(url:limit:)`` are.
    public var isTransient: Bool {
        if case .replyTooLarge = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .unreachable(let url, let detail):
            "the timestamp authority \(url) cannot be reached (\(detail)); it may be down: signing is retried later"
        case .httpStatus(let url, let status, let excerpt):
            "the timestamp authority \(url) answered HTTP \(status)"
                + (excerpt.isEmpty ? "" : " (\(excerpt))") + "; signing is retried later"
        case .wrongContentType(let url, let contentType):
            "\(url) answered \(contentType), not application/timestamp-reply; check that the timestamp URL is the "
                + "authority's RFC 3161 endpoint"
        case .replyTooLarge(let url, let limit):
            "\(url) sent more than \(limit) bytes, far more than a timestamp reply; check the timestamp URL"
        }
    }
}
