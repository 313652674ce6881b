/// Which way a document travels.
public enum Direction: String, Codable, Sendable, CaseIterable {
    /// From this agency's outbox to the axis.
    case outbound = "out"
    /// From the axis into this agency's inbox.
    case inbound = "in"
}
