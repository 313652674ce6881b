import Config

/// How the status page serves: where, and the limits that keep a slow or hostile client from holding it.
public struct StatusPageConfiguration: Sendable {
    public var listen: ListenAddress
    /// A connection with no request in progress is closed after this long.
    public var idleTimeout: Duration = .seconds(30)
    /// A request's head must arrive within this long of the connection opening, and the whole request within this
    /// long of its head.
    public var requestHeadTimeout: Duration = .seconds(10)
    /// Connections served at once; more wait in the listen backlog.
    public var maxConnections = 16
    /// The request head (request line and headers) is refused beyond this size.
    public var maxHeadSize = 16 * 1024
    /// The page refreshes itself this often (`<meta http-equiv="refresh">`).
    public var refreshSeconds = 10

    public init(listen: ListenAddress) {
        self.listen = listen
    }
}
