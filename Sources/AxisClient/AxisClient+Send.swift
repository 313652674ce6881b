import AxisProtocol
import Foundation
import SystemSupport

extension AxisClient {
    /// Sends an edXML envelope (or status message) and returns the axis's `DocId` for it.
    ///
    /// The file is streamed as the body from one open descriptor, with an exact `Content-Length`; it is never held
    /// in memory. The bytes sent are exactly the file's bytes (no trailing CRLF). `hash-file` is `hashFile` when the
    /// caller knows it (computed as the file was written); otherwise the file is read once more to compute it.
    ///
    /// - Parameters:
    ///   - from: our agency code; must be the one registered for the system id.
    ///   - to: optional recipient header, sent as given.
    ///   - envelopePath: a regular file (symlinks are refused) that must not change during the call.
    ///   - hashFile: the file's `hash-file` (``HashFile``), when known; the axis refuses the document if it is not
    ///     the file's.
    /// - Throws: ``AxisError``. Its ``AxisError/failureClass`` is `.ambiguous` when the whole file left us and the
    ///   reply was lost, unreadable or a gateway error: check `getSentEdocList` before sending again.
    public func sendEdoc(
        from: String,
        to: String? = nil,
        messageType: AxisMessageType,
        envelopePath: String,
        hashFile knownHashFile: String? = nil
    ) async throws(AxisError) -> String {
        try await offload { cancellation in
            self.sendEdocBlocking(
                from: from, to: to, messageType: messageType, envelopePath: envelopePath,
                knownHashFile: knownHashFile, cancellation: cancellation)
        }
    }

    /// ``sendEdoc(from:to:messageType:envelopePath:hashFile:)`` for an envelope held in memory: a status message of
    /// a few kilobytes that is composed, sent and not kept needs no file.
    public func sendEdoc(
        from: String,
        to: String? = nil,
        messageType: AxisMessageType,
        envelope: [UInt8]
    ) async throws(AxisError) -> String {
        try await offload { cancellation in
            guard !envelope.isEmpty else {
                return .failure(AxisError(method: .sendEdoc, kind: .invalidRequest("the envelope is empty")))
            }
            return self.sendEdocBlocking(
                from: from, to: to, messageType: messageType, body: .bytes(envelope),
                hashFile: HashFile.value(ofBytes: envelope), cancellation: cancellation)
        }
    }

    private func sendEdocBlocking(
        from: String, to: String?, messageType: AxisMessageType, envelopePath: String, knownHashFile: String?,
        cancellation: CancellationFlag
    ) -> Result<String, AxisError> {
        let method = AxisMethod.sendEdoc
        let file: FileDescriptor
        let status: FileStatus
        do throws(SystemError) {
            (file, status) = try FileDescriptor.openForReading(envelopePath)
        } catch {
            return .failure(AxisError(method: method, kind: .local(error, operation: "open for reading")))
        }
        guard status.kind == .regular else {
            let error = SystemError(operation: "read (it is not a regular file)", path: envelopePath, errno: EINVAL)
            return .failure(AxisError(method: method, kind: .local(error)))
        }
        let size = status.size
        let hashFile: String
        if let knownHashFile {
            hashFile = knownHashFile
        } else {
            do throws(SystemError) {
                hashFile = try Self.hashFile(of: file)
                try file.seek(to: 0)
            } catch {
                return .failure(AxisError(method: method, kind: .local(error)))
            }
        }
        guard size > 0 else {
            return .failure(AxisError(method: method, kind: .invalidRequest("the envelope \(envelopePath) is empty")))
        }
        return sendEdocBlocking(
            from: from, to: to, messageType: messageType, body: .file(file, size: size), hashFile: hashFile,
            cancellation: cancellation)
    }

    private func sendEdocBlocking(
        from: String, to: String?, messageType: AxisMessageType, body: HTTPExchange.Body, hashFile: String,
        cancellation: CancellationFlag
    ) -> Result<String, AxisError> {
        let method = AxisMethod.sendEdoc
        var parameters: [(name: String, value: String)] = [
            ("from", from), ("servicetype", "eDoc"), ("messagetype", messageType.rawValue),
        ]
        if let to { parameters.append(("to", to)) }
        parameters.append(("hash-file", hashFile))

        let exchanged = exchange(
            method, parameters: parameters, contentType: "application/octet-stream", body: body,
            sink: .memory(limit: endpoint.maxReplyBytes), timeout: endpoint.transferTimeout,
            stallTimeout: endpoint.requestTimeout, freshConnection: true,
            cancellation: cancellation)
        let sent = exchanged.bodyFullySent
        return exchanged.result
            .flatMap { Self.requireSuccessStatus($0, method: method, bodyFullySent: sent) }
            .flatMap { response in
                guard !response.body.isEmpty else {
                    return .failure(
                        AxisError(
                            method: method, kind: .malformedReply("empty reply"),
                            requestBodyFullySent: sent))
                }
                do throws(AxisReplyError) {
                    return .success(try SendEdocReply.parse(response.body).docId)
                } catch {
                    return .failure(Self.replyError(error, method: method, bodyFullySent: sent))
                }
            }
    }

    /// `hash-file` of the file from its current offset to the end, read in 64 KiB chunks.
    static func hashFile(of file: FileDescriptor) throws(SystemError) -> String {
        let hasher = HashFile.Streaming()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = try file.read(into: buffer)
            if count == 0 { return hasher.finalize() }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }
}
