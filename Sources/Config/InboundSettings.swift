/// How documents sent to us are fetched from the axis and checked.
public struct InboundSettings: Sendable, Equatable {
    public var pollInterval: Duration
    /// `false` turns the inbound pipeline off (send-only installations).
    public var enabled: Bool
    /// `trusted_roots`: absolute paths of PEM files holding the root certificates that received signatures must
    /// chain to (the national CA roots in production). Empty: every signature is reported untrusted.
    /// Existence is checked by ``trustedRootProblems()`` (`lienthong check-config`), not at load time.
    public var trustedRoots: [String]

    public init(pollInterval: Duration = .seconds(30), enabled: Bool = true, trustedRoots: [String] = []) {
        self.pollInterval = pollInterval
        self.enabled = enabled
        self.trustedRoots = trustedRoots
    }
}
