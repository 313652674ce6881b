import AxisClient
import AxisProtocol
import Config
import EdXML
import Foundation
import Logging
import StateStore
import SystemSupport

/// The inbound pipeline of the agencies served under one system id: from the axis's pending list to a folder in each
/// addressed agency's `inbox/` and one acknowledgement.
///
/// Every poll lists pending documents and status messages once for the system id, records each new docId for the
/// agency it is listed for (`listed`; ``InboundDispatch``), and then moves each due record through all its steps in
/// one go, several docIds at once (``concurrency``): download (`downloaded`), parse, confirm the addressee and
/// deliver (`delivered`), `updateStatus done` (`acknowledged`). The records of one docId are moved by one driver, in
/// order, so that their one acknowledgement is never sent twice at once. When
/// the envelope names several of our agencies, each gets its own record and copy, never another agency's; the axis
/// is told once per docId, only after every copy is durable in its inbox (``InboundAcknowledgement``). A docId listed
/// again after that is acknowledged again, never delivered twice; one listed only for agencies not served here is
/// refused (`fail`) and reported.
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
        /// Tells a mounted share from the empty mount point it leaves when unmounted.
        public var shares: ShareMarkers
        /// Where the poll loop and each document's driver report progress, for the systemd watchdog.
        public var liveness: Liveness

        public init(
            store: DocumentStore, axis: AxisClient, spoolDirectory: String, pollInterval: Duration,
            retry: RetryPolicy, limits: Limits, shares: ShareMarkers, liveness: Liveness = Liveness()
        ) {
            self.liveness = liveness
            self.store = store
            self.axis = axis
            self.spoolDirectory = spoolDirectory
            self.pollInterval = pollInterval
            self.retry = retry
            self.limits = limits
            self.shares = shares
        }
    }

    /// Fetches that gave unreadable content (empty, or not edXML) after which a document is quarantined: a
    /// transfer garbled once is fetched again, content the axis holds broken is not fetched forever.
    static let maximumUnreadableFetches = 3

    let agencies: [InboundAgency]
    let dispatch: InboundDispatch
    let dependencies: Dependencies
    let logger: Logger
    let spool: InboundSpool
    private let wake = WakeSignal()
    /// When the last poll of the axis succeeded, for `status`.
    public private(set) var lastSuccessfulPoll: Date?
    /// Why the last poll failed, or nil when it succeeded.
    public private(set) var lastPollError: String?
    /// The current outage of the axis, as the polls see it.
    private var outage = AxisOutage()
    /// Since when the axis cannot be reached (the first failed poll after a good one); nil while it answers.
    public var axisUnreachableSince: Date? { outage.since }
    /// The codes of the agencies served, in configuration order.
    public nonisolated let agencyCodes: [String]
    /// Agencies whose folders could not be prepared (a share unmounted, permissions), with the reason: their
    /// documents wait, the other agencies go on, and preparing is tried again every poll.
    public private(set) var unprepared: [String: String] = [:]
    /// Why the last look at the queue failed, or nil.
    public private(set) var lastWorkError: String?
    private var prepared: Set<String> = []
    /// How many docIds move through their steps at once.
    let concurrency: Int
    /// Steps one driver takes for one record at most: a record sent back to `listed` (its envelope left the spool)
    /// is fetched again, but not in an endless loop.
    static let maximumStepsPerDrive = 8

    /// `agencies` share one system id (one configuration); at least one.
    /// - Parameter concurrency: docIds moved at once; by default as many documents as the outbound pipeline moves
    ///   (downloads wait for the network while others parse, verify and deliver).
    public init(
        agencies configs: [AgencyConfig], dependencies: Dependencies, logger: Logger,
        concurrency: Int = PipelineConcurrency.standard
    ) {
        precondition(!configs.isEmpty, "an inbound pipeline serves at least one agency")
        self.concurrency = max(1, concurrency)
        var logger = logger
        logger[metadataKey: "AGENCY"] = "\(configs.map(\.code).joined(separator: ","))"
        agencyCodes = configs.map(\.code)
        dispatch = InboundDispatch(agencyCodes: agencyCodes)
        self.dependencies = dependencies
        self.logger = logger
        let spool = InboundSpool(spoolDirectory: dependencies.spoolDirectory)
        self.spool = spool
        agencies = configs.map { InboundAgency($0, dependencies: dependencies, spool: spool, logger: logger) }
    }

    /// The agency a record belongs to; nil for an agency no longer configured (whose records are never due).
    func agency(of document: DocumentRecord) -> InboundAgency? {
        agencies.first { $0.config.code == document.agency }
    }

    /// Local paths that must not reach the axis in a `fail` description (``AxisFailDescription``).
    var localRoots: [String] {
        [dependencies.spoolDirectory]
            + agencies.flatMap { [$0.config.folders.root, $0.config.folders.inbox, $0.config.folders.quarantine] }
    }

    /// Asks for a poll now (`lienthong poll`, `lienthong answer`, SIGUSR1).
    public nonisolated func pollNow() { wake.signal() }

    /// Polls and works until the task is cancelled.
    ///
    /// One agency's trouble is its own: folders that cannot be prepared hold back that agency's documents only, and a
    /// failure to read the queue is reported and tried again at the next poll; neither ends the daemon.
    public func run() async {
        let activity = dependencies.liveness.activity("inbound poll")
        defer { activity.end() }
        while !Task.isCancelled {
            activity.progressed()
            await Liveness.Activity.$current.withValue(activity) {
                await prepareAgencies()
                activity.progressed()
                await poll()
                activity.progressed()
                do {
                    try await workThroughDueDocuments()
                    lastWorkError = nil
                } catch {
                    lastWorkError = String(describing: error)
                    logger.error("cannot read the inbound queue: \(error); trying again at the next poll")
                }
                activity.progressed()
                await answerForClerks()
            }
            activity.resting()
            await wake.wait(timeout: dependencies.pollInterval)
        }
    }

    /// What holds back `code`'s received documents, for `lienthong status`: its folders, or the whole queue.
    public func problem(of code: String) -> String? {
        unprepared[code] ?? lastWorkError.map { "cannot read the inbound queue: \($0)" }
    }

    /// Checks that each agency's share is mounted (``ShareMarkers``), then creates its inbox and quarantine folders and
    /// clears staging leftovers, once per agency; an agency whose share or folders fail is tried again at the next
    /// poll, and its documents wait meanwhile.
    private func prepareAgencies() async {
        for agency in agencies {
            let code = agency.config.code
            let availability = Result { try dependencies.shares.check(agency.config.folders.root) }
            guard case .success(.available) = availability else {
                let reason =
                    switch availability {
                    case .success(.unavailable(let reason)): reason
                    case .failure(let error): "cannot prepare the inbox folders: \(error)"
                    default: "the share is not available"
                    }
                if unprepared[code] != reason { agency.logger.error("\(reason); its documents wait") }
                unprepared[code] = reason
                prepared.remove(code)
                continue
            }
            guard !prepared.contains(code) else { continue }
            do {
                try Directories.create(agency.config.folders.inbox)
                try Directories.create(agency.config.folders.quarantine)
            } catch {
                if unprepared[code] == nil {
                    agency.logger.error("cannot prepare the inbox folders: \(error); its documents wait, retrying")
                }
                unprepared[code] = "cannot prepare the inbox folders: \(error)"
                continue
            }
            await removeStagingLeftovers(of: agency)
            prepared.insert(code)
            unprepared[code] = nil
        }
    }

    /// A crash in the middle of a delivery leaves its staging folder in `inbox/`; the delivery is assembled again
    /// from the spool, so the leftover goes before any work starts.
    private func removeStagingLeftovers(of agency: InboundAgency) async {
        let inbox = agency.config.folders.inbox
        do {
            let removed = try await Offload.run { try InboxStaging.removeLeftovers(inbox: inbox) }
            for path in removed {
                agency.logger.notice("removed \(path), left in the inbox by an interrupted delivery")
            }
        } catch {
            agency.logger.warning("cannot look for staging folders left in \(inbox): \(error)")
        }
    }

    /// Lists documents, then status messages. When the axis cannot be reached the rest of the poll is skipped, and
    /// the journal hears of the outage once when it starts, at growing intervals while it lasts, and once when it
    /// ends (``AxisOutage``).
    private func poll() async {
        for type in [AxisMessageType.edoc, .status] {
            let items: [ReceivedEdocItem]
            do {
                items = try await dependencies.axis.getReceivedEdocList(messageType: type)
            } catch {
                if Task.isCancelled { return }
                lastPollError = String(describing: error)
                note(outage.failed("cannot list \(type.rawValue) messages: \(error)", at: Date()))
                return
            }
            lastSuccessfulPoll = Date()
            lastPollError = nil
            note(outage.succeeded(at: Date()))
            do {
                try await record(items, type: type)
            } catch {
                logger.error(
                    "cannot record the \(type.rawValue) messages the axis listed: \(error); trying again at the next poll"
                )
            }
        }
    }

    private func note(_ entry: AxisOutage.Entry?) {
        switch entry {
        case .started(let error):
            logger.warning("the axis cannot be reached: \(error); documents wait and polling goes on")
        case .continuing(let error, let since):
            let zone = agencies.first?.config.timeZone ?? .vietnam
            logger.warning("the axis still cannot be reached (since \(zone.iso8601(since))): \(error)")
        case .ended(let duration):
            logger.notice("the axis can be reached again, after \(duration) without it")
        case nil:
            break
        }
    }

    /// Queues what clerks asked for in status request files, then sends every answer that is due; not for an agency
    /// whose share is not there (answers wait with its documents).
    private func answerForClerks() async {
        for agency in agencies where prepared.contains(agency.config.code) {
            let requests = agency.requests
            _ = await Offload.run { requests.scan() }
            await agency.answers.sendDue()
        }
    }

    /// Records each listed docId for the agencies it is listed for (one item per recipient), or refuses it when it
    /// is listed for none of them.
    private func record(_ items: [ReceivedEdocItem], type: AxisMessageType) async throws {
        var order: [String] = []
        var byDocId: [String: [ReceivedEdocItem]] = [:]
        for item in items {
            if byDocId[item.docId] == nil { order.append(item.docId) }
            byDocId[item.docId, default: []].append(item)
        }
        var records: [(DocumentRecord, note: String)] = []
        var unaddressed: [[ReceivedEdocItem]] = []
        for docId in order {
            let listed = byDocId[docId] ?? []
            let takers = dispatch.takers(listedTo: listed.map(\.to))
            if takers.isEmpty {
                unaddressed.append(listed)
                continue
            }
            for code in takers {
                var record = DocumentRecord(
                    direction: .inbound, agency: code, messageType: type.rawValue, fileName: "",
                    counterpart: listed[0].from, axisDocId: docId)
                record.recipients = listed.map(\.to).filter { !$0.isEmpty }
                records.append((record, "listed by the axis (from \(listed[0].from))"))
            }
        }
        // One commit for the whole list (none for an empty one: a write waits out another process's lock), off the
        // actor; a docId listed again after it was done is acknowledged again, once.
        let store = dependencies.store
        let listed = records
        let recorded = listed.isEmpty ? [] : try await Offload.run { try store.insertInboundIfNew(listed) }
        var answeredAgain: Set<String> = []
        for (stored, isNew) in recorded where !isNew {
            guard answeredAgain.insert(stored.axisDocId ?? "").inserted else { continue }
            await acknowledgeAgain(stored)
        }
        // Refused after the others are recorded: a refusal the axis does not take holds nothing else back.
        for listed in unaddressed { try await refuseUnaddressed(listed, type: type) }
    }

    /// Drives every due record to its end, at most ``concurrency`` docIds at once, oldest first; then once more for
    /// records the pass itself created (a copy for another of our agencies named in an envelope), so that they do not
    /// wait for the next poll.
    private func workThroughDueDocuments() async throws {
        var tried: Set<Int64> = []
        while !Task.isCancelled {
            let fresh = try dependencies.store.dueInbound(agencies: agencyCodes).filter { !tried.contains($0.id!) }
            guard !fresh.isEmpty else { return }
            tried.formUnion(fresh.map { $0.id! })
            var units: [[DocumentRecord]] = []
            var unitOf: [String: Int] = [:]
            for document in fresh {
                let key = "\(document.messageType) \(document.axisDocId ?? "#\(document.id!)")"
                if let index = unitOf[key] {
                    units[index].append(document)
                } else {
                    unitOf[key] = units.count
                    units.append([document])
                }
            }
            // The drivers report their own progress; the poll loop only waits for them meanwhile.
            let loop = Liveness.Activity.current
            loop?.resting()
            defer { loop?.progressed() }
            await withTaskGroup(of: Void.self) { group in
                var running = 0
                for unit in units {
                    if Task.isCancelled { break }
                    if running == concurrency {
                        await group.next()
                        running -= 1
                    }
                    group.addTask { [weak self] in await self?.drive(unit) }
                    running += 1
                }
            }
        }
    }

    /// Moves the records of one docId, one after the other, each until it is acknowledged, redirected, waiting for a
    /// retry or held back with its agency's share.
    private func drive(_ records: [DocumentRecord]) async {
        let activity = dependencies.liveness.activity("inbound \(records.first?.axisDocId ?? "")")
        defer { activity.end() }
        for record in records {
            var current = record
            for _ in 0..<Self.maximumStepsPerDrive {
                activity.progressed()
                guard !Task.isCancelled else { break }
                let outcome = await Liveness.Activity.$current.withValue(
                    activity, operation: { await advance(current) })
                guard case .taken(let known) = outcome,
                    let next = known ?? (try? dependencies.store.document(current.id!)),
                    next.state != current.state
                        || next.failAcknowledgementPending != current.failAcknowledgementPending,
                    next.nextAttemptAt == nil,
                    !next.state.isTerminal || (next.state == .quarantined && next.failAcknowledgementPending)
                else { break }
                current = next
            }
        }
    }

    /// What one step of a record came to.
    private enum StepOutcome {
        /// No step: the record waits for its agency's share, or is not this pipeline's.
        case notTaken
        /// A step was taken (or tried); the record as it left it when the step returned it (saving the driver a read
        /// of the row: 4 % of the daemon's CPU when receiving small documents), else nil.
        case taken(DocumentRecord?)
    }

    /// Steps that write into an agency's share wait while it is not prepared (not mounted, folders failing);
    /// acknowledging what is already delivered or quarantined touches only the spool and the axis, so it goes on.
    private func advance(_ document: DocumentRecord) async -> StepOutcome {
        guard let agency = agency(of: document) else { return .notTaken }
        let touchesShare = document.state == .listed || document.state == .downloaded
        guard !touchesShare || prepared.contains(agency.config.code) else { return .notTaken }
        do {
            switch document.state {
            case .listed: return .taken(try await download(document))
            case .downloaded: return .taken(try await deliver(document, to: agency))
            case .delivered, .quarantined: await acknowledge(document)
            default: return .notTaken
            }
        } catch let failure as InboundFailure {
            switch failure {
            case .rejected(let reason): await quarantine(document, of: agency, reason: reason)
            case .rejectedSignatures(let reason, let text, let verdict):
                await quarantine(document, of: agency, reason: reason, signaturesText: text, verdict: verdict)
            case .unreadable(let detail): await fetchedUnreadable(document, of: agency, detail: detail)
            case .transient: record(failure.description, of: document)
            }
        } catch {
            record(String(describing: error), of: document)
        }
        return .taken(nil)
    }

    func record(_ failure: String, of document: DocumentRecord) {
        let id = document.id!
        let delay = dependencies.retry.delay(afterAttempt: document.attempts + 1, random: Double.random(in: 0..<1))
        let retryAt = Date().addingTimeInterval(delay.seconds)
        (agency(of: document)?.logger ?? logger).warning(
            "\(failure); retrying in \(delay)", metadata: ["DOC_ID": "\(id)"])
        _ = try? dependencies.store.recordFailedAttempt(id, error: failure, retryAt: retryAt)
    }
}
