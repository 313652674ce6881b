/// How often documents sent to us are fetched from the axis.
public struct InboundSettings: Sendable, Equatable {
    public var pollInterval: Duration
    /// `false` turns the inbound pipeline off (send-only installations).
    public var enabled: Bool

    public init(pollInterval: Duration = .seconds(30), enabled: Bool = true) {
        self.pollInterval = pollInterval
        self.enabled = enabled
    }
}
