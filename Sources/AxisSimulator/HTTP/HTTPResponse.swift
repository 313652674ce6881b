import Foundation

/// A response: status, headers, and a body from memory or streamed from a file.
public struct HTTPResponse: Sendable {
    public enum Body: Sendable {
        case bytes([UInt8])
        /// Streamed from `path`; the file is deleted after sending when `removeAfterSending` is true.
        case file(path: String, removeAfterSending: Bool)
        /// Produced while it is sent.
        case stream(any HTTPBodyProducer)

        /// Lets go of what an unsent body holds (a file to remove, a producer to release); for a response that is
        /// replaced or dropped instead of being written.
        public func discard() {
            switch self {
            case .bytes, .file(_, false): break
            case .file(let path, true): unlink(path)
            case .stream(let producer): producer.release()
            }
        }
    }

    public var status: Int
    public var headers: HTTPHeaders
    public var body: Body
    /// Close the connection without writing anything (fault injection: a reply lost after the work was done).
    public var dropsConnection = false
    /// Close the connection abortively (TCP RST, `SO_LINGER` 0) without writing anything.
    public var resetsConnection = false

    public init(status: Int = 200, headers: HTTPHeaders = HTTPHeaders(), body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// No reply at all: the server closes the connection.
    public static var dropConnection: HTTPResponse {
        var response = HTTPResponse(status: 500)
        response.dropsConnection = true
        return response
    }

    /// No reply at all: the server resets the connection (the client sees `ECONNRESET`).
    public static var resetConnection: HTTPResponse {
        var response = HTTPResponse(status: 500)
        response.dropsConnection = true
        response.resetsConnection = true
        return response
    }

    public static func json(_ bytes: [UInt8], status: Int = 200) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: HTTPHeaders([("Content-Type", "application/json; charset=utf-8")]),
            body: .bytes(bytes))
    }

    public static func json<Value: Encodable>(_ value: Value, status: Int = 200) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = (try? encoder.encode(value)).map { Array($0) } ?? Array("{}".utf8)
        return json(bytes, status: status)
    }

    public static func text(_ message: String, status: Int) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
            body: .bytes(Array((message + "\n").utf8)))
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 413: "Content Too Large"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}
