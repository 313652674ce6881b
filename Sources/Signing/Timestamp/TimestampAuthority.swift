/// Where RFC 3161 timestamp requests go: an HTTP client in production (`TimestampAuthorityClient` in AxisClient),
/// an in-process stand-in in tests. Signing never talks to the network itself.
public protocol TimestampAuthority: Sendable {
    /// How messages name the authority, e.g. its URL.
    var name: String { get }

    /// Sends one DER `TimeStampReq` and returns the DER `TimeStampResp`, blocking the calling thread.
    ///
    /// Throw when the authority cannot be reached, times out or answers with an HTTP error; signing reports it as
    /// ``SigningError/timestampUnavailable(authority:detail:)`` with the error's description. The reply is not
    /// trusted: signing checks it completely.
    func respond(to request: [UInt8]) throws -> [UInt8]
}
