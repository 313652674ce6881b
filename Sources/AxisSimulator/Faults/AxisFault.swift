/// One misbehaviour of the simulator for one call.
public enum AxisFault: Sendable, Equatable {
    /// Close the connection without a reply (a FIN). After commit: the reply is lost although the work was done.
    case dropConnection
    /// Close the connection abortively (`SO_LINGER` 0, a TCP RST) without a reply; the client sees a reset.
    case resetConnection
    /// Wait, then go on normally.
    case delay(seconds: Double)
    /// Answer with this HTTP status and a small HTML error page instead of the axis's JSON, as a proxy would.
    case httpStatus(Int)
    /// Answer the axis's own failure: HTTP 200, `{"status":"FAIL","ErrorCode":…,"ErrorDesc":…}`.
    case fail(errorCode: String, errorDescription: String)
    /// Answer `downloadEdoc` (raw) or `getEdoc` (base64 in an OK reply) with these bytes as the document, whatever
    /// docId was asked for; no bytes make an empty document. A recipient's handling of unreadable content is tested so.
    case serveDocument([UInt8])
}
