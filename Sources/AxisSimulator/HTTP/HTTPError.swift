/// Why a request could not be read. Each case maps to the status code sent back before the connection closes.
enum HTTPError: Error, CustomStringConvertible, Equatable {
    case malformed(String)
    case headersTooLarge(limit: Int)
    case bodyTooLarge(limit: Int64)
    case unsupportedTransferEncoding(String)
    case unexpectedEndOfStream
    case timedOut

    var statusCode: Int {
        switch self {
        case .malformed, .unexpectedEndOfStream: 400
        case .headersTooLarge: 431
        case .bodyTooLarge: 413
        case .unsupportedTransferEncoding: 501
        case .timedOut: 408
        }
    }

    var description: String {
        switch self {
        case .malformed(let detail): "malformed HTTP request: \(detail)"
        case .headersTooLarge(let limit): "request line and headers exceed \(limit) bytes"
        case .bodyTooLarge(let limit): "request body exceeds the configured maximum of \(limit) bytes"
        case .unsupportedTransferEncoding(let value):
            "unsupported Transfer-Encoding \"\(value)\"; use chunked or Content-Length"
        case .unexpectedEndOfStream: "the client closed the connection in the middle of a request"
        case .timedOut: "the client sent nothing within the read timeout"
        }
    }
}
