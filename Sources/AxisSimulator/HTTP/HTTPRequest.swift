/// One parsed request. A body is always spooled to a file the server deletes after the handler returns.
public struct HTTPRequest: Sendable {
    public let method: String
    /// The request target: path plus optional query (an absolute-form target is reduced to these).
    public let target: String
    public let headers: HTTPHeaders
    public let body: HTTPRequestBody

    /// The target without its query string.
    public var path: String {
        if let question = target.firstIndex(of: "?") { return String(target[..<question]) }
        return target
    }
}

/// Where a request's body is: nowhere, or in a spooled file of known length.
public enum HTTPRequestBody: Sendable, Equatable {
    case empty
    /// `hashes` were computed as the body arrived.
    case file(path: String, length: Int64, hashes: BodyHashes)

    public var length: Int64 {
        switch self {
        case .empty: 0
        case .file(_, let length, _): length
        }
    }
}
