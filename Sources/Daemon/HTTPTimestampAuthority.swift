import AxisClient
import Signing

/// Signing's `TimestampAuthority` over AxisClient's libcurl transport. An adapter rather than a retroactive
/// conformance: AxisClient does not depend on Signing, and neither module should know the other.
struct HTTPTimestampAuthority: TimestampAuthority {
    let client: TimestampAuthorityClient

    var name: String { client.name }

    func respond(to request: [UInt8]) throws -> [UInt8] {
        try client.respond(to: request)
    }
}
