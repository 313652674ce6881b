import AxisClient
import AxisProtocol
import Config
import EdXML
import Foundation
import Logging
import StateStore
import SystemSupport

/// The inbound pipeline of one agency: from the axis's pending list to a folder in `inbox/` and an acknowledgement.
///
/// Every poll lists pending documents and status messages, records each new docId (`listed`), and then moves each
/// due document one step: download (`downloaded`), parse and deliver (`delivered`), `updateStatus done`
/// (`acknowledged`). The axis is told `done` only after the files are durable in the inbox; a docId listed again
/// after that is acknowledged again, never delivered twice.
///
/// Nothing stays pending forever: content the axis serves unreadable (empty, or not edXML) is fetched again at most
/// ``maximumUnreadableFetches`` times, then quarantined; a quarantined document's `fail` is retried with backoff,
/// across restarts, until the axis accepts it (``DocumentRecord/failAcknowledgementPending``).
public actor InboundPipeline {
    public struct Dependencies: Sendable {
        public var store: DocumentStore
        public var axis: AxisClient
        public var spoolDirectory: String
        public var pollInterval: Duration
        public var retry: RetryPolicy
        public var limits: Limits

        public init(
            store: DocumentStore, axis: AxisClient, spoolDirectory: String, pollInterval: Duration,
            retry: RetryPolicy, limits: Limits
        ) {
            self.store = store
            self.axis = axis
            self.spoolDirectory = spoolDirectory
            self.pollInterval = pollInterval
            self.retry = retry
            self.limits = limits
        }
    }

    /// Fetches that gave unreadable content (empty, or not edXML) after which a document is quarantined: a
    /// transfer garbled once is fetched again, content the axis holds broken is not fetched forever.
    static let maximumUnreadableFetches = 3

    let agency: AgencyConfig
    let dependencies: Dependencies
    let logger: Logger
    let spool: InboundSpool
    let inbox: InboxWriter
    private let requests: AnswerRequestScanner
    private let answers: AnswerSender
    private let wake = WakeSignal()
    /// When the last poll of the axis succeeded, for `status`.
    public private(set) var lastSuccessfulPoll: Date?
    /// Why the last poll failed, or nil when it succeeded.
    public private(set) var lastPollError: String?
    public nonisolated let agencyCode: String

    public init(agency: AgencyConfig, dependencies: Dependencies, logger: Logger) {
        var logger = logger
        logger[metadataKey: "AGENCY"] = "\(agency.code)"
        self.agency = agency
        self.agencyCode = agency.code
        self.dependencies = dependencies
        self.logger = logger
        spool = InboundSpool(spoolDirectory: dependencies.spoolDirectory)
        inbox = InboxWriter(
            agency: agency, store: dependencies.store, spool: spool, limits: dependencies.limits, logger: logger)
        requests = AnswerRequestScanner(agency: agency, store: dependencies.store, logger: logger)
        answers = AnswerSender(
            agency: agency, store: dependencies.store, axis: dependencies.axis, spool: spool,
            retry: dependencies.retry, logger: logger)
    }

    /// The agencies whose copies of one docId are acknowledged together.
    var agencyCodes: [String] { [agency.code] }

    /// Local paths that must not reach the axis in a `fail` description (``AxisFailDescription``).
    var localRoots: [String] {
        [dependencies.spoolDirectory, agency.folders.root, agency.folders.inbox, agency.folders.quarantine]
    }

    /// Asks for a poll now (`lienthong poll`, `lienthong answer`, SIGUSR1).
    public nonisolated func pollNow() { wake.signal() }

    /// Polls and works until the task is cancelled.
    public func run() async throws {
        try Directories.create(agency.folders.inbox)
        try Directories.create(agency.folders.quarantine)
        await removeStagingLeftovers()
        while !Task.isCancelled {
            await poll()
            try await workThroughDueDocuments()
            await answerForClerks()
            await wake.wait(timeout: dependencies.pollInterval)
        }
    }

    /// A crash in the middle of a delivery leaves its staging folder in `inbox/`; the delivery is assembled again
    /// from the spool, so the leftover goes before any work starts.
    private func removeStagingLeftovers() async {
        let inbox = agency.folders.inbox
        do {
            let removed = try await Offload.run { try InboxStaging.removeLeftovers(inbox: inbox) }
            for path in removed { logger.notice("removed \(path), left in the inbox by an interrupted delivery") }
        } catch {
            logger.warning("cannot look for staging folders left in \(inbox): \(error)")
        }
    }

    private func poll() async {
        for type in [AxisMessageType.edoc, .status] {
            do {
                let items = try await dependencies.axis.getReceivedEdocList(messageType: type)
                lastSuccessfulPoll = Date()
                lastPollError = nil
                try await record(items, type: type)
            } catch {
                if Task.isCancelled { return }
                lastPollError = String(describing: error)
                logger.warning("cannot list \(type.rawValue) messages on the axis: \(error)")
            }
        }
    }

    /// Queues what clerks asked for in status request files, then sends every answer that is due.
    private func answerForClerks() async {
        let requests = self.requests
        _ = try? await Offload.run { requests.scan() }
        await answers.sendDue()
    }

    private func record(_ items: [ReceivedEdocItem], type: AxisMessageType) async throws {
        var answeredAgain = Set<String>()
        for item in items {
            var record = DocumentRecord(
                direction: .inbound, agency: agency.code, messageType: type.rawValue, fileName: "",
                counterpart: item.from, axisDocId: item.docId)
            record.recipients = item.to.isEmpty ? [] : [item.to]
            let (stored, isNew) = try dependencies.store.insertInboundIfNew(
                record, note: "listed by the axis (from \(item.from))")
            if !isNew, answeredAgain.insert(item.docId).inserted { await acknowledgeAgain(stored) }
        }
    }

    private func workThroughDueDocuments() async throws {
        for document in try dependencies.store.dueInbound(agencies: agencyCodes) {
            if Task.isCancelled { return }
            await advance(document)
        }
    }

    private func advance(_ document: DocumentRecord) async {
        do {
            switch document.state {
            case .listed: try await download(document)
            case .downloaded: try await deliver(document)
            case .delivered, .quarantined: await acknowledge(document)
            default: return
            }
        } catch let failure as InboundFailure {
            switch failure {
            case .rejected(let reason): await quarantine(document, reason: reason)
            case .rejectedSignatures(let reason, let text):
                await quarantine(document, reason: reason, signaturesText: text)
            case .unreadable(let detail): await fetchedUnreadable(document, detail: detail)
            case .transient: record(failure.description, of: document)
            }
        } catch {
            record(String(describing: error), of: document)
        }
    }

    func record(_ failure: String, of document: DocumentRecord) {
        let id = document.id!
        let delay = dependencies.retry.delay(afterAttempt: document.attempts + 1, random: Double.random(in: 0..<1))
        let retryAt = Date().addingTimeInterval(delay.seconds)
        logger.warning("\(failure); retrying in \(delay)", metadata: ["DOC_ID": "\(id)"])
        _ = try? dependencies.store.recordFailedAttempt(id, error: failure, retryAt: retryAt)
    }
}
