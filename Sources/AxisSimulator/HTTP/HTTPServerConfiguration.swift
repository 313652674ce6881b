/// Limits and addresses for one ``HTTPServer``.
public struct HTTPServerConfiguration: Sendable {
    public var host: String
    /// 0 lets the kernel pick a free port; read the result from ``HTTPServer/port``.
    public var port: Int
    /// Concurrent connections; one more is answered 503 and closed.
    public var maximumConnections: Int
    public var maximumHeaderBytes: Int
    public var maximumBodyBytes: Int64
    /// Where request bodies are spooled; must be on local disk and writable.
    public var spoolDirectory: String
    /// An idle keep-alive connection, or a stalled upload, is closed after this many seconds.
    public var readTimeoutSeconds: Int

    public init(
        host: String = "127.0.0.1", port: Int = 0, maximumConnections: Int = 64,
        maximumHeaderBytes: Int = 64 * 1024, maximumBodyBytes: Int64 = 1 << 30,
        spoolDirectory: String, readTimeoutSeconds: Int = 60
    ) {
        self.host = host
        self.port = port
        self.maximumConnections = maximumConnections
        self.maximumHeaderBytes = maximumHeaderBytes
        self.maximumBodyBytes = maximumBodyBytes
        self.spoolDirectory = spoolDirectory
        self.readTimeoutSeconds = readTimeoutSeconds
    }
}
