import Config
import Logging
import StateStore

/// One agency served by an ``InboundPipeline``: its configuration, its inbox writer and its clerks' answers, with a
/// logger that names it (`AGENCY`).
struct InboundAgency: Sendable {
    let config: AgencyConfig
    let logger: Logger
    let inbox: InboxWriter
    let requests: AnswerRequestScanner
    let answers: AnswerSender

    init(_ config: AgencyConfig, dependencies: InboundPipeline.Dependencies, spool: InboundSpool, logger: Logger) {
        var logger = logger
        logger[metadataKey: "AGENCY"] = "\(config.code)"
        self.config = config
        self.logger = logger
        inbox = InboxWriter(
            agency: config, store: dependencies.store, spool: spool, limits: dependencies.limits, logger: logger)
        requests = AnswerRequestScanner(agency: config, store: dependencies.store, logger: logger)
        answers = AnswerSender(
            agency: config, store: dependencies.store, axis: dependencies.axis, spool: spool,
            retry: dependencies.retry, logger: logger)
    }
}
