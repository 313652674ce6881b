import Config
import EdXML
import Foundation
import StateStore

/// The runtime in force (a reload replaces it) and whether the last reload was refused, for the daemon's `STATUS=`
/// line.
final class CurrentRuntime: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var runtime: AgencyRuntime?
    private var refusedReload: String?
    /// The configuration of ``runtime`` and the state database, for the status page.
    private var config: LienthongConfig?
    private var store: DocumentStore?

    func set(_ runtime: AgencyRuntime, config: LienthongConfig, store: DocumentStore) {
        lock.withLock {
            self.runtime = runtime
            self.config = config
            self.store = store
            refusedReload = nil
        }
    }

    /// The configuration in force and the state database; nil until the daemon has opened it.
    func configAndStore() -> (LienthongConfig, DocumentStore)? {
        lock.withLock {
            guard let config, let store else { return nil }
            return (config, store)
        }
    }

    func reloadRefused(_ reason: String) { lock.withLock { refusedReload = reason } }

    /// The `time_zone` of the runtime in force; Vietnam time before there is one.
    var timeZone: CivilTimeZone { lock.withLock { runtime?.timeZone ?? .vietnam } }

    /// The first thing an admin should know: a refused reload, then per agency an unreachable axis, a stopped
    /// outbound or inbound pipeline.
    func trouble() async -> String? {
        let (runtime, refusedReload) = lock.withLock { (self.runtime, self.refusedReload) }
        if let refusedReload { return refusedReload }
        guard let runtime else { return nil }
        let status = await runtime.status(pid: getpid(), startedAt: Date(), axisEndpoint: "")
        for agency in status.agencies {
            if let since = agency.axisUnreachableSince {
                return "axis unreachable since \(runtime.timeZone.iso8601(since))"
            }
            if let problem = agency.outboundProblem { return "\(agency.code) outbound: \(problem)" }
            if let problem = agency.inboundProblem { return "\(agency.code) inbound: \(problem)" }
        }
        return nil
    }
}
