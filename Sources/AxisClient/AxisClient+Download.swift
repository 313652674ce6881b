import AxisProtocol

extension AxisClient {
    /// Downloads a received document to `path` (created or truncated, mode 0600, then fsynced) and returns its size.
    ///
    /// Uses `downloadEdoc`, which streams the raw .edxml straight to the file. When the endpoint does not know that
    /// method (HTTP 404, 405 or 501, or a FAIL saying the method does not exist) it falls back to `getEdoc`, whose
    /// reply carries the document base64-encoded in JSON: that reply is held in memory once, up to
    /// ``AxisEndpoint/maxGetEdocReplyBytes``, and decoded to the file in chunks.
    /// The caller renames the file into place (and fsyncs the directory) once it has checked it.
    @discardableResult
    public func downloadEdoc(docId: String, to path: String) async throws(AxisError) -> Int64 {
        try await offload { cancellation in
            self.downloadBlocking(docId: docId, path: path, cancellation: cancellation)
        }
    }

    /// Fetches a document with `getEdoc` only (base64 inside JSON); see ``downloadEdoc(docId:to:)``.
    @discardableResult
    public func getEdoc(docId: String, to path: String) async throws(AxisError) -> Int64 {
        try await offload { cancellation in
            self.getEdocBlocking(docId: docId, path: path, cancellation: cancellation)
        }
    }

    private func downloadBlocking(
        docId: String, path: String, cancellation: CancellationFlag
    ) -> Result<Int64, AxisError> {
        let method = AxisMethod.downloadEdoc
        let file: LocalFile
        do throws(LocalFile.Failure) {
            file = try LocalFile.openForWriting(path)
        } catch {
            return .failure(AxisError(method: method, kind: error.kind))
        }
        let exchanged = exchange(
            method, parameters: [("docId", docId)], contentType: "application/json",
            body: .none, sink: .document(file, replyLimit: endpoint.maxReplyBytes), timeout: endpoint.transferTimeout,
            stallTimeout: endpoint.requestTimeout,
            cancellation: cancellation)
        let response: HTTPExchange.Response
        switch exchanged.result {
        case .failure(let error): return .failure(error)
        case .success(let value): response = value
        }
        if [404, 405, 501].contains(response.status) {
            logger.info("downloadEdoc not available, falling back to getEdoc",
                metadata: ["http.status": "\(response.status)", "axis.docId": "\(docId)"])
            return getEdocBlocking(docId: docId, path: path, cancellation: cancellation)
        }
        if case .failure(let error) = Self.requireSuccessStatus(response, method: method, bodyFullySent: true) {
            return .failure(error)
        }
        if response.bytesToFile > 0 {
            return Self.finish(file, method: method).map { response.bytesToFile }
        }
        // The reply is JSON: a FAIL, or (liberally) a getEdoc-style reply with the document in `data`.
        let reply: AxisReply
        do throws(AxisReplyError) {
            reply = try AxisReply.parse(response.body)
        } catch {
            return .failure(Self.replyError(error, method: method, bodyFullySent: true))
        }
        if !reply.isOK {
            if Self.saysUnknownMethod(reply) {
                logger.info("downloadEdoc refused as unknown, falling back to getEdoc",
                    metadata: ["axis.error": "\(reply.errorCode) \(reply.errorDescription)", "axis.docId": "\(docId)"])
                return getEdocBlocking(docId: docId, path: path, cancellation: cancellation)
            }
            return .failure(Self.replyError(.fail(reply), method: method, bodyFullySent: true))
        }
        return Self.decodeGetEdocReply(response.body, into: file, method: method)
    }

    private func getEdocBlocking(
        docId: String, path: String, cancellation: CancellationFlag
    ) -> Result<Int64, AxisError> {
        let method = AxisMethod.getEdoc
        let file: LocalFile
        do throws(LocalFile.Failure) {
            file = try LocalFile.openForWriting(path)
        } catch {
            return .failure(AxisError(method: method, kind: error.kind))
        }
        let exchanged = exchange(
            method, parameters: [("docId", docId)], contentType: "application/json", body: .none,
            sink: .memory(limit: endpoint.maxGetEdocReplyBytes), timeout: endpoint.transferTimeout,
            stallTimeout: endpoint.requestTimeout,
            cancellation: cancellation)
        return exchanged.result
            .flatMap { Self.requireSuccessStatus($0, method: method, bodyFullySent: true) }
            .flatMap { Self.decodeGetEdocReply($0.body, into: file, method: method) }
    }

    /// Decodes the `data` of a getEdoc reply into `file` in 64 KiB steps, then fsyncs it.
    private static func decodeGetEdocReply(_ body: [UInt8], into file: LocalFile, method: AxisMethod)
        -> Result<Int64, AxisError>
    {
        var written: Int64 = 0
        do throws(AxisReplyError) {
            let located = try GetEdocReply.locateData(in: body)
            var decoder = Base64StreamDecoder()
            var start = located.base64Range.lowerBound
            while start < located.base64Range.upperBound {
                let end = min(start + (1 << 16), located.base64Range.upperBound)
                let bytes = try decoder.decode(body[start..<end])
                if case .failure(let error) = write(bytes, to: file, method: method) { return .failure(error) }
                written += Int64(bytes.count)
                start = end
            }
            let tail = try decoder.finish()
            if case .failure(let error) = write(tail, to: file, method: method) { return .failure(error) }
            written += Int64(tail.count)
        } catch {
            return .failure(replyError(error, method: method, bodyFullySent: true))
        }
        guard written > 0 else {
            return .failure(AxisError(method: method, kind: .malformedReply("the document in the reply is empty")))
        }
        return finish(file, method: method).map { written }
    }

    private static func write(_ bytes: [UInt8], to file: LocalFile, method: AxisMethod) -> Result<Void, AxisError> {
        do throws(LocalFile.Failure) {
            try file.write(bytes)
            return .success(())
        } catch {
            return .failure(AxisError(method: method, kind: error.kind))
        }
    }

    private static func finish(_ file: LocalFile, method: AxisMethod) -> Result<Void, AxisError> {
        do throws(LocalFile.Failure) {
            try file.sync()
            return .success(())
        } catch {
            return .failure(AxisError(method: method, kind: error.kind))
        }
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
