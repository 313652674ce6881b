/// What a `sendEdoc`/`getReceivedEdocList` call carries: a document or a status message (axis-protocol.md §3, §6).
public enum AxisMessageType: String, Sendable, CaseIterable {
    /// An edXML document (`messagetype: edoc`).
    case edoc
    /// A status message about a document (`messagetype: status`).
    case status

    /// Reads the header value liberally: case-insensitive, surrounding spaces ignored.
    public init?(headerValue: String) {
        let normalized = headerValue.trimmingASCIIWhitespace().lowercased()
        self.init(rawValue: normalized)
    }
}
