/// The axis operations lienthong uses, named exactly as the path segment after the endpoint (`<endpoint>/<method>`).
public enum AxisMethod: String, Sendable, CaseIterable {
    case sendEdoc
    case getReceivedEdocList
    case getEdoc
    case downloadEdoc
    case updateStatus
    case getSentEdocList
    case countReceiveEdoc
    case countReceiveStatus
    case getAgenciesList

    /// The HTTP verb the SDK uses: `GET` for the raw download and the two counters, `POST` for everything else.
    public var httpMethod: String {
        switch self {
        case .downloadEdoc, .countReceiveEdoc, .countReceiveStatus: "GET"
        default: "POST"
        }
    }
}
