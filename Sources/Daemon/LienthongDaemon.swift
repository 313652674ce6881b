import AxisClient
import Config
import EdXML
import Foundation
import Logging
import ServiceLifecycle
import StateStore
import SystemSupport
import Systemd

/// `lienthong run`: the pipelines of every configured agency, under systemd.
///
/// Start-up order: open the state database (local disk), build the runtime, tell systemd READY. `SIGHUP` reloads
/// the configuration: a valid new one replaces the runtime after the current steps finish; an invalid one is
/// reported and the old one keeps running. `SIGUSR1` polls the axis now. `SIGTERM` (through
/// swift-service-lifecycle) cancels the pipelines, which stop at the next step boundary.
public final class LienthongDaemon: Service, Sendable {
    private let configPath: String
    private let initialConfig: LienthongConfig
    private let logger: Logger
    private let notifier: SystemdNotifier
    private let startedAt = Date()
    /// Where the pipelines report progress; the watchdog is pinged only while none is wedged.
    private let liveness = Liveness()
    /// The runtime in force and what the last reload said, for the `STATUS=` line.
    private let current = CurrentRuntime()

    /// Counters and latencies of the documents and the axis calls, for the status page; nil for none.
    private let metrics: DocumentMetrics?

    public init(configPath: String, config: LienthongConfig, logger: Logger, metrics: DocumentMetrics? = nil) {
        self.configPath = configPath
        self.initialConfig = config
        self.logger = logger
        self.metrics = metrics
        self.notifier = (try? SystemdNotifier()) ?? .disabled
    }

    /// The report `lienthong status` gives, from the configuration in force and the daemon's own database
    /// connection: the status page's one model. Reads the database and the disks (blocking: call it off the
    /// cooperative threads).
    public func statusReport(now: Date = Date()) throws -> StatusReport {
        guard let (config, store) = current.configAndStore() else { throw StatusUnavailable.starting }
        let pid = getpid()
        return try StatusReport.gather(config: config, store: store, now: now) { $0 == pid }
    }

