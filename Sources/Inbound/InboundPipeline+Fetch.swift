import AxisClient
import Config
import EdXML
import Foundation
import StateStore
import SystemSupport

/// Steps "download" and "deliver": the envelope into the spool, then its content where it belongs.
extension InboundPipeline {
    /// Returns the record `downloaded`.
    func download(_ document: DocumentRecord) async throws -> DocumentRecord {
        let id = document.id!
        let docId = document.axisDocId ?? ""
        let (spool, store, limit) = (self.spool, dependencies.store, dependencies.limits.maxInboundEnvelopeSize)
        // The file system and database work runs off the pipeline's actor, so that the other documents' steps go on
        // meanwhile (their `fsync`s and commits would otherwise take turns on it).
        try await Offload.run { try Directories.create(spool.directory(of: id), mode: 0o700) }
        // Straight to its final name: the download appears there whole (file and folder synced) or not at all, and
        // replaces a copy left by a crash before the transition below.
        let envelope = spool.envelope(of: id)
        do {
            try await dependencies.axis.downloadEdoc(docId: docId, to: envelope)
        } catch {
            if error.kind == .emptyDocument { throw InboundFailure.unreadable("the axis served an empty document") }
            throw InboundFailure.transient("downloading \(docId): \(error)")
        }
        return try await Offload.run {
            let size = try FileStatus.lstat(envelope).size
            if size > limit {
                try? Directories.removeTree(envelope)
                throw InboundFailure.rejected("the envelope is \(size) bytes, over limits.max_inbound_envelope_size")
            }
            Failpoint.reached("download.written")
            return try store.transition(id, to: .downloaded, note: "downloaded \(size) bytes") { $0.fileSize = size }
        }
    }

    /// Parses the envelope, confirms that it is addressed to `agency` (otherwise hands it to the agencies of ours it
    /// names, or refuses it), records copies for the other agencies of ours it names, and delivers this one.
    /// Returns the record as the step left it, or nil when it was handed to the other agencies (`redirected`).
    func deliver(_ document: DocumentRecord, to agency: InboundAgency) async throws -> DocumentRecord? {
        let id = document.id!
        let (spool, envelope) = (self.spool, spool.envelope(of: id))
        guard (try? FileStatus.lstat(envelope)) != nil else {
            let store = dependencies.store
            return try await Offload.run {
                try store.transition(
                    id, to: .listed, note: "the downloaded envelope is no longer in the spool; fetching it again")
            }
        }
        let limits = dependencies.limits
        let message: EdXMLMessage
        do {
            message = try await Offload.run {
                try spool.removeScratch(of: id)
                // Scratch: a parse after a crash decodes them again from the envelope, and the inbox writer syncs
                // each file's new name where it ends up. So the decoded files' names are not synced here (their
                // contents are).
                var scratch = DirectorySyncs()
                return try EdXMLReader(limits: Self.edxmlLimits(limits)).read(
                    from: envelope, attachmentDirectory: spool.directory(of: id), syncs: &scratch)
            }
        } catch let error as EdXMLError {
            throw InboundFailure(reading: error)
        }
        // Commits and receipt rewrites, like every step's, off the actor and the cooperative threads.
        guard try await Offload.run({ try self.dispatchCopies(of: document, message: message) }) else { return nil }
        if message.kind == .status {
            return try await Offload.run { try self.noteStatus(message, document: document, agency: agency) }
        }
        let inbox = agency.inbox
        return try await Offload.run { try inbox.deliver(document, message: message) }
    }

