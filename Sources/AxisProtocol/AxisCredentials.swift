/// The identity lienthong presents to the axis: a system id and the shared secret issued with it.
///
/// The secret signs every request (`XroadVnpt-hash-header`). It never appears in `description`,
/// `debugDescription`, string interpolation or `dump` output of this type, so credentials can be logged by accident
/// without leaking the key.
public struct AxisCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The connection-centre or agency code the secret was issued for, e.g. `00.53.W00` or `vxp.saas.03`.
    public let systemId: String
    /// The HMAC key, used as its UTF-8 bytes (the axis issues 44-character keys).
    public let secret: String

    public init(systemId: String, secret: String) {
        self.systemId = systemId
        self.secret = secret
    }

    public var description: String { "AxisCredentials(systemId: \(systemId), secret: <redacted>)" }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["systemId": systemId, "secret": "<redacted>"], displayStyle: .struct)
    }
}
