/// Why an HTTP listener could not start.
public enum HTTPServerError: Error, CustomStringConvertible, Sendable {
    case invalidPort(Int)
    case cannotListen(host: String, port: Int, reason: String)
    case alreadyStarted
    case stoppedBeforeListening

    public var description: String {
        switch self {
        case .invalidPort(let port): "port \(port) is outside 0...65535 (0 picks a free port)"
        case .cannotListen(let host, let port, let reason):
            "cannot listen on \(host) port \(port): \(reason); use a numeric address such as 127.0.0.1 or ::1, "
                + "and a port no other program uses (0 picks a free one)"
        case .alreadyStarted: "the HTTP server is already running"
        case .stoppedBeforeListening: "the HTTP server was stopped before it started listening"
        }
    }
}
