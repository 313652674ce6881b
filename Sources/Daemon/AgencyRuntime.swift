import AxisClient
import Config
import Foundation
import Inbound
import Logging
import Outbound
import Signing
import StateStore
import SystemSupport

/// Everything built from one configuration: the shared axis client and signer, an outbound pipeline per agency, and
/// one inbound pipeline for all of them: they share the configuration's system id, and the axis lists their items
/// together, so it is polled once and each item dispatched to its agency.
/// A reload builds a new runtime and lets the old one finish its current step.
struct AgencyRuntime: Sendable {
    let outbound: [OutboundPipeline]
    let inbound: InboundPipeline?
    /// The configuration's `time_zone`, for the times in `STATUS=`.
    let timeZone: CivilTimeZone
    private let stateDirectory: String
    private let axisEndpoint: String
    private let logger: Logger
    /// The signing key when it is on a token, whose presence `status.json` reports.
    private let token: PKCS11Key?

    /// - Parameter liveness: where the pipelines report their progress, for the systemd watchdog.
    /// - Parameter axisErrors: told of every failed axis call (the status page's metrics); nil for none.
    init(
        config: LienthongConfig, store: DocumentStore, logger: Logger, liveness: Liveness = Liveness(),
        axisErrors: (@Sendable (AxisError) -> Void)? = nil
    ) throws {
        stateDirectory = config.stateDirectory
        timeZone = config.timeZone
        axisEndpoint = config.axis.endpoint
        self.logger = logger
        let secret = try config.axis.loadSecret()
        let axis = AxisClient(
            endpoint: try AxisEndpointFactory.endpoint(for: config.axis),
            credentials: .init(systemId: config.axis.systemId, secret: secret),
            logger: logger, errorObserver: axisErrors)
        let signers = try SignerFactory.signers(for: config)
        token = signers.key as? PKCS11Key
        let keyProblem = Self.openToken(signers.key, logger: logger)
        let shares = ShareMarkers(stateDirectory: config.stateDirectory)
        outbound = config.agencies.map { agency in
            OutboundPipeline(
                agency: agency,
                dependencies: .init(
                    store: store, axis: axis, signer: signers.detached, pdfSigner: signers.pdf,
                    spoolDirectory: config.spoolDirectory,
                    retry: config.retry, limits: config.limits, shares: shares, signingKeyProblem: keyProblem,
                    liveness: liveness),
                logger: logger)
        }
        inbound =
            config.inbound.enabled && !config.agencies.isEmpty
            ? InboundPipeline(
                agencies: config.agencies,
                dependencies: .init(
                    store: store, axis: axis, spoolDirectory: config.spoolDirectory,
                    pollInterval: config.inbound.pollInterval, retry: config.retry, limits: config.limits,
                    shares: shares, liveness: liveness),
                logger: logger) : nil
    }

    /// Opens a token key's session at start-up so that a wrong PIN or a missing token is reported now. Not fatal: a
    /// daemon that exits would be restarted by systemd and try a wrong PIN again until the token locks; instead the
    /// key stops (wrong PIN) or retries (token absent) and documents wait, as `lienthong status` says.
    ///
    /// - Returns: the problem for `lienthong status` from the start, worded as the pipeline words it, when an admin
    ///   must act (a refused or locked PIN, a missing key object); nil when the token is ready, or only absent: it
    ///   may be plugged in before any document needs it, and `status` would go on calling it missing.
    private static func openToken(_ key: any SigningKey, logger: Logger) -> String? {
        guard let token = key as? PKCS11Key else { return nil }
        do {
            let description = try SignerFactory.describe(token)
            logger.notice("\(description)")
            return nil
        } catch {
            logger.error("the signing token is not ready, documents wait: \(error)")
            if case .token(let tokenError) = error as? SigningError, tokenError.isTokenAbsent { return nil }
            return "cannot sign: \(error)"
        }
    }

    /// Runs every pipeline until cancelled; the first one to fail with an error stops them all.
    /// Meanwhile `status.json` is refreshed for `lienthong status` and `lienthong poll`.
    func run(startedAt: Date) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for pipeline in outbound { group.addTask { try await pipeline.run() } }
            if let inbound { group.addTask { await inbound.run() } }
            group.addTask { try await writeStatus(startedAt: startedAt) }
            try await group.next()
            group.cancelAll()
        }
    }

    private func writeStatus(startedAt: Date) async throws {
        let path = RuntimeStatus.path(stateDirectory: stateDirectory)
        var reportedFailure = false
        while !Task.isCancelled {
            let snapshot = await status(pid: getpid(), startedAt: startedAt, axisEndpoint: axisEndpoint)
            do {
                let bytes = try snapshot.encoded()
                try await Offload.run { try DurableFile.write(bytes, to: path, mode: 0o644, replaceExisting: true) }
                reportedFailure = false
            } catch {
                // `status` loses its live part; the pipelines are unaffected. Say it once, not every few seconds.
                if !reportedFailure { logger.warning("cannot write \(path): \(error)") }
                reportedFailure = true
            }
            try await Task.sleep(for: RuntimeStatus.refreshInterval)
        }
    }

    /// A snapshot for `status.json`.
    func status(pid: Int32, startedAt: Date, axisEndpoint: String) async -> RuntimeStatus {
        var agencies: [RuntimeStatus.Agency] = []
        for pipeline in outbound {
            let poller = inbound?.agencyCodes.contains(pipeline.agencyCode) == true ? inbound : nil
            agencies.append(
                RuntimeStatus.Agency(
                    code: pipeline.agencyCode, outboxWatch: String(describing: await pipeline.watchMode),
                    lastSuccessfulPoll: await poller?.lastSuccessfulPoll, lastPollError: await poller?.lastPollError,
                    waitingFolders: await pipeline.waitingFolders, outboundProblem: await pipeline.problem,
                    inboundProblem: await poller?.problem(of: pipeline.agencyCode),
                    axisUnreachableSince: await poller?.axisUnreachableSince))
        }
        var status = RuntimeStatus(
            pid: pid, startedAt: startedAt, updatedAt: Date(), axisEndpoint: axisEndpoint, agencies: agencies)
        status.tokenPresent = token?.isTokenPresent
        return status
    }

    func pollNow() {
        inbound?.pollNow()
        for pipeline in outbound { pipeline.nudge() }
    }
}
