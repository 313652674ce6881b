import Foundation
import Logging

/// The admin listener for tests and trainers, which the real axis does not have:
///
/// - `GET /admin/stats`: counters (``AdminStatistics``).
/// - `POST /admin/reset-counters`: zeroes the call, fault and document counters (the queues stay).
/// - `POST /admin/faults`, `GET /admin/faults`, `DELETE /admin/faults`: fault rules (`AdminService+Faults.swift`).
///
/// It is bound to loopback only and carries no authentication.
final class AdminService: HTTPHandler {
    private let store: AxisStore
    private let counters: AxisCallCounters
    let faultPlan: AxisFaultPlan
    let logger: Logger

    init(store: AxisStore, counters: AxisCallCounters, faultPlan: AxisFaultPlan, logger: Logger) {
        self.store = store
        self.counters = counters
        self.faultPlan = faultPlan
        self.logger = logger
    }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/admin/stats"):
            do {
                return .json(try stats())
            } catch {
                logger.error("reading statistics failed: \(error)")
                return .text("reading statistics failed: \(error)", status: 500)
            }
        case ("POST", "/admin/reset-counters"):
            do {
                try store.resetCounters()
                counters.reset()
                return .json(["status": "OK"])
            } catch {
                logger.error("resetting counters failed: \(error)")
                return .text("resetting counters failed: \(error)", status: 500)
            }
        case ("POST", "/admin/faults"):
            return addFaults(request)
        case ("GET", "/admin/faults"):
            return .json(FaultList(rules: faultPlan.rules))
        case ("DELETE", "/admin/faults"):
            let cleared = faultPlan.clear()
            logger.notice("cleared \(cleared) fault rules")
            return .json(FaultsCleared(status: "OK", cleared: cleared))
        case (_, "/admin/stats"), (_, "/admin/reset-counters"), (_, "/admin/faults"):
            return .text("method \(request.method) not allowed on \(request.path)", status: 405)
        default:
            return .text(
                "unknown admin path \(request.path); use GET /admin/stats, POST /admin/reset-counters or "
                    + "POST/GET/DELETE /admin/faults",
                status: 404)
        }
    }

    func stats() throws -> AdminStatistics {
        let stored = try store.statistics()
        let calls = counters.snapshot()
        return AdminStatistics(
            calls: calls.calls, failedCalls: calls.failures, documentsStored: stored.documentsStored,
            documentsBySender: stored.documentsBySender, documentsByRecipient: stored.documentsByRecipient,
            duplicates: stored.duplicates.map { .init(sha256: $0.sha256, count: $0.count, senders: $0.senders) },
            duplicateDocuments: stored.duplicates.reduce(0) { $0 + $1.count - 1 },
            pendingByRecipient: stored.pendingByRecipient, faultsInjected: calls.faults,
            acknowledgements: calls.acknowledgements)
    }
}
