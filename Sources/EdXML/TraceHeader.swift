/// `TraceHeader`: one hop of the message through the axis. Either field may be missing in real traffic.
public struct TraceHeader: Sendable, Codable, Equatable, Hashable {
    public var organId: String?
    /// As on the wire, normally `yyyy/MM/dd HH:mm:ss`.
    public var timestamp: String?

    public init(organId: String? = nil, timestamp: String? = nil) {
        self.organId = organId
        self.timestamp = timestamp
    }
}
