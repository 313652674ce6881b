import Foundation

/// What verification found about the RFC 3161 signature timestamp (PAdES B-T) of one signature.
public struct TimestampReport: Sendable, Equatable {
    /// The time the authority vouches for (the token's `genTime`), when the token could be read.
    public let time: Date?
    /// The timestamp authority's certificate subject (`CN=…, O=…`), when the token could be read.
    public let authority: String?
    /// The token is intact, covers this signature's value and comes from a timeStamping certificate that chains to
    /// a trusted certificate.
    public let isValid: Bool
    /// Why the timestamp is not valid; empty when ``isValid``.
    public let problems: [String]

    public init(time: Date?, authority: String?, isValid: Bool, problems: [String]) {
        self.time = time
        self.authority = authority
        self.isValid = isValid
        self.problems = problems
    }
}
