/// Why the running daemon cannot give its status report.
public enum StatusUnavailable: Error, CustomStringConvertible {
    /// The daemon has not opened its state database yet (it is starting).
    case starting

    public var description: String {
        switch self {
        case .starting: "lienthong is starting: the state database is not open yet; try again in a few seconds"
        }
    }
}
