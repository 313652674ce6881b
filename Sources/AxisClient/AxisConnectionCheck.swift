import AxisProtocol

/// The verdict of ``AxisClient/checkConnection()``: can lienthong reach the axis and is it accepted there, in the
/// words an administrator needs (`lienthong check-config --online`).
public enum AxisConnectionCheck: Sendable, Equatable, CustomStringConvertible {
    /// Both count calls answered OK: the endpoint is reachable and our system id and secret are accepted.
    case ok(documentsWaiting: Int, statusesWaiting: Int)
    /// The axis refused the signature: the secret does not belong to the system id. `axisMessage` is its own text.
    case wrongSecret(axisMessage: String)
    /// The axis does not know the system id.
    case unknownSystem(axisMessage: String)
    /// The axis refused the timestamp: this machine's clock is probably wrong.
    case clockRejected(axisMessage: String)
    /// Any other FAIL from the axis.
    case refused(errorCode: String, axisMessage: String)
    /// No connection: refused, no route, DNS, timeout, proxy, or closed without a reply.
    case unreachable(AxisError.ConnectionProblem)
    /// The TLS handshake or a certificate check failed.
    case tlsProblem(String)
    /// Something answered with a non-2xx HTTP status (a wrong endpoint path, a gateway error...).
    case httpStatus(code: Int, bodyExcerpt: String)
    /// Something answered 2xx, but not as the axis does (an HTML page...).
    case notTheAxis(String)
    /// Our own setup is unusable (an unreadable client key password file...), or another local failure.
    case localProblem(String)

    public var isOK: Bool {
        if case .ok = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .ok(let documents, let statuses):
            "reachable and authenticated: the axis accepts our system id and secret "
                + "(\(documents) document(s) and \(statuses) status message(s) waiting)"
        case .wrongSecret(let message):
            "reachable, but the axis refused our signature: the secret is wrong for this system id "
                + "(the axis says: \"\(message)\"); check axis.secret_file or axis.secret_credential"
        case .unknownSystem(let message):
            "reachable, but the axis does not know our system id (the axis says: \"\(message)\"); check "
                + "axis.system_id against what the axis operator issued"
        case .clockRejected(let message):
            "reachable, but the axis refused our timestamp (the axis says: \"\(message)\"); check this machine's "
                + "clock and time zone (timedatectl)"
        case .refused(let code, let message):
            "reachable, but the axis refused the call: ErrorCode \(code), \"\(message)\""
        case .unreachable(let problem):
            "unreachable: \(problem)"
        case .tlsProblem(let detail):
            "TLS problem: \(detail); check axis.ca_bundle, the client certificate and key, the pinned key, and the "
                + "endpoint's certificate"
        case .httpStatus(let code, let excerpt):
            "the endpoint answered HTTP \(code) instead of the axis (body starts: \"\(excerpt)\"); check the "
                + "endpoint URL and path"
        case .notTheAxis(let detail):
            "the endpoint answered, but not as the axis does (\(detail)); check the endpoint URL"
        case .localProblem(let detail):
            "local problem: \(detail)"
        }
    }

    /// The verdict for a failed count call.
    init(_ error: AxisError) {
        switch error.kind {
        case .fail(let code, let description):
            let wording = description.lowercased()
            if code == AxisErrorCode.invalidSignature || wording.contains("chu ky") {
                self = .wrongSecret(axisMessage: description)
            } else if code == AxisErrorCode.unknownSystem || wording.contains("ma he thong") {
                self = .unknownSystem(axisMessage: description)
            } else if code == AxisErrorCode.invalidTimestamp || wording.contains("thoi gian") {
                self = .clockRejected(axisMessage: description)
            } else {
                self = .refused(errorCode: code, axisMessage: description)
            }
        case .network:
            switch error.connectionProblem {
            case .tls(let detail): self = .tlsProblem(detail)
            case .some(let problem): self = .unreachable(problem)
            case .none: self = .localProblem("\(error)")
            }
        case .httpStatus(let code, let excerpt):
            self = .httpStatus(code: code, bodyExcerpt: excerpt)
        case .malformedReply(let detail):
            self = .notTheAxis(detail)
        case .emptyDocument:
            self = .notTheAxis("an empty document")
        case .configuration(let detail):
            self = .localProblem(detail)
        case .localFile, .invalidRequest, .cancelled:
            self = .localProblem("\(error)")
        }
    }
}
