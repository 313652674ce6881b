/// A request whose `XroadVnpt-*` signature checked out.
public struct VerifiedRequest: Sendable, Equatable {
    /// The signed `systemid`.
    public let systemId: String
    /// Every signed parameter, keyed without the `XroadVnpt-` prefix and spelled as the sender signed it
    /// (`from`, `docId`, `systemid`, `timestamp`, `Content-Type`...). Unsigned `XroadVnpt-*` headers are not here.
    public let parameters: [String: String]

    public init(systemId: String, parameters: [String: String]) {
        self.systemId = systemId
        self.parameters = parameters
    }

    /// A signed parameter looked up case-insensitively (`docId` finds a parameter signed as `docid`).
    public func parameter(_ name: String) -> String? {
        if let exact = parameters[name] { return exact }
        let wanted = name.lowercased()
        return parameters.first { $0.key.lowercased() == wanted }?.value
    }
}
