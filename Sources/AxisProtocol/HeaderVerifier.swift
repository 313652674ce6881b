import CryptoPrimitives

/// Checks the signed headers of an incoming axis request (what the axis, and lienthong's simulator, do).
public enum HeaderVerifier {
    /// Verifies a request's signature and returns its signed parameters.
    ///
    /// - Parameters:
    ///   - headers: the request headers with **lowercased** names.
    ///   - secretForSystem: the secret registered for a system id, or nil if the system is unknown.
    ///
    /// The HMAC is recomputed over `XroadVnpt-sign-header` exactly as received and compared in constant time
    /// (hex case is ignored). Only then is the JSON trusted: every signed parameter must equal its `XroadVnpt-<k>`
    /// header, `systemid` and `timestamp` must be signed, and a `XroadVnpt-sign-header-key` list, if sent, must name
    /// the same parameters. The timestamp's format is checked, not its age (the real axis's window is unknown).
    public static func verify(
        headers: [String: String],
        secretForSystem: (String) -> String?
    ) -> Result<VerifiedRequest, AxisRejection> {
        guard let json = headers[AxisHeader.signHeader.lowercased()] else {
            return .failure(.missingHeader(AxisHeader.signHeader))
        }
        guard let receivedHash = headers[AxisHeader.hashHeader.lowercased()] else {
            return .failure(.missingHeader(AxisHeader.hashHeader))
        }
        let members: [(key: String, value: String)]
        do {
            members = try FlatJSONObject.parse(json)
        } catch {
            return .failure(.malformedSignHeader(error.description))
        }
        var parameters: [String: String] = [:]
        var signedNames: [String] = []
        for member in members {
            guard member.key.lowercased().hasPrefix(AxisHeader.prefix.lowercased()) else {
                return .failure(.malformedSignHeader("khoa \(member.key) thieu tien to \(AxisHeader.prefix)"))
            }
            let name = String(member.key.dropFirst(AxisHeader.prefix.count))
            parameters[name] = member.value
            signedNames.append(name)
        }
        let lookup = VerifiedRequest(systemId: "", parameters: parameters)
        guard let systemId = lookup.parameter(AxisHeader.systemIdKey), !systemId.isEmpty else {
            return .failure(.missingHeader(AxisHeader.prefix + AxisHeader.systemIdKey))
        }
        guard let secret = secretForSystem(systemId) else { return .failure(.unknownSystem(systemId)) }

        let expected = Array(HMACSHA256.hex(key: secret, message: json).utf8)
        let received = Array(receivedHash.lowercased().utf8)
        guard constantTimeEqual(expected, received) else { return .failure(.invalidSignature) }

        for name in signedNames {
            guard let header = headers[(AxisHeader.prefix + name).lowercased()] else {
                return .failure(.missingHeader(AxisHeader.prefix + name))
            }
            guard header == parameters[name] else { return .failure(.headerMismatch(name)) }
        }
        if let keyList = headers[AxisHeader.signHeaderKey.lowercased()] {
            let listed = Set(keyList.split(separator: ";", omittingEmptySubsequences: true).map { $0.lowercased() })
            guard listed == Set(signedNames.map { $0.lowercased() }) else {
                return .failure(.headerMismatch(AxisHeader.signHeaderKey))
            }
        }
        guard let timestamp = lookup.parameter(AxisHeader.timestampKey) else {
            return .failure(.missingHeader(AxisHeader.prefix + AxisHeader.timestampKey))
        }
        guard AxisTimestamp.parse(timestamp) != nil else { return .failure(.invalidTimestamp(timestamp)) }
        return .success(VerifiedRequest(systemId: systemId, parameters: parameters))
    }

    /// Compares without an early exit, so the time taken does not reveal how many leading bytes matched.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
