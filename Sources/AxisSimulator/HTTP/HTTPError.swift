/// Why a request was refused before its handler saw it. Each case maps to the status code sent back before the
/// connection closes.
enum HTTPError: Error, CustomStringConvertible, Equatable {
    case malformed(String)
    case headersTooLarge(limit: Int)
    case bodyTooLarge(limit: Int64)
    case unsupportedTransferEncoding(String)

    var statusCode: Int {
        switch self {
        case .malformed: 400
        case .headersTooLarge: 431
        case .bodyTooLarge: 413
        case .unsupportedTransferEncoding: 501
        }
    }

    var description: String {
        switch self {
        case .malformed(let detail): "malformed HTTP request: \(detail)"
        case .headersTooLarge(let limit): "request line and headers exceed \(limit) bytes"
        case .bodyTooLarge(let limit): "request body exceeds the configured maximum of \(limit) bytes"
        case .unsupportedTransferEncoding(let value):
            "unsupported Transfer-Encoding \"\(value)\"; use chunked or Content-Length"
        }
    }
}
