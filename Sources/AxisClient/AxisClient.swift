import AxisProtocol
import CCurl
import Dispatch
import Foundation
import Logging
import SystemSupport

/// The national axis, as lienthong calls it: one signed HTTP request per call, documents streamed from and to files.
///
/// Every call runs its blocking libcurl transfer on ``BlockingThreadPool/shared``, never on Swift's cooperative thread
/// pool, and aborts it when the calling task is cancelled. Each request gets a fresh timestamp and signature.
/// Failures are ``AxisError``s whose ``AxisError/failureClass`` says whether to retry, give up, or (after a
/// sendEdoc whose reply was lost) look the document up before resending.
public final class AxisClient: Sendable {
    public let endpoint: AxisEndpoint
    let credentials: AxisCredentials
    let logger: Logger
    /// Idle libcurl handles whose connections are reused (``AxisEndpoint/reuseConnections``).
    let handles: CurlHandlePool
    /// One permit per call in progress (``AxisEndpoint/maxConnections``), taken on the blocking thread before the
    /// transfer starts.
    private let transfers: DispatchSemaphore
    /// Told of every call that fails, once, as its caller receives the error (the status page's metrics).
    private let errorObserver: (@Sendable (AxisError) -> Void)?

    public init(
        endpoint: AxisEndpoint, credentials: AxisCredentials, logger: Logger,
        errorObserver: (@Sendable (AxisError) -> Void)? = nil
    ) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.logger = logger
        self.errorObserver = errorObserver
        handles = CurlHandlePool(capacity: endpoint.reuseConnections ? endpoint.maxIdleConnections : 0)
        transfers = DispatchSemaphore(value: endpoint.maxConnections)
    }

    /// Runs blocking work on ``BlockingThreadPool/shared`` once one of the ``AxisEndpoint/maxConnections`` permits
    /// is free; cancelling the task sets the flag the transfer polls.
    func offload<T: Sendable>(
        _ work: @escaping @Sendable (CancellationFlag) -> Result<T, AxisError>
    ) async throws(AxisError) -> T {
        let flag = CancellationFlag()
        let transfers = self.transfers
        let result: Result<T, AxisError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                BlockingThreadPool.shared.submit {
                    transfers.wait()
                    let result = work(flag)
                    transfers.signal()
                    continuation.resume(returning: result)
                }
            }
        } onCancel: {
            flag.cancel()
        }
        if case .failure(let error) = result { errorObserver?(error) }
        return try result.get()
    }

    /// Signs and performs one request (blocking). Transport failures become ``AxisError``s; HTTP statuses are
    /// returned for the caller to judge.
    func exchange(
        _ method: AxisMethod,
        parameters: [(name: String, value: String)],
        contentType: String,
        body: HTTPExchange.Body,
        sink: HTTPExchange.Sink,
        timeout: Duration?,
        stallTimeout: Duration? = nil,
        freshConnection: Bool = false,
        cancellation: CancellationFlag
    ) -> (result: Result<HTTPExchange.Response, AxisError>, bodyFullySent: Bool) {
        let keyPassword: String?
        do throws(AxisError) {
            keyPassword = try endpoint.clientKeyPassword(for: method)
        } catch {
            return (.failure(error), false)
        }
        let headers: [(name: String, value: String)]
        do throws(SignedHeadersError) {
            headers = try SignedHeaders.make(
                parameters: parameters, contentType: contentType, credentials: credentials, now: Date())
        } catch {
            return (.failure(AxisError(method: method, kind: .invalidRequest(error.description))), false)
        }
        let request = HTTPExchange.Request(
            method: method.httpMethod, url: endpoint.url(for: method.rawValue), headers: headers, body: body,
            sink: sink, timeout: timeout, stallTimeout: stallTimeout, freshConnection: freshConnection,
            keyPassword: keyPassword)
        let started = ContinuousClock.now
        let outcome = CurlTransport.perform(request, endpoint: endpoint, pool: handles, cancellation: cancellation)
        let elapsed = ContinuousClock.now - started
        switch outcome.result {
        case .success(let response):
            logger.debug(
                "axis call answered",
                metadata: [
                    "axis.method": "\(method.rawValue)", "http.status": "\(response.status)",
                    "bytes.up": "\(response.uploadedBytes)",
                    "bytes.down": "\(response.body.count + Int(response.bytesToFile))", "duration": "\(elapsed)",
                ])
            return (.success(response), outcome.bodyFullySent)
        case .failure(let failure):
            let kind: AxisError.Kind
            switch failure {
            case .curl(let code, let message): kind = .network(code: code, message: message)
            case .local(let local): kind = .local(local)
            case .replyTooLarge(let limit): kind = .malformedReply("reply larger than \(limit) bytes")
            case .reply(let reply):
                kind = Self.replyError(reply, method: method, bodyFullySent: outcome.bodyFullySent).kind
            case .cancelled: kind = .cancelled
            case .stalled(let limit):
                kind = .network(
                    code: Int(CURLE_OPERATION_TIMEDOUT.rawValue),
                    message: "nothing moved for \(limit) (the axis request timeout) while waiting for the axis")
            }
            let error = AxisError(method: method, kind: kind, requestBodyFullySent: outcome.bodyFullySent)
            logger.debug(
                "axis call failed",
                metadata: ["axis.method": "\(method.rawValue)", "error": "\(error)", "duration": "\(elapsed)"])
            return (.failure(error), outcome.bodyFullySent)
        }
    }

    /// A JSON call: the reply collected in memory (capped at ``AxisEndpoint/maxReplyBytes``), non-2xx an error.
    func jsonCall(
        _ method: AxisMethod,
        parameters: [(name: String, value: String)],
        body: [UInt8] = [],
        cancellation: CancellationFlag
    ) -> Result<[UInt8], AxisError> {
        let exchanged = exchange(
            method, parameters: parameters, contentType: "application/json",
            body: body.isEmpty ? .none : .bytes(body), sink: .memory(limit: endpoint.maxReplyBytes),
            timeout: endpoint.requestTimeout, cancellation: cancellation)
        return exchanged.result.flatMap { response in
            Self.requireSuccessStatus(response, method: method, bodyFullySent: exchanged.bodyFullySent)
                .map { $0.body }
        }
    }

    static func requireSuccessStatus(
        _ response: HTTPExchange.Response, method: AxisMethod, bodyFullySent: Bool
    ) -> Result<HTTPExchange.Response, AxisError> {
        guard (200..<300).contains(response.status) else {
            return .failure(
                AxisError(
                    method: method,
                    kind: .httpStatus(code: response.status, bodyExcerpt: AxisReplyError.excerpt(response.body)),
                    requestBodyFullySent: bodyFullySent))
        }
        return .success(response)
    }

    /// Turns a reply-parsing error into an ``AxisError``: FAIL keeps the axis's own code and message.
    static func replyError(_ error: AxisReplyError, method: AxisMethod, bodyFullySent: Bool) -> AxisError {
        let kind: AxisError.Kind
        switch error {
        case .fail(let reply):
            kind = .fail(errorCode: reply.errorCode, errorDescription: reply.errorDescription)
        default:
            kind = .malformedReply(error.description)
        }
        return AxisError(method: method, kind: kind, requestBodyFullySent: bodyFullySent)
    }
}
