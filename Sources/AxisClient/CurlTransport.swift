import CCurl

/// Runs one ``HTTPExchange/Request`` on a ``CurlEasy`` handle from the client's pool, blocking the calling thread.
///
/// Handles go back to the pool after each transfer, so their kept-alive connections serve the next calls (one TCP
/// and TLS handshake instead of one per call). libcurl closes a connection after any failed transfer, so a
/// half-failed connection is never reused. A request marked ``HTTPExchange/Request/freshConnection`` (sendEdoc)
/// never rides a kept-alive connection: when a reused connection turns out to be dead, libcurl silently resends
/// the request on a new one, and the axis, which does not deduplicate, could then store a document twice. Measured
/// (`ReusedConnectionResendTests`): a reused connection closed after the whole POST went out makes libcurl 7.88 try
/// that resend, stopped here only because the body cannot be rewound, with an error (curl 65) that reads as
/// "nothing was sent"; on its own connection the same loss is an empty reply after the whole body, ambiguous.
enum CurlTransport {
    static func perform(
        _ request: HTTPExchange.Request,
        endpoint: AxisEndpoint,
        pool: CurlHandlePool,
        cancellation: CancellationFlag
    ) -> HTTPExchange.Outcome {
        let easy: CurlEasy
        do throws(CurlEasy.Failure) {
            easy = try pool.checkOut()
        } catch {
            return HTTPExchange.Outcome(
                result: .failure(.curl(code: error.code, message: error.message)),
                bodyFullySent: false)
        }
        defer { pool.checkIn(easy) }
        let context = TransferContext(
            easy: easy, body: request.body, sink: request.sink, cancellation: cancellation,
            stallTimeout: request.stallTimeout)
        let bodySize: Int64
        switch request.body {
        case .none: bodySize = 0
        case .bytes(let bytes): bodySize = Int64(bytes.count)
        case .file(_, let size): bodySize = size
        }
        // libcurl holds `userdata` unretained; `context` is kept alive below until after perform returns.
        let userdata = Unmanaged.passUnretained(context).toOpaque()
        var failure: CurlEasy.Failure?
        do throws(CurlEasy.Failure) {
            try configure(easy, request, endpoint: endpoint, bodySize: bodySize, userdata: userdata)
            failure = easy.perform()
        } catch {
            failure = error
        }
        withExtendedLifetime(context) {}
        let uploaded = easy.infoOffset(CURLINFO_SIZE_UPLOAD_T)
        let status = easy.infoLong(CURLINFO_RESPONSE_CODE)
        let connected = status != 0 || uploaded > 0
        let bodyFullySent = connected && uploaded >= bodySize
        if let failure {
            let reason: HTTPExchange.Failure
            if let local = context.localFailure {
                reason = .local(local)
            } else if let reply = context.replyFailure {
                reason = .reply(reply)
            } else if let limit = context.overflowLimit {
                reason = .replyTooLarge(limit: limit)
            } else if cancellation.isCancelled {
                reason = .cancelled
            } else if context.stalled, let limit = request.stallTimeout {
                reason = .stalled(limit)
            } else {
                reason = .curl(code: failure.code, message: failure.message)
            }
            return HTTPExchange.Outcome(result: .failure(reason), bodyFullySent: bodyFullySent)
        }
        let response = HTTPExchange.Response(
            status: status, contentType: easy.infoString(CURLINFO_CONTENT_TYPE), body: context.memory,
            bytesToFile: context.bytesToFile, bodyBytes: context.receivedBytes, uploadedBytes: uploaded,
            documentReply: context.finishDocumentReply())
        return HTTPExchange.Outcome(result: .success(response), bodyFullySent: true)
    }

    private static func configure(
        _ easy: CurlEasy,
        _ request: HTTPExchange.Request,
        endpoint: AxisEndpoint,
        bodySize: Int64,
        userdata: UnsafeMutableRawPointer
    ) throws(CurlEasy.Failure) {
        try easy.set(CURLOPT_URL, request.url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_FOLLOWLOCATION, 0)
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_USERAGENT, endpoint.userAgent)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, milliseconds(endpoint.connectTimeout))
        try easy.set(CURLOPT_TIMEOUT_MS, request.timeout.map(milliseconds) ?? 0)
        try easy.set(CURLOPT_LOW_SPEED_LIMIT, endpoint.lowSpeedLimitBytesPerSecond)
        try easy.set(CURLOPT_LOW_SPEED_TIME, max(1, Int(endpoint.lowSpeedTime.components.seconds)))
        try easy.set(CURLOPT_PROXY, endpoint.proxyURL ?? "")
        try easy.set(CURLOPT_FRESH_CONNECT, request.freshConnection ? 1 : 0)
        try easy.set(CURLOPT_FORBID_REUSE, endpoint.reuseConnections ? 0 : 1)
        try easy.set(CURLOPT_TCP_KEEPALIVE, 1)
        // No TLS session resumption: connections are kept alive, so full handshakes are rare, and OpenSSL servers
        // that require a client certificate without a session id context fail resumed handshakes ("internal
        // error"); lienthong-axis did, and adapters built the same way would refuse every send after the first.
        try easy.set(CURLOPT_SSL_SESSIONID_CACHE, 0)
        if let path = endpoint.caBundlePath { try easy.set(CURLOPT_CAINFO, path) }
        if let path = endpoint.clientCertificatePath {
            try easy.set(CURLOPT_SSLCERT, path)
            try easy.set(CURLOPT_SSLCERTTYPE, endpoint.clientCertificateFormat.curlName)
        }
        if let path = endpoint.clientKeyPath { try easy.set(CURLOPT_SSLKEY, path) }
        if let password = request.keyPassword { try easy.set(CURLOPT_KEYPASSWD, password) }
        if let pin = endpoint.pinnedPublicKey { try easy.set(CURLOPT_PINNEDPUBLICKEY, pin) }

        try easy.set(CURLOPT_WRITEFUNCTION, callback: TransferCallbacks.write)
        try easy.set(CURLOPT_WRITEDATA, pointer: userdata)
        try easy.setTransferInfo(callback: TransferCallbacks.progress)
        try easy.set(CURLOPT_XFERINFODATA, pointer: userdata)
        try easy.set(CURLOPT_NOPROGRESS, 0)

        if request.method == "GET" {
            try easy.set(CURLOPT_HTTPGET, 1)
        } else {
            try easy.set(CURLOPT_POST, 1)
            try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: bodySize)
            try easy.set(CURLOPT_READFUNCTION, callback: TransferCallbacks.read)
            try easy.set(CURLOPT_READDATA, pointer: userdata)
        }
        // "Expect:" turns off curl's 100-continue wait, which some adapters never answer.
        // "Name;" is how libcurl sends a header with an empty value: it drops "Name:" (that form removes a header).
        // A signed parameter may be empty (getSentEdocList's docId before the DocId is known), and the axis then
        // looks for the header named in the signature.
        try easy.setHeaders(
            request.headers.map { $0.value.isEmpty ? "\($0.name);" : "\($0.name): \($0.value)" } + ["Expect:"])
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
