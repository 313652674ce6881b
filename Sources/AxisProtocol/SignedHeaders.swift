import CryptoPrimitives
import Foundation

/// Builds the signed `XroadVnpt-*` headers of one axis request (axis-protocol.md §2).
public enum SignedHeaders {
    /// Returns the headers to send, in this order: `XroadVnpt-<k>` for every signed parameter, plain `Content-Type`,
    /// `XroadVnpt-sign-header-key`, `XroadVnpt-sign-header`, `XroadVnpt-hash-header`, `XroadVnpt-version`.
    ///
    /// The signed parameters are `parameters` in the order given, then `systemid`, `timestamp` (formatted from `now`
    /// with ``AxisTimestamp``) and `Content-Type`. Pass a fresh `now` for each request.
    ///
    /// - Throws: ``SignedHeadersError`` if a name is not a token or a value is not printable ASCII without
    ///   surrounding spaces. Header values must be ASCII; lienthong never re-encodes them, because the axis
    ///   recomputes the HMAC over the bytes it receives.
    public static func make(
        parameters: [(name: String, value: String)],
        contentType: String,
        credentials: AxisCredentials,
        now: Date
    ) throws(SignedHeadersError) -> [(name: String, value: String)] {
        let signed =
            parameters + [
                (name: AxisHeader.systemIdKey, value: credentials.systemId),
                (name: AxisHeader.timestampKey, value: AxisTimestamp.format(now)),
                (name: AxisHeader.contentTypeKey, value: contentType),
            ]
        var seen = Set<String>()
        for (name, value) in signed {
            try validate(name: name, value: value)
            guard seen.insert(name.lowercased()).inserted else { throw .duplicateName(name: name) }
        }
        let json = signatureJSON(signed)
        var headers = signed.map { (name: AxisHeader.prefix + $0.name, value: $0.value) }
        headers.append((name: "Content-Type", value: contentType))
        headers.append((name: AxisHeader.signHeaderKey, value: signed.map(\.name).joined(separator: ";")))
        headers.append((name: AxisHeader.signHeader, value: json))
        headers.append((name: AxisHeader.hashHeader, value: HMACSHA256.hex(key: credentials.secret, message: json)))
        headers.append((name: AxisHeader.version, value: AxisHeader.versionValue))
        return headers
    }

    /// The compact JSON object `{"XroadVnpt-k":"v",...}` that is signed and sent as `XroadVnpt-sign-header`.
    public static func signatureJSON(_ signed: [(name: String, value: String)]) -> String {
        JSONText.render(.object(signed.map { (key: AxisHeader.prefix + $0.name, value: .string($0.value)) }))
    }

    static func validate(name: String, value: String) throws(SignedHeadersError) {
        guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else { throw .invalidName(name: name) }
        for byte in value.utf8 {
            if byte >= 0x80 { throw .nonASCIIValue(name: name) }
            if byte < 0x20 || byte == 0x7F { throw .controlCharacter(name: name) }
        }
        if value.utf8.first == 0x20 || value.utf8.last == 0x20 { throw .surroundingWhitespace(name: name) }
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            true
        default: false
        }
    }
}
