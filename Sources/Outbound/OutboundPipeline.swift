import AxisClient
import Config
import FolderWatch
import Foundation
import Logging
import Signing
import StateStore
import SystemSupport

/// The outbound pipeline of one agency: from a file in `outbox/` to a DocId and a receipt in `sent/`.
///
/// Two loops run side by side: the folder watcher's files are recorded and claimed (moved into the spool) as they
/// become ready, and the worker moves each due document through all its remaining steps in one go (sign, package,
/// send, file) unless it must wait, several documents at once (``concurrency``), most urgent first, then oldest.
/// Each step commits its result before the next begins, so the worker can stop anywhere and resume from the
/// database alone; a document waiting for its retry time holds no worker, so it never blocks new ones.
public actor OutboundPipeline {
    public struct Dependencies: Sendable {
        public var store: DocumentStore
        public var axis: AxisClient
        public var signer: any Signer
        public var pdfSigner: PAdESSigner
        public var spoolDirectory: String
        public var retry: RetryPolicy
        public var limits: Limits
        /// Tells a mounted share from the empty mount point it leaves when unmounted.
        public var shares: ShareMarkers
        /// What the signing key said when the daemon opened it (a refused or locked PIN, a missing key object), as
        /// the pipeline words it ("cannot sign: …"): shown by `lienthong status` from the start, before a document
        /// meets it, and not logged a second time when one does. Nil when the key is ready.
        public var signingKeyProblem: String?
        /// Where the worker and each document's driver report progress, for the systemd watchdog.
        public var liveness: Liveness

        public init(
            store: DocumentStore, axis: AxisClient, signer: any Signer, pdfSigner: PAdESSigner,
            spoolDirectory: String, retry: RetryPolicy, limits: Limits, shares: ShareMarkers,
            signingKeyProblem: String? = nil, liveness: Liveness = Liveness()
        ) {
            self.liveness = liveness
            self.store = store
            self.axis = axis
            self.signer = signer
            self.pdfSigner = pdfSigner
            self.spoolDirectory = spoolDirectory
            self.retry = retry
            self.limits = limits
            self.shares = shares
            self.signingKeyProblem = signingKeyProblem
        }
    }

    private let agency: AgencyConfig
    public nonisolated let agencyCode: String
    private let dependencies: Dependencies
    private let logger: Logger
    private let claimer: OutboxClaimer
    private let signing: SigningStep
    private let packager: EnvelopePackager
    private let sender: SendStep
    private let filer: OutboundFiler
    private let wake = WakeSignal()
    private let watcher: FolderWatcher
    /// Ready files whose recording failed (disk full, database locked), offered again with backoff: the watcher
    /// hands a file out once, so forgetting it would leave it until the next reconciliation scan.
    private var unrecorded: [String: UnrecordedFile] = [:]
    /// Paths being recorded right now: a file the watcher offers again meanwhile is not recorded twice.
    private var recording: Set<String> = []
    private let reoffer = WakeSignal()
    /// Signalled when the queue changes; `DANG-CHO-GUI.txt` is rewritten at most once a second after it.
    private let queueChanged = WakeSignal()
    /// How many documents move through their steps at once.
    private let concurrency: Int
    /// The documents being moved on right now; the worker does not hand them out twice.
    private var inFlight: Set<Int64> = []
    /// Ready files waiting for a claim loop, and the signal that more have come.
    private var readyFiles = ReadyFileQueue()
    private let filesArrived = WakeSignal()
    /// The documents of the batches being claimed right now; no driver takes them meanwhile.
    private var claiming: Set<Int64> = []
    /// Holds the sends while the axis fails for every document.
    private var axisGate = AxisGate()
    /// Packaged documents that reached the send step while the gate was closed. The worker does not hand them out
    /// again until it opens, except the oldest when a probe is due. Memory only: after a restart they are simply due.
    private var parked: Set<Int64> = []

    /// What stops this agency's outbound work right now, by kind; each kind is cleared when it works again.
    private var troubles: [Trouble: String] = [:]

    private enum Trouble: Int, Comparable {
        case share, folders, recording, queue, signingKey, axis
        static func < (left: Trouble, right: Trouble) -> Bool { left.rawValue < right.rawValue }
    }

    /// What stops this agency's outbound work right now, in words for `lienthong status`; nil when all is well.
    public var problem: String? {
        troubles.isEmpty ? nil : troubles.sorted { $0.key < $1.key }.map(\.value).joined(separator: "; ")
    }

    public init(
        agency: AgencyConfig, dependencies: Dependencies, logger: Logger,
        concurrency: Int = PipelineConcurrency.standard
    ) {
        var logger = logger
        self.concurrency = max(1, concurrency)
        logger[metadataKey: "AGENCY"] = "\(agency.code)"
        self.agency = agency
        self.agencyCode = agency.code
        self.dependencies = dependencies
        self.logger = logger
        let spool = OutboundSpool(spoolDirectory: dependencies.spoolDirectory)
        let store = dependencies.store
        claimer = OutboxClaimer(agency: agency, store: store, spool: spool, limits: dependencies.limits, logger: logger)
        signing = SigningStep(
            agency: agency, spool: spool, signer: dependencies.signer,
            pdfSigner: dependencies.pdfSigner, logger: logger)
        packager = EnvelopePackager(agency: agency, store: store, spool: spool, logger: logger)
        sender = SendStep(store: store, spool: spool, axis: dependencies.axis, logger: logger)
        filer = OutboundFiler(agency: agency, store: store, spool: spool, logger: logger)
        if let problem = dependencies.signingKeyProblem { troubles[.signingKey] = problem }
        let watchLogger = logger
        watcher = FolderWatcher(folder: Self.watchedFolder(for: agency)) { diagnostic in
            let level: Logger.Level =
                switch diagnostic.level {
                case .info: .info
                case .warning: .warning
                case .error: .error
                }
            watchLogger.log(level: level, "\(diagnostic.message)", metadata: diagnostic.path.map { ["PATH": "\($0)"] })
        }
    }

    /// How the watcher is watching right now, for `lienthong status`.
    public var watchMode: ActiveWatchMode {
        get async { await watcher.activeMode }
    }

    /// Folders in the outbox that hold files but no metadata file and have waited long enough to be reported (a
    /// misspelt recipient code, or a document folder without `document.meta.yaml`), for `lienthong status`.
    public var waitingFolders: [String] {
        get async { await watcher.waitingFolders }
    }

    /// Runs until the task is cancelled (SIGTERM). The step in progress finishes or is abandoned safely.
    ///
    /// One agency's trouble is its own: folders that cannot be prepared (a share unmounted, permissions) stop only
    /// this agency, which tries again with backoff and says why in `lienthong status`.
    public func run() async throws {
        guard await prepareFolders() else { return }
        let watcher = self.watcher
        queueChanged.signal()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await watcher.run() }
            group.addTask { [weak self] in await self?.acceptReadyFiles(from: watcher) }
            for _ in 0..<Self.claimLoops { group.addTask { [weak self] in await self?.claimReadyFiles() } }
            group.addTask { [weak self] in await self?.work() }
            group.addTask { [weak self] in await self?.reofferUnrecorded() }
            group.addTask { [weak self] in await self?.keepWaitingNotice() }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Creates the agency's folders and finishes interrupted filing, trying again with backoff until it works.
    /// - Returns: false when cancelled first.
    private func prepareFolders() async -> Bool {
        var failures = 0
        while !Task.isCancelled {
            do {
                guard try shareIsThere() else {
                    failures += 1
                    await backOff(after: failures)
                    continue
                }
                try Directories.create(agency.folders.outbox)
                try Directories.create(agency.folders.failed)
                try Directories.create(agency.folders.sent)
                try recoverInterruptedFiling()
                troubles[.folders] = nil
                return true
            } catch {
                failures += 1
                let delay = UnrecordedFile.backoff(attempt: failures)
                let problem = "cannot prepare the agency's folders: \(describe(error)); trying again in \(delay)"
                troubles[.folders] = problem
                logger.error("\(problem); the other agencies go on")
                await backOff(after: failures)
            }
        }
        return false
    }

    /// Asks the worker to look at the queue now (a new file, `lienthong retry`).
    public nonisolated func nudge() { wake.signal() }

    /// Queues the watcher's files for the claim loops, as they come.
    private func acceptReadyFiles(from watcher: FolderWatcher) async {
        for await file in watcher.readyFiles() {
            readyFiles.append(file)
            filesArrived.signal()
        }
    }

    /// Records and claims the queued files in batches, as many as have come (at most ``claimBatchLimit``): the
    /// batch shares one commit of its records, one `fsync` of each folder its files leave and enter, and one commit
    /// of its claims, so a burst or a full outbox at start is claimed at the pace of the disk rather than of one
    /// file after the other. Several loops take turns, so a large file being hashed holds up only its own batch.
    private func claimReadyFiles() async {
        let activity = dependencies.liveness.activity("outbound \(agency.code) claim")
        defer { activity.end() }
        while !Task.isCancelled {
            guard !readyFiles.isEmpty else {
                activity.resting()
                await filesArrived.wait(timeout: nil)
                continue
            }
            activity.progressed()
            let batch = readyFiles.take(upTo: Self.claimBatchLimit)
            if !readyFiles.isEmpty { filesArrived.signal() }
            await accept(batch)
        }
    }

    /// The most files one claim batch takes; a bigger backlog is claimed in several.
    static let claimBatchLimit = 128

    /// How many batches are claimed at once. Four rather than two: while one batch waits for its `fsync`s and its
    /// commit, the others use the cores (30,000 files at start, alternating, three runs each: 16.7 to 20.8 s against
    /// 22.5 to 26.8 s, 4 MiB more; BENCHMARKS.md, session 13).
    static let claimLoops = 4

    /// How many documents the drivers move at once: ``concurrency``, or one while more files wait to be claimed than
    /// one full batch per claim loop. A full outbox at start is then taken off the clerks' share first (into the
    /// spool, where nobody can change or delete it, `DANG-CHO-GUI.txt` listing it) rather than sharing the two cores
    /// with the sending from its first second; the sending goes on meanwhile, one document at a time, and a burst
    /// that the claims keep up with never slows it.
    private var driverLimit: Int { Self.driverLimit(waitingToBeClaimed: readyFiles.count, concurrency: concurrency) }

    static func driverLimit(waitingToBeClaimed: Int, concurrency: Int) -> Int {
        waitingToBeClaimed > claimBatchLimit * claimLoops ? 1 : concurrency
    }

    /// Records a batch of ready files, files the refused ones in `failed/` and claims the rest (moves them into the
    /// spool) without waiting for a driver: a file leaves the clerks' share as soon as it is ready, however long the
    /// queue (`DANG-CHO-GUI.txt` lists it meanwhile). The documents are held in ``claiming`` meanwhile, so no driver
    /// takes them too; a failure is handled as a driver's would be. Files that cannot be recorded are offered again
    /// with backoff.
    private func accept(_ batch: [ReadyFile], attempt: Int = 1) async {
        let files = batch.filter { recording.insert($0.path).inserted }
        guard !files.isEmpty else { return }
        defer {
            for file in files { recording.remove(file.path) }
            wake.signal()
            queueChanged.signal()
        }
        let claimer = self.claimer
        let outcomes = await Offload.run { claimer.record(files) }
        var toClaim: [DocumentRecord] = []
        for (file, outcome) in zip(files, outcomes) {
            do {
                switch try outcome.get() {
                case .recorded(let document) where document.state == .failed:
                    _ = try await Offload.run { [filer] in try filer.fileFailed(document) }
                case .recorded(let document) where document.state == .detected:
                    if inFlight.contains(document.id!) || !claiming.insert(document.id!).inserted { continue }
                    toClaim.append(document)
                case .recorded:
                    break
                case .skipped(let reason):
                    logger.info("\(reason)", metadata: ["PATH": "\(file.path)"])
                }
            } catch {
                let entry = UnrecordedFile(file: file, attempts: attempt, now: Date())
                unrecorded[file.path] = entry
                troubles[.recording] = "cannot record new documents: \(describe(error))"
                logger.error(
                    "cannot record \(file.path): \(describe(error)); offered again in \(entry.delay)",
                    metadata: ["PATH": "\(file.path)"])
                reoffer.signal()
            }
        }
        if unrecorded.isEmpty { troubles[.recording] = nil }
        guard !toClaim.isEmpty else { return }
        defer { claiming.subtract(toClaim.map { $0.id! }) }
        let results = await Offload.run { [toClaim] in claimer.finishClaims(toClaim) }
        for (document, result) in zip(toClaim, results) {
            if case .failure(let error) = result { await handle(error, of: document) }
        }
    }

    /// Offers files whose recording failed again when their time comes, oldest first.
    private func reofferUnrecorded() async {
        while !Task.isCancelled {
            let now = Date()
            let due = unrecorded.values.filter { $0.due <= now }.sorted { $0.due < $1.due }
            for entry in due {
                unrecorded[entry.file.path] = nil
                await accept([entry.file], attempt: entry.attempts + 1)
            }
            let next = unrecorded.values.map(\.due).min()
            await reoffer.wait(timeout: next.map { .milliseconds(Int(max(0, $0.timeIntervalSinceNow) * 1000) + 10) })
        }
    }

    /// Hands due documents to at most ``concurrency`` drivers, oldest first, and waits for a free slot, a new
    /// document or the next retry time. A failure to read the queue (disk, database locked) is retried with
    /// backoff, and never ends the daemon.
    private func work() async {
        var failures = 0
        let activity = dependencies.liveness.activity("outbound \(agency.code) worker")
        defer { activity.end() }
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                activity.progressed()
                do {
                    guard try shareIsThere() else {
                        failures += 1
                        activity.resting()
                        await backOff(after: failures)
                        continue
                    }
                    let free = driverLimit - inFlight.count
                    var due: [DocumentRecord] = []
                    if free > 0 {
                        offerProbe()
                        due = try dependencies.store.due(
                            direction: .outbound, agency: agency.code,
                            excluding: parked.isEmpty
                                ? inFlight.union(claiming) : inFlight.union(claiming).union(parked),
                            limit: free)
                    }
                    failures = 0
                    troubles[.queue] = nil
                    for document in due {
                        inFlight.insert(document.id!)
                        group.addTask { [weak self] in await self?.drive(document) }
                    }
                    // Every slot taken, or more were due than there were slots: a finishing driver wakes us.
                    if free <= 0 || due.count == free {
                        activity.resting()
                        await sleep(until: nil)
                        continue
                    }
                    var next = try dependencies.store.nextRetryTime(direction: .outbound, agency: agency.code)
                    if !parked.isEmpty, !axisGate.probing, let probe = axisGate.nextProbe {
                        next = min(next ?? probe, probe)
                    }
                    activity.resting()
                    await sleep(until: next)
                } catch {
                    failures += 1
                    troubles[.queue] = "cannot read the queue: \(describe(error))"
                    let delay = UnrecordedFile.backoff(attempt: failures)
                    logger.error("cannot read the outbound queue: \(describe(error)); trying again in \(delay)")
                    activity.resting()
                    await backOff(after: failures)
                }
            }
        }
    }

    /// Moves one document through its steps until it is filed, failed or must wait for a retry, then frees its
    /// slot. Between steps it stops when the pipeline is cancelled; the database says where to resume.
    private func drive(_ document: DocumentRecord) async {
        let activity = dependencies.liveness.activity("outbound \(agency.code) document #\(document.id!)")
        defer {
            activity.end()
            inFlight.remove(document.id!)
            wake.signal()
            queueChanged.signal()
        }
        var current = document
        // When this driver saw `sent` committed: the record's `updatedAt` then, which filing needs not read back.
        var sentAt: Date?
        while !Task.isCancelled {
            activity.progressed()
            guard
                let next = await Liveness.Activity.$current.withValue(
                    activity, operation: { await advance(current, sentAt: sentAt) })
            else { return }
            guard !next.state.isTerminal, next.nextAttemptAt == nil, next.state != current.state else { return }
            if next.state == .sent { sentAt = next.updatedAt }
            current = next
        }
    }

    /// Keeps `outbox/DANG-CHO-GUI.txt` (``WaitingNotice``) in step with the queue: after a change, once the burst
    /// has settled for a second, at start (a notice left by a crash), and every 30 s. Never while the share is not there, whose empty
    /// mount point is the server's own disk.
    private func keepWaitingNotice() async {
        // What the file says now; nil until the first look (a notice a crash left must be brought up to date).
        var published: String??
        while !Task.isCancelled {
            await queueChanged.wait(timeout: .seconds(30))
            try? await Task.sleep(for: .seconds(1))
            guard (try? shareIsThere()) == true, troubles[.folders] == nil else { continue }
            let reason: WaitingNotice.CommonReason? =
                troubles[.signingKey] != nil
                ? .signingKeyNotReady
                : (troubles[.queue] ?? troubles[.recording]) != nil
                    ? .serverTrouble : troubles[.axis] != nil ? .axisNotAccepting : nil
            let store = dependencies.store
            let code = agency.code
            let outbox = agency.folders.outbox
            let zone = agency.timeZone
            do {
                let notice = try await Offload.run { () throws -> WaitingNotice in
                    WaitingNotice(
                        documents: try store.waiting(
                            limit: WaitingNotice.listLimit, agency: code, direction: .outbound),
                        total: try store.waitingCount(agency: code, direction: .outbound), reason: reason,
                        timeZone: zone)
                }
                if let published, published == notice.text { continue }
                try await Offload.run { try notice.publish(in: outbox) }
                published = .some(notice.text)
            } catch {
                logger.warning("cannot update \(outbox)/\(WaitingNotice.fileName): \(describe(error))")
            }
        }
    }

    /// Whether the agency's share is mounted (``ShareMarkers``); while it is not, nothing is moved into or out of
    /// it, and `status` says why.
    private func shareIsThere() throws -> Bool {
        switch try dependencies.shares.check(agency.folders.root) {
        case .available:
            if troubles[.share] != nil { logger.notice("the share \(agency.folders.root) is back") }
            troubles[.share] = nil
            return true
        case .unavailable(let reason):
            if troubles[.share] == nil { logger.error("\(reason)") }
            troubles[.share] = reason
            return false
        }
    }

    /// A failure to record or read, in words an admin can act on.
    private func describe(_ error: any Error) -> String {
        if let trouble = StoreWriteTrouble(error) { return trouble.description(database: dependencies.store.path) }
        if let error = error as? SystemError, error.isNoSpace { return "disk full: \(error)" }
        return String(describing: error)
    }

    /// Waits out the backoff after `failures` failures in a row (1 s doubling to 30 s), or until a nudge.
    private func backOff(after failures: Int) async {
        await sleep(until: Date().addingTimeInterval(UnrecordedFile.backoff(attempt: failures).seconds))
    }

    /// Waits for a nudge, or until `date` (a retry time), whichever comes first.
    private func sleep(until date: Date?) async {
        await wake.wait(timeout: date.map { .milliseconds(Int(max(0, $0.timeIntervalSinceNow) * 1000) + 10) })
    }

    /// Moves one document one step and returns it as it is now; records what went wrong and returns nil if the
    /// step did not complete. `sentAt` is when `sent` was committed, if the caller saw it.
    private func advance(_ document: DocumentRecord, sentAt: Date?) async -> DocumentRecord? {
        do {
            switch document.state {
            case .detected:
                return try await Offload.run { [claimer] in try claimer.finishClaim(document) }
            case .claimed:
                // Signed and packaged in one trip off the cooperative threads, their folders synced once.
                let (signed, packaged) = await Offload.run {
                    [signing, packager] () -> (Bool, Result<DocumentRecord, any Error>) in
                    var syncs = DirectorySyncs()
                    let how: String
                    do { how = try signing.sign(document, syncs: &syncs) } catch { return (false, .failure(error)) }
                    return (true, Result { try packager.package(document, signing: how, syncs: &syncs) })
                }
                if signed { troubles[.signingKey] = nil }
                return try packaged.get()
            case .signed:
                return try await Offload.run { [packager] in try packager.package(document) }
            case .packaged:
                return try await sendThroughGate(document)
            case .sent:
                return try await Offload.run { [filer] in try filer.fileSent(document, sentAt: sentAt) }
            default:
                return nil
            }
        } catch {
            await handle(error, of: document)
        }
        return nil
    }

    /// Sends a packaged document unless the axis gate holds it; a held document is parked and nil returned. How the
    /// send ended tells the gate whether the axis works.
    private func sendThroughGate(_ document: DocumentRecord) async throws -> DocumentRecord? {
        let now = Date()
        let admission = axisGate.admit(at: now)
        guard admission != .wait else {
            parked.insert(document.id!)
            return nil
        }
        parked.remove(document.id!)
        var outcome = AxisGate.Outcome.inconclusive
        defer { axisGateEnded(admission, with: outcome) }
        do {
            let destination = await Offload.run { [filer] in filer.proposedDestination(for: document, sentAt: now) }
            let sent = try await sender.send(document, destination: destination, now: now)
            outcome = .answered
            return sent
        } catch let failure as OutboundFailure {
            if let problem = failure.axisProblem {
                outcome = .failed(problem: problem)
            } else if failure.disposition == .permanent {
                outcome = .answered
            }
            throw failure
        }
    }

    /// Tells the gate how a send ended, and acts on what changed: the journal, `status`, and when the axis is back,
    /// the documents that waited for it.
    private func axisGateEnded(_ admission: AxisGate.Admission, with outcome: AxisGate.Outcome) {
        let wasClosed = axisGate.isClosed
        let policy = dependencies.retry
        let entry = axisGate.ended(admission, with: outcome, at: Date()) {
            policy.delay(afterAttempt: $0, random: Double.random(in: 0..<1))
        }
        switch entry {
        case .started(let problem):
            let message =
                "the axis does not accept documents: \(problem); they wait, and one is sent now and then to see "
                + "whether it is back"
            logger.warning("\(message)")
        case .continuing(let problem, let since):
            let message =
                "the axis still does not accept documents (since \(agency.timeZone.iso8601(since))): \(problem); "
                + "\(parked.count) documents held for it"
            logger.warning("\(message)")
        case .ended(let duration):
            logger.notice("the axis accepts documents again after \(duration); the documents that waited leave now")
        case nil:
            break
        }
        if let problem = axisGate.problem, let since = axisGate.outage.since {
            troubles[.axis] =
                "the axis does not accept documents (since \(agency.timeZone.iso8601(since))): \(problem)"
        } else {
            troubles[.axis] = nil
        }
        guard wasClosed, !axisGate.isClosed else { return }
        parked.removeAll()
        do {
            try dependencies.store.retrySendsNow(agency: agency.code)
        } catch {
            // They leave at their own retry time instead.
            logger.error("cannot bring forward the sends that waited for the axis: \(describe(error))")
        }
        wake.signal()
        queueChanged.signal()
    }

    /// While the gate is closed and a probe is due, hands the oldest parked document back to the worker, to be the
    /// probe (a document whose own retry comes first may probe instead; the other then parks again).
    private func offerProbe() {
        guard axisGate.probeIsDue(at: Date()), let oldest = parked.min() else { return }
        parked.remove(oldest)
    }

    /// Records what stopped a step: an ``OutboundFailure`` as it says (a signing key's trouble shown in `status`),
    /// anything else (disk full, permissions, I/O errors on the share or the state directory) as transient.
    private func handle(_ error: any Error, of document: DocumentRecord) async {
        guard let failure = error as? OutboundFailure else {
            await handle(.transient(String(describing: error)), of: document)
            return
        }
        if let problem = failure.keyProblem {
            if troubles[.signingKey] != problem { logger.error("\(problem)") }
            troubles[.signingKey] = problem
        }
        await handle(failure, of: document)
    }

    private func handle(_ failure: OutboundFailure, of document: DocumentRecord) async {
        let id = document.id!
        let metadata: Logger.Metadata = ["DOC_ID": "\(id)", "STATE": "\(document.state.rawValue)"]
        do {
            switch failure.disposition {
            case .transient, .ambiguous:
                let attempt = document.attempts + 1
                let policy = dependencies.retry
                if !policy.allowsAnotherAttempt(after: attempt) {
                    await fail(document, failure: failure, reason: "gave up after \(attempt) attempts: \(failure)")
                    return
                }
                var delay = policy.delay(afterAttempt: attempt, random: Double.random(in: 0..<1))
                if failure.disposition == .ambiguous {
                    // The axis may still be committing the send we gave up on: look it up only after it has had at
                    // least a whole request timeout to finish, or the look-up misses it and we send twice.
                    delay = max(delay, dependencies.axis.endpoint.requestTimeout)
                }
                let retryAt = Date().addingTimeInterval(delay.seconds)
                try dependencies.store.recordFailedAttempt(id, error: failure.description, retryAt: retryAt)
                // The axis's own trouble is told once for all documents (``AxisGate``).
                logger.log(
                    level: failure.axisProblem == nil ? .warning : .info,
                    "\(failure.description); retrying in \(delay)", metadata: metadata)
            case .permanent:
                await fail(document, failure: failure, reason: failure.description)
            }
        } catch {
            logger.error("cannot record the failure of document \(id): \(error)", metadata: metadata)
        }
    }

    private func fail(_ document: DocumentRecord, failure: OutboundFailure, reason: String) async {
        let id = document.id!
        do {
            let failed = try dependencies.store.markFailed(
                document, reason: reason, clerk: failure.clerkMessage ?? .internalError(reason))
            _ = try await Offload.run { [filer] in try filer.fileFailed(failed) }
        } catch {
            logger.error("cannot move document \(id) to failed/: \(error)", metadata: ["DOC_ID": "\(id)"])
        }
    }

    /// Finishes moves into `failed/` that a crash interrupted.
    private func recoverInterruptedFiling() throws {
        for document in try dependencies.store.pendingFailedFiling(agency: agency.code) {
            _ = try filer.fileFailed(document)
        }
    }

    static func watchedFolder(for agency: AgencyConfig) -> WatchedFolder {
        WatchedFolder(
            root: agency.folders.outbox,
            mode: WatchMode(rawValue: agency.watch.mode) ?? .auto,
            settleTime: agency.watch.settleTime,
            pollInterval: agency.watch.pollInterval,
            reconciliationInterval: agency.watch.reconciliationInterval,
            includePatterns: agency.watch.include,
            excludePatterns: agency.watch.exclude,
            maxDepth: 4,
            documentFolders: DocumentFolderRule(
                routeNames: Set(agency.routes.keys), secretFolderNames: Set(agency.secretFolders),
                looksLikeCode: AgencyCodeShape.isPlausible))
    }
}
