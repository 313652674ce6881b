import AxisClient
import Config
import Inbound
import Logging
import Outbound
import Signing
import StateStore

/// Everything built from one configuration: the shared axis client and signer, and both pipelines per agency.
/// A reload builds a new runtime and lets the old one finish its current step.
struct AgencyRuntime: Sendable {
    let outbound: [OutboundPipeline]
    let inbound: [InboundPipeline]

    init(config: LienthongConfig, store: DocumentStore, logger: Logger) throws {
        let secret = try config.axis.loadSecret()
        let axis = AxisClient(
            endpoint: try AxisEndpointFactory.endpoint(for: config.axis),
            credentials: .init(systemId: config.axis.systemId, secret: secret),
            logger: logger)
        let identity = try SigningIdentity.load(
            privateKeyPath: config.signing.privateKey, certificatePath: config.signing.certificate,
            chainPath: config.signing.chain, passwordFile: config.signing.passwordFileResolved())
        let signer = CMSSigner(identity: identity)
        outbound = config.agencies.map { agency in
            OutboundPipeline(
                agency: agency,
                dependencies: .init(
                    store: store, axis: axis, signer: signer, spoolDirectory: config.spoolDirectory,
                    retry: config.retry, limits: config.limits),
                logger: logger)
        }
        inbound =
            config.inbound.enabled
            ? config.agencies.map { agency in
                InboundPipeline(
                    agency: agency,
                    dependencies: .init(
                        store: store, axis: axis, spoolDirectory: config.spoolDirectory,
                        pollInterval: config.inbound.pollInterval, retry: config.retry, limits: config.limits),
                    logger: logger)
            } : []
    }

    /// Runs every pipeline until cancelled; the first one to fail with an error stops them all.
    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for pipeline in outbound { group.addTask { try await pipeline.run() } }
            for pipeline in inbound { group.addTask { try await pipeline.run() } }
            try await group.next()
            group.cancelAll()
        }
    }

    func pollNow() {
        for pipeline in inbound { pipeline.pollNow() }
        for pipeline in outbound { pipeline.nudge() }
    }
}
