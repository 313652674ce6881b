/// Why the test timestamp authority could not start.
public enum TimestampResponderError: Error, CustomStringConvertible, Sendable, Equatable {
    case unreadable(path: String, what: String, detail: String)
    case setup(detail: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let what, let detail):
            "timestamp_authority: \(path) does not hold a usable \(what) (\(detail)); it must be PEM"
        case .setup(let detail):
            "timestamp_authority: OpenSSL could not set up the timestamp authority (\(detail)); check that the "
                + "certificate has extendedKeyUsage timeStamping (critical) and belongs to the key"
        }
    }
}
