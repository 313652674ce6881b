/// Why `lienthong revoke`, `update` or `replace` will not act on a document.
public enum BusinessRequestRefusal: Error, CustomStringConvertible, Sendable, Equatable {
    /// No document has this id.
    case unknownDocument(Int64)
    /// The document came from another agency: only the sender may revoke, update or replace it.
    case inbound(Int64, sender: String?)
    /// The document has not reached the axis yet (no DocId), so there is nothing to take back.
    case notSent(Int64, state: DocumentState)
    /// The document is itself a revoke or update request, not a document.
    case isRequest(Int64, concerning: Int64?)
    /// A revoke of the same document is queued or sent and not given up.
    case revokePending(Int64, request: Int64, state: DocumentState)

    public var description: String {
        switch self {
        case .unknownDocument(let id):
            "no document #\(id); `lienthong list --direction out` shows the ids of documents we sent"
        case .inbound(let id, let sender):
            "document #\(id) was received from \(sender ?? "another agency"), not sent by us; only its sender can "
                + "revoke, update or replace it (answer it with `lienthong answer` instead)"
        case .notSent(let id, let state):
            "document #\(id) has not been sent yet (it is \(state.rawValue), with no axis DocId): nothing has reached "
                + "the recipients to take back. Wait until `lienthong show \(id)` gives an axis DocId, or remove it "
                + "from the queue."
        case .isRequest(let id, let concerning):
            "document #\(id) is itself a revoke or update request"
                + (concerning.map { "; act on the document it concerns, #\($0)" } ?? "")
        case .revokePending(let id, let request, let state):
            "document #\(id) already has a revoke request, #\(request) (\(state.rawValue)); the recipients answer it "
                + "with status 15 (agree) or 16 (refuse), shown by `lienthong show \(id)`. If #\(request) fails, "
                + "revoke again."
        }
    }
}
