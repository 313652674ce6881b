import AxisProtocol
import SystemSupport

extension AxisClient {
    /// Downloads a received document to `path` and returns its size.
    ///
    /// Uses `downloadEdoc`, which streams the raw .edxml. When the endpoint does not know that method (HTTP 404, 405
    /// or 501, or a FAIL saying the method does not exist) it falls back to `getEdoc` (see ``getEdoc(docId:to:)``).
    /// Either way the document streams through a `DurableFileWriter` (mode 0600) that publishes it at `path`,
    /// replacing any file there (an earlier partial download), only when the whole document arrived and the axis
    /// said OK: after a failure nothing new is at `path`. The caller still checks the file before using it. An OK
    /// reply with no document at all (an empty body, or an empty `data`) fails with ``AxisError/Kind/emptyDocument``.
    @discardableResult
    public func downloadEdoc(docId: String, to path: String) async throws(AxisError) -> Int64 {
        try await offload { cancellation in
            self.downloadBlocking(docId: docId, path: path, cancellation: cancellation)
        }
    }

    /// Fetches a document with `getEdoc` only: the reply carries it base64-encoded in the JSON string `data`.
    ///
    /// The reply is never held in memory: ``GetEdocReplyScanner`` reads it as it arrives and decodes the base64 text
    /// straight into a temporary file beside `path`, renamed to `path` only when the reply turned out to be a
    /// complete OK reply with a non-empty document (see ``downloadEdoc(docId:to:)``).
    @discardableResult
    public func getEdoc(docId: String, to path: String) async throws(AxisError) -> Int64 {
        try await offload { cancellation in
            self.getEdocBlocking(docId: docId, path: path, cancellation: cancellation)
        }
    }

    /// How one fetch ended.
    private enum Fetched {
        case document(size: Int64)
        /// downloadEdoc is not available on this endpoint (`reason` for the log).
        case methodMissing(reason: String)
        case failed(AxisError)
    }

    private func downloadBlocking(
        docId: String, path: String, cancellation: CancellationFlag
    ) -> Result<Int64, AxisError> {
        switch fetch(.downloadEdoc, docId: docId, path: path, cancellation: cancellation) {
        case .document(let size): return .success(size)
        case .failed(let error): return .failure(error)
        case .methodMissing(let reason):
            logger.info(
                "downloadEdoc not available, falling back to getEdoc",
                metadata: ["reason": "\(reason)", "axis.docId": "\(docId)"])
            return getEdocBlocking(docId: docId, path: path, cancellation: cancellation)
        }
    }

    private func getEdocBlocking(
        docId: String, path: String, cancellation: CancellationFlag
    ) -> Result<Int64, AxisError> {
        switch fetch(.getEdoc, docId: docId, path: path, cancellation: cancellation) {
        case .document(let size): return .success(size)
        case .failed(let error): return .failure(error)
        case .methodMissing(let reason):
            return .failure(AxisError(method: .getEdoc, kind: .malformedReply(reason)))
        }
    }

    /// One downloadEdoc or getEdoc call into a writer for `path`, published only on success.
    ///
    /// downloadEdoc accepts the raw document or (liberally) a getEdoc-shaped JSON reply; getEdoc only the latter.
    private func fetch(
        _ method: AxisMethod, docId: String, path: String, cancellation: CancellationFlag
    ) -> Fetched {
        let pending: DurableFileWriter
        do throws(SystemError) {
            pending = try DurableFileWriter(creating: path, mode: 0o600, replaceExisting: true)
        } catch {
            return .failed(AxisError(method: method, kind: .local(error)))
        }
        defer { pending.abandon() }
        let exchanged = exchange(
            method, parameters: [("docId", docId)], contentType: "application/json", body: .none,
            sink: .document(pending, replyLimit: endpoint.maxReplyBytes, acceptsRaw: method == .downloadEdoc),
            timeout: endpoint.transferTimeout, stallTimeout: endpoint.requestTimeout, cancellation: cancellation)
        let response: HTTPExchange.Response
        switch exchanged.result {
        case .failure(let error): return .failed(error)
        case .success(let value): response = value
        }
        if method == .downloadEdoc, [404, 405, 501].contains(response.status) {
            return .methodMissing(reason: "HTTP \(response.status)")
        }
        if case .failure(let error) = Self.requireSuccessStatus(response, method: method, bodyFullySent: true) {
            return .failed(error)
        }
        if response.bodyBytes == 0 { return .failed(AxisError(method: method, kind: .emptyDocument)) }
        var size = response.bytesToFile
        if let documentReply = response.documentReply {
            do throws(AxisReplyError) {
                let outcome = try documentReply.get()
                if method == .downloadEdoc, !outcome.reply.isOK, Self.saysUnknownMethod(outcome.reply) {
                    return .methodMissing(reason: "\(outcome.reply.errorCode) \(outcome.reply.errorDescription)")
                }
                size = try outcome.requireDocument()
            } catch {
                return .failed(Self.replyError(error, method: method, bodyFullySent: true))
            }
        }
        guard size > 0 else { return .failed(AxisError(method: method, kind: .emptyDocument)) }
        do throws(SystemError) {
            try pending.publish()
        } catch {
            return .failed(AxisError(method: method, kind: .local(error)))
        }
        return .document(size: size)
    }

    /// A FAIL that means "no such method" rather than "no such document".
    static func saysUnknownMethod(_ reply: AxisReply) -> Bool {
        if reply.errorCode.trimmingASCIISpaces() == AxisErrorCode.unknownMethod { return true }
        let text = reply.errorDescription.lowercased()
        return text.contains("phuong thuc") || text.contains("method")
    }
}

extension String {
    fileprivate func trimmingASCIISpaces() -> String {
        var view = Substring(self)
        while view.first == " " { view = view.dropFirst() }
        while view.last == " " { view = view.dropLast() }
        return String(view)
    }
}
