import COpenSSL

#if canImport(Glibc)
    import Glibc
#endif

/// The one owner of the OpenSSL `SSL_CTX` of the axis listener: certificate, key, client CA and protocol floor,
/// loaded once at start. ``accept(_:)`` runs the server handshake on an accepted TCP connection.
///
/// `@unchecked Sendable`: the context is only read after `init`, and OpenSSL allows `SSL_new` on one context from
/// several threads at once.
final class TLSContext: @unchecked Sendable {
    private let context: OpaquePointer
    let requiresClientCertificate: Bool

    init(configuration: AxisTLSConfiguration) throws(TLSError) {
        ERR_clear_error()
        guard let method = TLS_server_method(), let context = SSL_CTX_new(method) else {
            throw .contextCreation(Self.drainErrors())
        }
        self.context = context
        // OpenSSL writes to its socket with write(2), which raises SIGPIPE when the peer is gone; the HTTP code
        // wants an error instead. Process-wide, and harmless: nothing in the simulator relies on SIGPIPE.
        _ = signal(SIGPIPE, SIG_IGN)
        requiresClientCertificate = configuration.clientCAPath != nil
        // An encrypted key must fail with a message, never prompt on a terminal nobody watches.
        SSL_CTX_set_default_passwd_cb(context) { _, _, _, _ in 0 }
        _ = SSL_CTX_set_options(context, COpenSSL_SSL_server_options())
        _ = COpenSSL_SSL_CTX_disable_session_cache(context)
        // With client certificates required, OpenSSL refuses to resume a session (TLS 1.3 tickets are issued even
        // with the cache off) unless a session id context is set: clients that resume saw "internal error".
        let sessionContext = Array("lienthong-axis".utf8)
        _ = SSL_CTX_set_session_id_context(context, sessionContext, UInt32(sessionContext.count))
        let version = configuration.minimumVersion == .tls13 ? TLS1_3_VERSION : TLS1_2_VERSION
        guard COpenSSL_SSL_CTX_set_min_proto_version(context, version) == 1 else {
            throw .contextCreation("cannot set the minimum protocol version: \(Self.drainErrors())")
        }
        guard SSL_CTX_use_certificate_chain_file(context, configuration.certificatePath) == 1 else {
            throw .certificate(path: configuration.certificatePath, detail: Self.drainErrors())
        }
        let keyLoaded = SSL_CTX_use_PrivateKey_file(context, configuration.privateKeyPath, SSL_FILETYPE_PEM) == 1
        let keyMismatch = !keyLoaded && ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH
        guard keyLoaded || keyMismatch else {
            throw .privateKey(path: configuration.privateKeyPath, detail: Self.drainErrors())
        }
        guard !keyMismatch, SSL_CTX_check_private_key(context) == 1 else {
            ERR_clear_error()
            throw .keyDoesNotMatchCertificate(
                certificate: configuration.certificatePath, key: configuration.privateKeyPath)
        }
        if let clientCA = configuration.clientCAPath {
            guard SSL_CTX_load_verify_locations(context, clientCA, nil) == 1,
                let names = SSL_load_client_CA_file(clientCA)
            else {
                throw .clientCA(path: clientCA, detail: Self.drainErrors())
            }
            SSL_CTX_set_client_CA_list(context, names)
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
        }
    }

    deinit { SSL_CTX_free(context) }

    /// Runs the server handshake on `connection`, which then belongs to the returned stream. On failure the
    /// connection is left open for the caller to close.
    func accept(_ connection: TCPConnection) throws(TLSError) -> TLSConnection {
        ERR_clear_error()
        guard let ssl = SSL_new(context) else {
            throw .handshake(peer: connection.peer, detail: "SSL_new failed: \(Self.drainErrors())")
        }
        guard SSL_set_fd(ssl, connection.descriptor) == 1 else {
            let detail = Self.drainErrors()
            SSL_free(ssl)
            throw .handshake(peer: connection.peer, detail: "SSL_set_fd failed: \(detail)")
        }
        let result = SSL_accept(ssl)
        guard result == 1 else {
            let detail = Self.failureDetail(ssl: ssl, result: result, savedErrno: errno)
            SSL_free(ssl)
            throw .handshake(peer: connection.peer, detail: detail)
        }
        return TLSConnection(ssl: ssl, transport: connection)
    }

    /// Explains a failed `SSL_*` call: the certificate verification result, OpenSSL's error queue, or `errno`.
    static func failureDetail(ssl: OpaquePointer, result: Int32, savedErrno: Int32) -> String {
        let code = SSL_get_error(ssl, result)
        var parts: [String] = []
        let verification = SSL_get_verify_result(ssl)
        if verification != X509_V_OK {
            parts.append("client certificate rejected: " + String(cString: X509_verify_cert_error_string(verification)))
        }
        let queue = drainErrors()
        if !queue.isEmpty, queue != "no OpenSSL error recorded" { parts.append(queue) }
        switch code {
        case SSL_ERROR_ZERO_RETURN:
            parts.append("the peer closed the TLS session")
        case SSL_ERROR_SYSCALL:
            if savedErrno == EAGAIN || savedErrno == EWOULDBLOCK {
                parts.append("timed out waiting for the peer")
            } else if savedErrno != 0 {
                parts.append(String(cString: strerror(savedErrno)))
            } else if parts.isEmpty {
                parts.append("the peer closed the connection")
            }
        default:
            break
        }
        return parts.isEmpty ? "SSL error \(code)" : parts.joined(separator: "; ")
    }

    /// Empties this thread's OpenSSL error queue into one readable line.
    static func drainErrors() -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.isEmpty ? "no OpenSSL error recorded" : messages.joined(separator: "; ")
    }
}
