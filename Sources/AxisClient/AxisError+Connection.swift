import CCurl

extension AxisError {
    /// Why a call never got an answer from the axis, in the words an administrator needs.
    public enum ConnectionProblem: Sendable, Equatable, CustomStringConvertible {
        /// Nothing listens at the endpoint's host and port (connection refused, host or network unreachable).
        case unreachable
        /// The host name (or the proxy's) does not resolve.
        case nameResolution
        /// The connection or the reply took longer than the configured timeouts.
        case timeout
        /// The TLS handshake or certificate check failed: untrusted or expired server certificate, wrong host name,
        /// pinned key mismatch, client certificate missing, refused or unreadable. The text is libcurl's.
        case tls(String)
        /// The proxy refused or failed the connection.
        case proxy
        /// The endpoint accepted the connection and closed it without an answer. Over https this is also how a
        /// server that refuses our client certificate (or wants one) behaves after a TLS 1.3 handshake.
        case closedWithoutReply(String)

        public var isTLS: Bool {
            if case .tls = self { return true }
            return false
        }

        public var description: String {
            switch self {
            case .unreachable: "the axis endpoint is unreachable (connection refused or no route)"
            case .nameResolution: "the axis endpoint's host name does not resolve (DNS)"
            case .timeout: "the axis endpoint did not answer in time"
            case .tls(let detail): "TLS problem: \(detail)"
            case .proxy: "the proxy refused or failed the connection"
            case .closedWithoutReply(let detail):
                "the endpoint closed the connection without answering (\(detail)); over https, check that the "
                    + "client certificate is configured and accepted by the endpoint"
            }
        }
    }

    /// The connection-level cause of a ``Kind/network(code:message:)`` failure; nil for anything else.
    public var connectionProblem: ConnectionProblem? {
        guard case .network(let code, let message) = kind else { return nil }
        return Self.connectionProblem(curlCode: code, message: message)
    }

    static func connectionProblem(curlCode: Int, message: String) -> ConnectionProblem? {
        switch CURLcode(UInt32(clamping: max(0, curlCode))) {
        case CURLE_COULDNT_CONNECT:
            return .unreachable
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .nameResolution
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_SHUTDOWN_FAILED,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
            CURLE_SSL_CLIENTCERT:
            return .tls(message)
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            // With TLS 1.3 a refused or missing client certificate arrives as an alert after the handshake.
            let lower = message.lowercased()
            if lower.contains("ssl") || lower.contains("tls") || lower.contains("alert") { return .tls(message) }
            return .closedWithoutReply(message)
        case CURLE_GOT_NOTHING:
            return .closedWithoutReply(message)
        case CURLE_PROXY:
            return .proxy
        default:
            return nil
        }
    }
}
