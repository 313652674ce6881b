/// Why an HTTP listener could not start.
public enum HTTPServerError: Error, CustomStringConvertible, Sendable {
    case invalidPort(Int)
    case invalidAddress(String, String)
    case alreadyStarted

    public var description: String {
        switch self {
        case .invalidPort(let port): "port \(port) is outside 0...65535 (0 picks a free port)"
        case .invalidAddress(let host, let reason):
            "cannot listen on \"\(host)\": \(reason); use a numeric address such as 127.0.0.1 or ::1"
        case .alreadyStarted: "the HTTP server is already running"
        }
    }
}
