import AxisProtocol

/// One rule of an ``AxisFaultPlan``: for the next ``count`` verified calls of ``method`` (by ``systemId`` only,
/// when set), misbehave as ``kind`` says.
///
/// Its JSON form is the body of `POST /admin/faults` and an element of `GET /admin/faults`:
/// `{"method":"sendEdoc","count":2,"system_id":"vxp.saas.03","fault":{"kind":"http_status","status":503}}`.
public struct AxisFaultRule: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `{"kind":"http_status","status":503}`: that status and an HTML page, before handling.
        case httpStatus(Int)
        /// `{"kind":"fail","error_code":"-1","error_description":"..."}`: a FAIL reply with HTTP 200.
        case fail(errorCode: String, errorDescription: String)
        /// `{"kind":"delay","milliseconds":1500}`: wait, then handle the call normally.
        case delay(milliseconds: Int)
        /// `{"kind":"reset"}`: close the connection with `SO_LINGER` 0 before replying, without handling.
        case reset
        /// `{"kind":"store_then_drop"}`: handle and commit the call, then close the connection without replying.
        case storeThenDrop
        /// `{"kind":"serve_document","base64":"…"}` (downloadEdoc and getEdoc only): serve these bytes as the
        /// document, before handling; `""` serves an empty document.
        case serveDocument([UInt8])

        public var name: String {
            switch self {
            case .httpStatus: "http_status"
            case .fail: "fail"
            case .delay: "delay"
            case .reset: "reset"
            case .storeThenDrop: "store_then_drop"
            case .serveDocument: "serve_document"
            }
        }

        /// When the rule fires: only `store_then_drop` waits until the call's effect is committed.
        var phase: AxisFaultPhase { self == .storeThenDrop ? .afterCommit : .beforeHandling }

        var fault: AxisFault {
            switch self {
            case .httpStatus(let status): .httpStatus(status)
            case .fail(let code, let description): .fail(errorCode: code, errorDescription: description)
            case .delay(let milliseconds): .delay(seconds: Double(milliseconds) / 1000)
            case .reset: .resetConnection
            case .storeThenDrop: .dropConnection
            case .serveDocument(let bytes): .serveDocument(bytes)
            }
        }
    }

    /// Assigned by the plan, increasing; identifies the rule in `GET /admin/faults`.
    public internal(set) var id: Int
    public var method: AxisMethod
    /// Only calls signed by this system id; nil matches every caller.
    public var systemId: String?
    /// How many calls the rule was created for.
    public var count: Int
    /// How many calls it still applies to; the rule disappears at 0.
    public internal(set) var remaining: Int
    public var kind: Kind

    public init(method: AxisMethod, count: Int = 1, systemId: String? = nil, kind: Kind) {
        self.id = 0
        self.method = method
        self.systemId = systemId
        self.count = count
        self.remaining = count
        self.kind = kind
    }
}
