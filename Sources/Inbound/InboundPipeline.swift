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

    private let agency: AgencyConfig
    private let dependencies: Dependencies
    private let logger: Logger
    private let spool: InboundSpool
    private let inbox: InboxWriter
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

    /// Asks for a poll now (`lienthong poll`, `lienthong answer`, SIGUSR1).
    public nonisolated func pollNow() { wake.signal() }

    /// Polls and works until the task is cancelled.
    public func run() async throws {
        try Directories.create(agency.folders.inbox)
        try Directories.create(agency.folders.quarantine)
        while !Task.isCancelled {
            await poll()
            try await workThroughDueDocuments()
            await answerForClerks()
            await wake.wait(timeout: dependencies.pollInterval)
        }
    }

    private func poll() async {
        for type in [AxisMessageType.edoc, .status] {
            do {
                let items = try await dependencies.axis.getReceivedEdocList(messageType: type)
                lastSuccessfulPoll = Date()
                lastPollError = nil
                for item in items { try await record(item, type: type) }
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

    private func record(_ item: ReceivedEdocItem, type: AxisMessageType) async throws {
        var record = DocumentRecord(
            direction: .inbound, agency: agency.code, messageType: type.rawValue, fileName: "",
            counterpart: item.from, axisDocId: item.docId)
        record.recipients = item.to.isEmpty ? [] : [item.to]
        let (stored, isNew) = try dependencies.store.insertInboundIfNew(
            record, note: "listed by the axis (from \(item.from))")
        guard !isNew else { return }
        // Listed again after we answered: our acknowledgement was lost. Answer again; do not deliver again.
        switch stored.state {
        case .acknowledged:
            try? await dependencies.axis.updateStatus(docId: item.docId, status: .done, description: nil)
        case .quarantined:
            try? await dependencies.axis.updateStatus(
                docId: item.docId, status: .fail, description: stored.lastError.map(Self.axisDescription))
        default:
            break
        }
    }

    private func workThroughDueDocuments() async throws {
        for document in try dependencies.store.due(direction: .inbound, agency: agency.code) {
            if Task.isCancelled { return }
            await advance(document)
        }
    }

    private func advance(_ document: DocumentRecord) async {
        do {
            switch document.state {
            case .listed: try await download(document)
            case .downloaded: try await deliver(document)
            case .delivered: try await acknowledge(document)
            default: return
            }
        } catch let failure as InboundFailure {
            switch failure {
            case .rejected(let reason): await quarantine(document, reason: reason)
            case .rejectedSignatures(let reason, let text):
                await quarantine(document, reason: reason, signaturesText: text)
            case .transient: record(failure.description, of: document)
            }
        } catch {
            record(String(describing: error), of: document)
        }
    }

    private func download(_ document: DocumentRecord) async throws {
        let id = document.id!
        let docId = document.axisDocId ?? ""
        try Directories.create(spool.directory(of: id), mode: 0o700)
        let partial = spool.partialEnvelope(of: id)
        do {
            try await dependencies.axis.downloadEdoc(docId: docId, to: partial)
        } catch {
            throw InboundFailure.transient("downloading \(docId): \(error)")
        }
        let size = try FileStatus.lstat(partial).size
        if size > dependencies.limits.maxInboundEnvelopeSize {
            throw InboundFailure.rejected("the envelope is \(size) bytes, over limits.max_inbound_envelope_size")
        }
        let envelope = spool.envelope(of: id)
        // A crash after this rename but before the transition leaves an older copy: this download replaces it.
        if (try? FileStatus.lstat(envelope)) != nil { try Directories.removeTree(envelope) }
        try FileMover.moveReplacingNothing(from: partial, to: envelope)
        try dependencies.store.transition(id, to: .downloaded, note: "downloaded \(size) bytes") { $0.fileSize = size }
    }

    private func deliver(_ document: DocumentRecord) async throws {
        let id = document.id!
        let attachments = spool.attachments(of: id)
        let envelope = spool.envelope(of: id)
        let limits = dependencies.limits
        let message: EdXMLMessage
        do {
            message = try await Offload.run {
                if (try? FileStatus.lstat(attachments)) != nil { try Directories.removeTree(attachments) }
                try Directories.create(attachments, mode: 0o700)
                return try EdXMLReader(limits: Self.edxmlLimits(limits)).read(
                    from: envelope, attachmentDirectory: attachments)
            }
        } catch let error as EdXMLError {
            throw InboundFailure.rejected("the envelope is not acceptable edXML: \(error)")
        }
        if message.kind == .status {
            try noteStatus(message, document: document)
            return
        }
        let inbox = self.inbox
        _ = try await Offload.run { try inbox.deliver(document, message: message) }
    }

    /// A status message answers one of our documents: record it in that document's history.
    private func noteStatus(_ message: EdXMLMessage, document: DocumentRecord) throws {
        let id = document.id!
        guard let status = message.status else { throw InboundFailure.rejected("status message without a header") }
        let code = status.statusCode.trimmingCharacters(in: .whitespaces)
        let line = "status \(code) from \(message.senderId): \(status.description ?? "")"
        if let answered = status.responseFor.documentId,
            let original = try dependencies.store.outbound(edxmlDocumentId: answered)
        {
            try dependencies.store.annotate(original.id!, note: line)
            if let sentCopy = original.destinationPath, original.state == .filed {
                ReceiptStatusLog.append(line, statusTime: status.timestamp, toReceiptOf: sentCopy, logger: logger)
            }
        } else {
            logger.info("\(line) (for a document lienthong did not send)", metadata: ["DOC_ID": "\(id)"])
        }
        try dependencies.store.transition(id, to: .delivered, note: line) {
            $0.subject = "status \(code)"
            $0.edxmlDocumentId = status.responseFor.documentId
        }
    }

    private func acknowledge(_ document: DocumentRecord) async throws {
        let id = document.id!
        if document.messageType == AxisMessageType.edoc.rawValue, !document.arrivalStatusSent,
            document.counterpart?.isEmpty == false
        {
            try await sendArrivalStatus(for: document)
        }
        do {
            try await dependencies.axis.updateStatus(docId: document.axisDocId ?? "", status: .done, description: nil)
        } catch {
            throw InboundFailure.transient("updateStatus done: \(error)")
        }
        try dependencies.store.transition(id, to: .acknowledged, note: "the axis was told done")
        try? Directories.removeTree(spool.directory(of: id))
    }

    /// Tells the sender the document arrived (status 01), once: a failure is retried with the acknowledgement.
    private func sendArrivalStatus(for document: DocumentRecord) async throws {
        let id = document.id!
        let path = spool.directory(of: id) + "/status-01.edxml"
        let header = ArrivalStatus(agency: agency, document: document, now: Date()).header
        do {
            try await Offload.run {
                try Directories.create((path as NSString).deletingLastPathComponent, mode: 0o700)
                if (try? FileStatus.lstat(path)) == nil { try EdXMLWriter().writeStatus(header: header, to: path) }
            }
        } catch {
            throw InboundFailure.transient("cannot write status 01: \(error)")
        }
        let statusDocId: String
        do {
            statusDocId = try await dependencies.axis.sendEdoc(
                from: agency.code, messageType: .status, envelopePath: path)
        } catch {
            throw InboundFailure.transient("sending status 01 to \(document.counterpart ?? "?"): \(error)")
        }
        try dependencies.store.annotate(id, note: "status 01 (arrived) sent to \(document.counterpart ?? "?"): \(statusDocId)") {
            $0.arrivalStatusSent = true
        }
    }

    /// Keeps the envelope in `quarantine/<axis doc id>/` with `reason.txt` (and `signatures.txt` when the
    /// signatures were the reason), records the state, and tells the axis `fail`.
    private func quarantine(_ document: DocumentRecord, reason: String, signaturesText: String? = nil) async {
        let id = document.id!
        logger.error("quarantined: \(reason)", metadata: ["DOC_ID": "\(id)"])
        do throws(any Error) {
            let folder = agency.folders.quarantine + "/" + SafeFileName.sanitize(document.axisDocId ?? "\(id)")
            try Directories.create(folder)
            let envelope = spool.envelope(of: id)
            let kept = folder + "/envelope.edxml"
            if (try? FileStatus.lstat(envelope)) != nil, (try? FileStatus.lstat(kept)) == nil {
                try FileMover.moveReplacingNothing(from: envelope, to: kept)
            }
            let text = """
                Văn bản đến bị cách ly vì không đạt kiểm tra. Không mở tệp này nếu không chắc chắn.
                A received document was quarantined because it failed checks. Do not open it unless you are sure.

                \(reason)

                """
            try DurableFile.write(Array(text.utf8), to: folder + "/reason.txt", replaceExisting: true)
            if let signaturesText {
                try DurableFile.write(
                    Array(signaturesText.utf8), to: folder + "/signatures.txt", replaceExisting: true)
            }
            try dependencies.store.transition(id, to: .quarantined, note: reason) {
                $0.lastError = reason
                $0.destinationPath = folder
            }
            try? Directories.removeTree(spool.directory(of: id))
            try await dependencies.axis.updateStatus(
                docId: document.axisDocId ?? "", status: .fail, description: Self.axisDescription(reason))
        } catch let error {
            logger.error("cannot quarantine document \(id): \(error)", metadata: ["DOC_ID": "\(id)"])
        }
    }

    private func record(_ failure: String, of document: DocumentRecord) {
        let id = document.id!
        let delay = dependencies.retry.delay(afterAttempt: document.attempts + 1, random: Double.random(in: 0..<1))
        let retryAt = Date().addingTimeInterval(delay.seconds)
        logger.warning("\(failure); retrying in \(delay)", metadata: ["DOC_ID": "\(id)"])
        _ = try? dependencies.store.recordFailedAttempt(id, error: failure, retryAt: retryAt)
    }

    /// The reason as the axis accepts it in a header: printable ASCII on one line, at most 200 characters.
    /// A bilingual reason (Vietnamese line, then English line) gives its English line; other text loses its
    /// diacritics (`Hà Nội` → `Ha Noi`, `đ` → `d`).
    static func axisDescription(_ reason: String) -> String {
        let lines = reason.split(whereSeparator: \.isNewline).map(String.init)
        let text = lines.count == 2 ? lines[1] : lines.joined(separator: " ")
        let folded = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        let ascii = String(
            String.UnicodeScalarView(folded.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7f }))
        return String(ascii.prefix(200))
    }

    /// The edXML reader's limits from the configuration's `limits:` section. The whole file may be as large as the
    /// envelope limit the download already enforced, whatever the reader's own default is.
    static func edxmlLimits(_ limits: Limits) -> EdXMLLimits {
        var xml = XMLTokenizerLimits.default
        xml.maxInputBytes = limits.maxInboundEnvelopeSize
        return EdXMLLimits(
            xml: xml, maxAttachmentCount: limits.maxAttachments, maxAttachmentBytes: limits.maxDocumentSize,
            maxTotalAttachmentBytes: limits.maxInboundEnvelopeSize)
    }
}
