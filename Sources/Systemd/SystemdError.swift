import Glibc

/// What went wrong while talking to systemd (the notification socket or the journal socket).
///
/// Every case names the socket involved and what an administrator can check. None of these errors is fatal for the
/// daemon: a failed notification or journal write must never stop document processing, so callers usually log the
/// error once and continue.
public enum SystemdError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `NOTIFY_SOCKET` (or a journal socket path) is neither an absolute path nor an abstract `@name`,
    /// or is too long for a unix socket address.
    case invalidSocketAddress(String, reason: String)
    /// A socket system call failed; `errno` is the raw error number.
    case socketCallFailed(operation: String, address: String, errno: Int32)
    /// A notification was too large to fit in one datagram.
    case messageTooLarge(address: String, bytes: Int)
    /// A journal field name is not valid for the native journal protocol.
    case invalidJournalFieldName(String)

    public var description: String {
        switch self {
        case .invalidSocketAddress(let address, let reason):
            return "the socket address '\(address)' cannot be used: \(reason). Systemd sets NOTIFY_SOCKET itself; "
                + "if you set it by hand, give an absolute path or an abstract name starting with '@'"
        case .socketCallFailed(let operation, let address, let code):
            return "\(operation) on the unix socket '\(address)' failed: \(Self.errnoText(code)) (errno \(code)). "
                + "Check that systemd (or journald) is running and that the service may reach the socket "
                + "(RestrictAddressFamilies must allow AF_UNIX)"
        case .messageTooLarge(let address, let bytes):
            return "a message of \(bytes) bytes is too large for one datagram on '\(address)'; shorten the status text"
        case .invalidJournalFieldName(let name):
            return "'\(name)' is not a valid journal field name: use 1 to 64 characters A-Z, 0-9 and '_', "
                + "not starting with '_' or a digit"
        }
    }

    static func errnoText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "unknown error" }
        return String(cString: text)
    }
}