    /// Confirms the addressee of a downloaded record with the envelope's recipients and records a copy for every
    /// other agency of ours they name. Returns false when the record's agency is not among them: the record is then
    /// `redirected` (the copies deliver it). An envelope naming no agency of ours is refused; one naming nobody is
    /// taken as listed.
    private nonisolated func dispatchCopies(of document: DocumentRecord, message: EdXMLMessage) throws -> Bool {
        let id = document.id!
        let named = message.recipientIds
        if named.isEmpty { return true }
        let addressed = dispatch.addressees(recipientIds: named)
        if addressed.isEmpty { throw InboundFailure.rejected(InboundDispatch.refusal(addressedTo: named)) }
        let others = addressed.filter { $0 != document.agency }
        if !others.isEmpty {
            let added = try dependencies.store.addInboundCopies(
                of: document, for: others, note: "named in the To of the envelope listed for \(document.agency)")
            for copy in added {
                logger.info(
                    "\(document.axisDocId ?? "") is also addressed to \(copy.agency): recorded as #\(copy.id ?? 0)",
                    metadata: ["DOC_ID": "\(id)"])
            }
        }
        guard addressed.contains(document.agency) else {
            try dependencies.store.transition(
                id, to: .redirected,
                note: "the envelope is addressed to \(addressed.joined(separator: ", ")), not to \(document.agency)")
            try? Directories.removeTree(spool.directory(of: id))
            return false
        }
        return true
    }

    /// A status message answers one of our documents: record it in that document's history. Returns the status
    /// message's own record, `delivered`.
    private nonisolated func noteStatus(
        _ message: EdXMLMessage, document: DocumentRecord, agency: InboundAgency
    ) throws -> DocumentRecord {
        let id = document.id!
        guard let status = message.status else { throw InboundFailure.rejected("status message without a header") }
        let code = status.statusCode.trimmingCharacters(in: .whitespaces)
        let note = StatusNote(code: code, sender: message.senderId)
        let line = note.message(description: status.description ?? "")
        if let answered = status.responseFor.documentId,
            let original = try dependencies.store.outbound(edxmlDocumentId: answered)
        {
            try dependencies.store.noteStatus(original.id!, note, description: status.description ?? "")
            if let sentCopy = original.destinationPath, original.state == .filed {
                ReceiptStatusLog.append(
                    note, description: status.description ?? "", statusTime: status.timestamp,
                    timeZone: agency.config.timeZone, toReceiptOf: sentCopy, logger: agency.logger)
            }
        } else {
            agency.logger.info("\(line) (for a document lienthong did not send)", metadata: ["DOC_ID": "\(id)"])
        }
        return try dependencies.store.transition(id, to: .delivered, note: line) {
            $0.subject = "status \(code)"
            $0.edxmlDocumentId = status.responseFor.documentId
        }
    }

    /// The axis served content that cannot be read: fetch it again after a backoff, or, at the
    /// ``maximumUnreadableFetches``th such fetch, quarantine it and tell the axis `fail`.
    func fetchedUnreadable(_ document: DocumentRecord, of agency: InboundAgency, detail: String) async {
        let id = document.id!
        let fetches = document.unreadableFetches + 1
        guard fetches < Self.maximumUnreadableFetches else {
            await quarantine(document, of: agency, reason: Self.unreadableReason(fetches: fetches, detail: detail))
            return
        }
        let delay = dependencies.retry.delay(afterAttempt: fetches, random: Double.random(in: 0..<1))
        agency.logger.warning(
            "\(detail) (fetch \(fetches) of at most \(Self.maximumUnreadableFetches)); fetching it again in \(delay)",
            metadata: ["DOC_ID": "\(id)", "AXIS_DOC_ID": "\(document.axisDocId ?? "")"])
        do {
            try dependencies.store.recordUnreadableFetch(
                id, error: detail, retryAt: Date().addingTimeInterval(delay.seconds))
        } catch {
            record("cannot record an unreadable fetch (\(detail)): \(error)", of: document)
        }
    }

    /// `reason.txt` and the `fail` description of a document the axis served unreadable every time.
    static func unreadableReason(fetches: Int, detail: String) -> String {
        "Trục liên thông đã \(fetches) lần trả về văn bản này ở dạng không đọc được (rỗng hoặc không phải edXML).\n"
            + "The axis served this document \(fetches) times in a form that cannot be read "
            + "(empty, or not edXML): \(detail)"
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
