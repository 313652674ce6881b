/// The `status` of `updateStatus`: a **transport** acknowledgement of a received item, not business progress
/// (business progress travels as status messages, axis-protocol.md §6).
public enum AxisTransportStatus: String, Sendable, CaseIterable {
    /// Received and stored durably; the axis removes the item from the pending list.
    case done
    /// Received but unusable (e.g. malformed envelope).
    case fail
    /// Seen in the wild; meaning unclear, kept for completeness.
    case processing

    /// Reads the header value liberally (case and surrounding spaces ignored).
    public init?(headerValue: String) {
        self.init(rawValue: headerValue.trimmingASCIIWhitespace().lowercased())
    }
}
