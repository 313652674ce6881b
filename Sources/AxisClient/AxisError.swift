import AxisProtocol
import Foundation
import SystemSupport

/// A failed axis call: what went wrong, on which method, and (``failureClass``) what to do about it. A full local
/// disk is recognised by ``systemError``'s ``SystemError/isNoSpace``.
public struct AxisError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// libcurl could not complete the exchange: `code` is the `CURLcode`, `message` libcurl's text.
        case network(code: Int, message: String)
        /// The server answered with a non-2xx HTTP status. `bodyExcerpt` is the sanitized start of the body.
        case httpStatus(code: Int, bodyExcerpt: String)
        /// The axis answered FAIL (or OK without a DocId); `errorDescription` is the axis's own message.
        case fail(errorCode: String, errorDescription: String)
        /// The reply could not be read: not JSON, too large, broken base64...
        case malformedReply(String)
        /// A local file could not be opened, read or written. `errno` is the system error number.
        case localFile(path: String, operation: String, errno: Int32)
        /// A request parameter cannot be sent (non-ASCII header value...): a bug or a configuration error.
        case invalidRequest(String)
        /// The calling task was cancelled and the transfer aborted.
        case cancelled
        /// The axis answered OK but served an empty document (0 bytes). Fetching it again usually gives the same, so
        /// the inbound pipeline counts these and quarantines the document after a few.
        case emptyDocument
        /// Our own TLS or credential setup is unusable (an unreadable key password file...): a configuration fault
        /// that affects every call, so it is transient and the message says what to fix.
        case configuration(String)
    }

    /// The axis method that failed.
    public let method: AxisMethod
    public let kind: Kind
    /// True when every byte of the request body had been handed to the network before the failure.
    /// For sendEdoc this makes network failures ambiguous: the axis may have stored the document.
    public let requestBodyFullySent: Bool

    public init(method: AxisMethod, kind: Kind, requestBodyFullySent: Bool = false) {
        self.method = method
        self.kind = kind
        self.requestBodyFullySent = requestBodyFullySent
    }

    /// Transient, permanent or ambiguous; decided in one table, ``AxisFailureClass/of(_:)``.
    public var failureClass: AxisFailureClass { AxisFailureClass.of(self) }

    public var description: String {
        "axis \(method.rawValue) failed (\(failureClass.rawValue)): \(detail)\(advice)"
    }

    private var detail: String {
        switch kind {
        case .network(let code, let message): "network error (curl \(code)): \(message)"
        case .httpStatus(let code, let excerpt): "HTTP \(code) from the endpoint; body starts: \"\(excerpt)\""
        case .fail(let code, let description):
            "the axis refused it: ErrorCode \(code), ErrorDesc \"\(description)\""
                + (AxisFailureClass.failClass(errorCode: code, errorDescription: description) == nil
                    ? " (unknown ErrorCode, treated as transient)" : "")
        case .malformedReply(let reason): "unreadable reply: \(reason)"
        case .localFile(let path, let operation, let errno):
            SystemError(operation: operation, path: path, errno: errno).description
        case .invalidRequest(let reason): "invalid request: \(reason)"
        case .cancelled: "cancelled"
        case .configuration(let reason): "configuration problem: \(reason)"
        case .emptyDocument: "the axis answered OK but the document it served is empty (0 bytes)"
        }
    }

    private var advice: String {
        switch failureClass {
        case .transient where connectionProblem?.isTLS == true:
            "; a TLS problem is a configuration fault (CA bundle, client certificate, pinned key or the server's "
                + "certificate), not a network outage: documents wait and are retried until it is fixed"
        case .transient where connectionProblem != nil:
            "; \(connectionProblem.map { "\($0)" } ?? "")"
        case .ambiguous:
            "; the whole document was sent, so the axis may have stored it: check getSentEdocList before resending"
        case .transient: ""
        case .permanent: ""
        }
    }
}

extension AxisError {
    /// The failed system call behind a ``Kind/localFile(path:operation:errno:)``.
    public var systemError: SystemError? {
        guard case .localFile(let path, let operation, let errno) = kind else { return nil }
        return SystemError(operation: operation, path: path, errno: errno)
    }
}

extension AxisError.Kind {
    /// ``localFile(path:operation:errno:)`` for a failed system call; `operation` replaces the call's own name.
    static func local(_ error: SystemError, operation: String? = nil) -> AxisError.Kind {
        .localFile(path: error.path ?? "", operation: operation ?? error.operation, errno: error.errno)
    }
}
