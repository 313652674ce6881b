import AxisProtocol
import Foundation
import Logging

/// The axis methods behind the HTTP server: routing, signature checks, counters, then one handler per method.
///
/// Every reply is HTTP 200 with the axis's JSON, FAIL included, as the real axis does; only `downloadEdoc`
/// answers raw bytes on success.
final class AxisService: HTTPHandler {
    let configuration: AxisSimulatorConfiguration
    let store: AxisStore
    let envelopes: EnvelopeStore
    let counters: AxisCallCounters
    /// Consulted first: an injector given in code.
    let faults: AxisFaultInjector
    /// The rules of `POST /admin/faults`.
    let faultPlan: AxisFaultPlan
    let logger: Logger
    let clock: @Sendable () -> Date

    init(
        configuration: AxisSimulatorConfiguration, store: AxisStore, envelopes: EnvelopeStore,
        counters: AxisCallCounters, faults: AxisFaultInjector, faultPlan: AxisFaultPlan, logger: Logger,
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.configuration = configuration
        self.store = store
        self.envelopes = envelopes
        self.counters = counters
        self.faults = faults
        self.faultPlan = faultPlan
        self.logger = logger
        self.clock = clock
    }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let path = request.path
        let basePath = configuration.basePath
        if basePath != "/", !path.hasPrefix(basePath) {
            return .text("no axis method at \(path); the base path is \(basePath)", status: 404)
        }
        let segment = path.split(separator: "/").last.map(String.init) ?? ""
        guard let method = AxisMethod.allCases.first(where: { $0.rawValue.lowercased() == segment.lowercased() })
        else {
            counters.record(method: "(unknown)", failed: true)
            return Self.fail(.unknownMethod(segment))
        }

        let verification = HeaderVerifier.verify(headers: request.headers.lowercasedDictionary) { systemId in
            self.configuration.system(systemId)?.secret
        }
        let verified: VerifiedRequest
        switch verification {
        case .success(let value):
            verified = value
        case .failure(let rejection):
            counters.record(method: method.rawValue, failed: true)
            logger.notice("rejected \(method.rawValue): \(rejection)")
            return Self.fail(rejection)
        }
        guard let system = configuration.system(verified.systemId) else {
            counters.record(method: method.rawValue, failed: true)
            return Self.fail(.unknownSystem(verified.systemId))
        }
        let call = AxisCall(method: method, request: request, verified: verified, system: system)

        if let fault = injectedFault(call, phase: .beforeHandling), let response = apply(fault, to: method) {
            counters.record(method: method.rawValue, failed: true)
            return response
        }
        do {
            let response = try dispatch(call)
            counters.record(method: method.rawValue, failed: false)
            if let fault = injectedFault(call, phase: .afterCommit), let faulty = apply(fault, to: method) {
                response.body.discard()
                return faulty
            }
            return response
        } catch {
            counters.record(method: method.rawValue, failed: true)
            logger.notice("\(method.rawValue) from \(system.systemId) failed: \(error)")
            return Self.fail(error)
        }
    }

    private func dispatch(_ call: AxisCall) throws(AxisRejection) -> HTTPResponse {
        switch call.method {
        case .sendEdoc: try sendEdoc(call)
        case .getReceivedEdocList: try getReceivedEdocList(call)
        case .getEdoc: try getEdoc(call)
        case .downloadEdoc: try downloadEdoc(call)
        case .updateStatus: try updateStatus(call)
        case .getSentEdocList: try getSentEdocList(call)
        case .countReceiveEdoc: try count(call, messageType: .edoc)
        case .countReceiveStatus: try count(call, messageType: .status)
        case .getAgenciesList: getAgenciesList()
        }
    }

    /// The fault for this call and phase, if any, counted under `faults_injected` and logged.
    private func injectedFault(_ call: AxisCall, phase: AxisFaultPhase) -> AxisFault? {
        let systemId = call.system.systemId
        guard
            let fault = faults.fault(for: call.method, systemId: systemId, phase: phase)
                ?? faultPlan.fault(for: call.method, systemId: systemId, phase: phase)
        else { return nil }
        counters.recordFault(method: call.method.rawValue)
        logger.notice("injecting fault \(fault) into \(call.method.rawValue) from \(systemId)")
        return fault
    }

    /// The response to a call of `method` for a fault, or nil when the fault only delays.
    private func apply(_ fault: AxisFault, to method: AxisMethod) -> HTTPResponse? {
        switch fault {
        case .dropConnection: return .dropConnection
        case .resetConnection: return .resetConnection
        case .delay(let seconds):
            Thread.sleep(forTimeInterval: seconds)
            return nil
        case .httpStatus(let status):
            let reason = HTTPResponse.reasonPhrase(status)
            let page =
                "<html><head><title>\(status) \(reason)</title></head><body><h1>\(status) \(reason)</h1></body></html>\n"
            return HTTPResponse(
                status: status, headers: HTTPHeaders([("Content-Type", "text/html; charset=utf-8")]),
                body: .bytes(Array(page.utf8)))
        case .fail(let code, let description):
            return Self.fail(AxisRejection(errorCode: code, errorDescription: description))
        case .serveDocument(let bytes):
            if method == .getEdoc { return .json(GetEdocReply.jsonBytes(edxml: bytes)) }
            return HTTPResponse(
                status: 200, headers: HTTPHeaders([("Content-Type", "application/octet-stream")]), body: .bytes(bytes))
        }
    }

    static func fail(_ rejection: AxisRejection) -> HTTPResponse {
        .json(rejection.reply.jsonBytes())
    }

    /// Runs a storage operation; a database or file failure becomes the axis's internal error, logged here.
    func storage<T>(_ what: String, _ body: () throws -> T) throws(AxisRejection) -> T {
        do {
            return try body()
        } catch {
            logger.error("\(what) failed: \(error)")
            throw .internalError
        }
    }

    var nowMilliseconds: Int64 { Int64((clock().timeIntervalSince1970 * 1000).rounded(.down)) }
}