    public func run() async throws {
        try Directories.create(initialConfig.stateDirectory, mode: 0o750)
        try Directories.create(initialConfig.spoolDirectory, mode: 0o700)
        let store = try DocumentStore(path: initialConfig.stateDatabasePath, observer: metrics)
        let runtime = try makeRuntime(initialConfig, store: store)
        current.set(runtime, config: initialConfig, store: store)
        // Create the signal stream before READY=1: systemctl reload may follow at once.
        let signals = SignalEvents.stream()
        try? notifier.ready(status: Self.statusLine(initialConfig))
        let agencies = initialConfig.agencies.map(\.code).joined(separator: ", ")
        logger.notice("lienthong started: \(agencies); axis \(initialConfig.axis.endpoint)")
        try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                if let interval = self.notifier.watchdogInterval {
                    group.addTask { try await self.pingWatchdog(every: interval, store: store) }
                }
                try await self.supervise(runtime, config: self.initialConfig, store: store, signals: signals)
                group.cancelAll()
            }
        }
        try? notifier.stopping(status: "stopped")
        logger.notice("lienthong stopped")
    }

    /// Runs one runtime after another: a reload replaces it, a pipeline error ends the daemon.
    private func supervise(
        _ initialRuntime: AgencyRuntime, config initialConfig: LienthongConfig, store: DocumentStore,
        signals: AsyncStream<ControlSignal>
    ) async throws {
        let (events, emit) = AsyncStream.makeStream(of: DaemonEvent.self)
        let forwarder = Task {
            for await signal in signals { emit.yield(signal == .reload ? .reload : .pollNow) }
        }
        defer {
            forwarder.cancel()
            emit.finish()
        }
        var config = initialConfig
        var runtime = initialRuntime
        var generation = start(runtime, emit: emit)
        for await event in events {
            switch event {
            case .pollNow:
                runtime.pollNow()
            case .pipelinesEnded(let failure):
                if let failure { throw failure }
            case .reload:
                try? notifier.reloading(status: "reloading \(configPath)")
                do {
                    let newConfig = try ConfigLoader.load(path: configPath)
                    let newRuntime = try makeRuntime(newConfig, store: store)
                    generation.cancel()
                    _ = await generation.result
                    config = newConfig
                    runtime = newRuntime
                    current.set(runtime, config: config, store: store)
                    generation = start(runtime, emit: emit)
                    logger.notice("configuration reloaded from \(configPath)")
                } catch {
                    current.reloadRefused("configuration reload refused: \(error)")
                    logger.error("configuration NOT reloaded, the previous one stays in force: \(error)")
                }
                try? notifier.ready(status: Self.statusLine(config))
            }
            if Task.isCancelled { break }
        }
        generation.cancel()
        _ = await generation.result
    }

    private func makeRuntime(_ config: LienthongConfig, store: DocumentStore) throws -> AgencyRuntime {
        var axisErrors: (@Sendable (AxisError) -> Void)?
        if let metrics { axisErrors = { error in metrics.axisCallFailed(error) } }
        return try AgencyRuntime(
            config: config, store: store, logger: logger, liveness: liveness, axisErrors: axisErrors)
    }

    private static func statusLine(_ config: LienthongConfig) -> String {
        "watching \(config.agencies.count) agency folder(s)"
    }

    private enum DaemonEvent: Sendable {
        case reload
        case pollNow
        /// The pipelines of one runtime returned: `nil` when cancelled, the error otherwise.
        case pipelinesEnded(Error?)
    }

    /// Runs a runtime's pipelines in their own task and reports when they end.
    private func start(_ runtime: AgencyRuntime, emit: AsyncStream<DaemonEvent>.Continuation) -> Task<Void, Never> {
        let startedAt = self.startedAt
        return Task {
            do {
                try await runtime.run(startedAt: startedAt)
                emit.yield(.pipelinesEnded(nil))
            } catch is CancellationError {
                emit.yield(.pipelinesEnded(nil))
            } catch {
                emit.yield(.pipelinesEnded(error))
            }
        }
    }

    /// Pings the watchdog every `interval` (half of `WatchdogSec=`) while no pipeline is wedged: a piece of work
    /// that has made no progress for a whole `WatchdogSec=` (longer than any request timeout: a transfer that moves
    /// bytes is progress) stops the pings, and systemd restarts the daemon. Each round also sends `STATUS=` with the
    /// queue counts and the current trouble, which `systemctl status` shows.
    private func pingWatchdog(every interval: Duration, store: DocumentStore) async throws {
        let limit = interval * 2
        var reported: [String] = []
        while !Task.isCancelled {
            let stalls = liveness.stalls(longerThan: limit)
            var trouble: String?
            if stalls.isEmpty {
                try? notifier.watchdog()
                reported = []
            } else {
                let names = stalls.map(\.name)
                trouble = "WEDGED: \(names[0]) has made no progress since \(current.timeZone.iso8601(stalls[0].since))"
                if names != reported {
                    let wedged = names.joined(separator: ", ")
                    logger.critical(
                        "no watchdog ping: \(wedged) made no progress for more than \(limit); systemd will restart lienthong"
                    )
                    reported = names
                }
            }
            if trouble == nil { trouble = await current.trouble() }
            try? notifier.status(Self.statusLine(counts: (try? store.countsByState()) ?? [:], trouble: trouble))
            try await Task.sleep(for: interval)
        }
    }

    /// `outbound waiting 3, inbound waiting 0, needs a person 1; axis unreachable since …`.
    static func statusLine(counts: [DocumentState: Int], trouble: String?) -> String {
        func waiting(_ direction: Direction) -> Int {
            counts.filter { $0.key.direction == direction && !$0.key.isTerminal }.values.reduce(0, +)
        }
        var line = "outbound waiting \(waiting(.outbound)), inbound waiting \(waiting(.inbound))"
        if let trouble { line += "; \(trouble)" }
        return line
    }
}
