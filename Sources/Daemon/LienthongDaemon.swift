import Config
import Foundation
import Logging
import ServiceLifecycle
import StateStore
import Systemd
import SystemSupport

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

    public init(configPath: String, config: LienthongConfig, logger: Logger) {
        self.configPath = configPath
        self.initialConfig = config
        self.logger = logger
        self.notifier = (try? SystemdNotifier()) ?? .disabled
    }

    public func run() async throws {
        try Directories.create(initialConfig.stateDirectory, mode: 0o750)
        try Directories.create(initialConfig.spoolDirectory, mode: 0o700)
        let store = try DocumentStore(path: initialConfig.stateDatabasePath)
        let runtime = try AgencyRuntime(config: initialConfig, store: store, logger: logger)
        // Create the signal stream before READY=1: systemctl reload may follow at once.
        let signals = SignalEvents.stream()
        try? notifier.ready(status: Self.statusLine(initialConfig))
        let agencies = initialConfig.agencies.map(\.code).joined(separator: ", ")
        logger.notice("lienthong started: \(agencies); axis \(initialConfig.axis.endpoint)")
        try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                if let interval = self.notifier.watchdogInterval {
                    group.addTask { try await self.pingWatchdog(every: interval) }
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
                    let newRuntime = try AgencyRuntime(config: newConfig, store: store, logger: logger)
                    generation.cancel()
                    _ = await generation.result
                    config = newConfig
                    runtime = newRuntime
                    generation = start(runtime, emit: emit)
                    logger.notice("configuration reloaded from \(configPath)")
                } catch {
                    logger.error("configuration NOT reloaded, the previous one stays in force: \(error)")
                }
                try? notifier.ready(status: Self.statusLine(config))
            }
            if Task.isCancelled { break }
        }
        generation.cancel()
        _ = await generation.result
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

    private func pingWatchdog(every interval: Duration) async throws {
        while !Task.isCancelled {
            try? notifier.watchdog()
            try await Task.sleep(for: interval)
        }
    }
}
