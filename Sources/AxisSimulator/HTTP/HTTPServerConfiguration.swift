/// Limits and addresses for one ``HTTPServer``.
public struct HTTPServerConfiguration: Sendable {
    public var host: String
    /// 0 lets the kernel pick a free port; ``HTTPServer/start()`` returns the result.
    public var port: Int
    /// Concurrent connections; one more is answered 503 (plain HTTP) or closed (TLS).
    public var maximumConnections: Int
    public var maximumHeaderBytes: Int
    public var maximumBodyBytes: Int64
    /// Where request bodies are spooled; must be on local disk and writable.
    public var spoolDirectory: String
    /// A connection must deliver each request's whole line and headers within this many seconds of opening, or of
    /// the previous response; otherwise it is closed without a reply. This also closes idle keep-alive connections.
    /// A client trickling its head byte by byte cannot hold a connection longer than this.
    public var requestHeadTimeoutSeconds: Double
    /// A request body that stalls (no bytes) for this many seconds closes its connection.
    public var readTimeoutSeconds: Int

    public init(
        host: String = "127.0.0.1", port: Int = 0, maximumConnections: Int = 64,
        maximumHeaderBytes: Int = 64 * 1024, maximumBodyBytes: Int64 = 1 << 30,
        spoolDirectory: String, requestHeadTimeoutSeconds: Double = 60, readTimeoutSeconds: Int = 60
    ) {
        self.host = host
        self.port = port
        self.maximumConnections = maximumConnections
        self.maximumHeaderBytes = maximumHeaderBytes
        self.maximumBodyBytes = maximumBodyBytes
        self.spoolDirectory = spoolDirectory
        self.requestHeadTimeoutSeconds = requestHeadTimeoutSeconds
        self.readTimeoutSeconds = readTimeoutSeconds
    }
}
