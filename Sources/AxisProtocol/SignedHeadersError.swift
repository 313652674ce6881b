/// A request parameter that cannot be sent as a signed axis header.
///
/// These are programming or configuration errors on our side (an agency code with a non-ASCII letter, a description
/// with a line break), never network conditions: fix the value, do not retry.
public enum SignedHeadersError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The value contains a character outside printable ASCII (0x20–0x7E). HTTP header values must be ASCII and the
    /// axis recomputes the HMAC over what it receives, so re-encoding would silently break the signature.
    case nonASCIIValue(name: String)
    /// The value contains a control character such as CR or LF (header injection).
    case controlCharacter(name: String)
    /// The value starts or ends with a space, which HTTP servers strip before the signature is checked.
    case surroundingWhitespace(name: String)
    /// The parameter name is empty or not an HTTP token.
    case invalidName(name: String)
    /// The same parameter name appears twice (compared case-insensitively), or collides with
    /// `systemid`, `timestamp` or `Content-Type`, which the signer adds itself.
    case duplicateName(name: String)

    public var description: String {
        switch self {
        case .nonASCIIValue(let name):
            "the axis header parameter '\(name)' has a non-ASCII character; axis header values must be printable "
                + "ASCII (remove diacritics, e.g. 'Hà Nội' → 'Ha Noi')"
        case .controlCharacter(let name):
            "the axis header parameter '\(name)' contains a control character (line break or tab); remove it"
        case .surroundingWhitespace(let name):
            "the axis header parameter '\(name)' starts or ends with a space, which HTTP would strip and break the "
                + "signature; trim it"
        case .invalidName(let name):
            "'\(name)' is not a valid axis header parameter name (letters, digits and -_. only)"
        case .duplicateName(let name):
            "the axis header parameter '\(name)' is given twice (systemid, timestamp and Content-Type are added by "
                + "the signer)"
        }
    }
}
