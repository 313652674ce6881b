import AxisClient
import AxisProtocol
import EdXML
import Foundation
import StateStore
import SystemSupport

/// Telling the axis: `done` after delivery (with status 01 to the sender first), `fail` after a quarantine.
extension InboundPipeline {
    /// Acknowledges the docId of `document` once every copy of it is delivered or quarantined
    /// (``InboundAcknowledgement``). A failure is retried with backoff on every copy waiting for it, so a `fail` is
    /// sent again after a restart too.
    func acknowledge(_ document: DocumentRecord) async {
        let docId = document.axisDocId ?? ""
        let copies: [DocumentRecord]
        do {
            copies = try dependencies.store.inboundCopies(
                axisDocId: docId, messageType: document.messageType, agencies: agencyCodes)
        } catch {
            record("cannot read the records of \(docId): \(error)", of: document)
            return
        }
        guard let acknowledgement = InboundAcknowledgement(copies: copies, localRoots: localRoots),
            !acknowledgement.copies.isEmpty
        else { return }
        let status = acknowledgement.status
        do {
            for copy in copies
            where copy.state == .delivered && copy.messageType == AxisMessageType.edoc.rawValue
                && !copy.arrivalStatusSent && copy.counterpart?.isEmpty == false
            {
                if let agency = agency(of: copy) { try await sendArrivalStatus(for: copy, from: agency) }
            }
            do {
                try await dependencies.axis.updateStatus(
                    docId: docId, status: status, description: acknowledgement.description)
            } catch {
                throw InboundFailure.transient("updateStatus \(status.rawValue): \(error)")
            }
            Failpoint.reached("ack.done")
            let (store, spool) = (dependencies.store, self.spool)
            try await Offload.run {
                try store.recordAcknowledged(acknowledgement.copies, status: status.rawValue)
                for copy in copies where copy.state == .delivered {
                    try? Directories.removeTree(spool.directory(of: copy.id!))
                }
            }
        } catch {
            for copy in copies where acknowledgement.copies.contains(copy.id!) {
                record(String(describing: error), of: copy)
            }
            return
        }
    }

    /// A docId listed again after we answered it: our acknowledgement was lost. Answer again (never deliver again),
    /// unless a copy is still on its way, whose own acknowledgement will answer.
    func acknowledgeAgain(_ stored: DocumentRecord) async {
        let docId = stored.axisDocId ?? ""
        guard
            let copies = try? dependencies.store.inboundCopies(
                axisDocId: docId, messageType: stored.messageType, agencies: agencyCodes),
            let acknowledgement = InboundAcknowledgement(copies: copies, localRoots: localRoots),
            acknowledgement.copies.isEmpty
        else { return }
        logger.info(
            "\(docId) is listed again: telling the axis \(acknowledgement.status.rawValue) again",
            metadata: ["AXIS_DOC_ID": "\(docId)"])
        try? await dependencies.axis.updateStatus(
            docId: docId, status: acknowledgement.status, description: acknowledgement.description)
    }

    /// A docId listed only for agencies not served here (misrouted, or an agency missing from the configuration):
    /// reported in the journal and refused with `fail`, unless one of our agencies already holds a copy (its envelope
    /// named one of ours). Nothing is recorded: the axis keeps listing it until the refusal is accepted, so the next
    /// poll refuses it again, after a restart too.
    func refuseUnaddressed(_ listed: [ReceivedEdocItem], type: AxisMessageType) async throws {
        let docId = listed[0].docId
        let copies = try dependencies.store.inboundCopies(
            axisDocId: docId, messageType: type.rawValue, agencies: agencyCodes)
        guard copies.isEmpty else { return }
        let to = listed.map(\.to).joined(separator: ", ")
        let served = agencyCodes.joined(separator: ", ")
        let message =
            "\(type.rawValue) \(docId) from \(listed[0].from) is listed for \(to), none of the agencies "
            + "served here (\(served)): telling the axis fail"
        logger.warning("\(message)", metadata: ["AXIS_DOC_ID": "\(docId)"])
        let description = AxisFailDescription.make(
            InboundDispatch.refusal(addressedTo: listed.map(\.to)), localRoots: localRoots)
        do {
            try await dependencies.axis.updateStatus(docId: docId, status: .fail, description: description)
        } catch {
            logger.warning("cannot refuse \(docId) yet: \(error); the next poll tries again")
        }
    }

    /// Tells the sender the document arrived at `agency` (status 01), once: a failure is retried with the
    /// acknowledgement.
    ///
    /// The message is composed in memory and not kept: sending it once is what counts, and that rests on
    /// `arrivalStatusStartedAt` committed before the send and the look-up on the axis after an ambiguous one, not on
    /// resending the same bytes. A retry composes it again, with the time of that attempt.
    private func sendArrivalStatus(for document: DocumentRecord, from agency: InboundAgency) async throws {
        let id = document.id!
        let lookup = SentStatusLookup(axis: dependencies.axis, store: dependencies.store)
        if let started = document.arrivalStatusStartedAt {
            // An earlier send may be on the axis: a kill or a lost reply came between it and our record of it.
            if let found = try await lookup.find(
                code: "01", from: agency.config.code, about: document, sentSince: started)
            {
                try dependencies.store.annotate(id, note: "status 01 found on the axis after a lost reply: \(found)") {
                    $0.arrivalStatusSent = true
                    $0.arrivalStatusDocId = found
                    $0.arrivalStatusStartedAt = nil
                }
                return
            }
            if lookup.mayStillBeCommitting(since: started) {
                throw InboundFailure.transient("status 01 is not listed yet and may still be committing; looking again")
            }
        }
        let header = ArrivalStatus(agency: agency.config, document: document, now: Date()).header
        let message: [UInt8]
        do {
            message = try EdXMLWriter().statusMessage(header: header)
        } catch {
            throw InboundFailure.transient("cannot compose status 01: \(error)")
        }
        let store = dependencies.store
        _ = try await Offload.run {
            try store.annotate(id, note: "sending status 01") { $0.arrivalStatusStartedAt = Date() }
        }
        let statusDocId: String
        do {
            statusDocId = try await dependencies.axis.sendEdoc(
                from: agency.config.code, messageType: .status, envelope: message)
        } catch {
            if error.failureClass != .ambiguous {
                try dependencies.store.annotate(id, note: "status 01 was not stored: \(error)") {
                    $0.arrivalStatusStartedAt = nil
                }
            }
            throw InboundFailure.transient("sending status 01 to \(document.counterpart ?? "?"): \(error)")
        }
        Failpoint.reached("status01.sent")
        let note = "status 01 (arrived) sent to \(document.counterpart ?? "?"): \(statusDocId)"
        _ = try await Offload.run {
            try store.annotate(id, note: note) {
                $0.arrivalStatusSent = true
                $0.arrivalStatusDocId = statusDocId
                $0.arrivalStatusStartedAt = nil
            }
        }
    }

    /// Keeps the envelope in `quarantine/<axis doc id>/` with `reason.txt` (and `signatures.txt` when the
    /// signatures were the reason, with their `verdict`), records the state with the `fail` still to send, and sends it.
    func quarantine(
        _ document: DocumentRecord, of agency: InboundAgency, reason: String, signaturesText: String? = nil,
        verdict: SignatureVerdict? = nil
    ) async {
        let id = document.id!
        agency.logger.error("quarantined: \(reason)", metadata: ["DOC_ID": "\(id)"])
        let folder = agency.config.folders.quarantine + "/" + SafeFileName.sanitize(document.axisDocId ?? "\(id)")
        let envelope = spool.envelope(of: id)
        let text = QuarantineNotice(reason: reason).text
        let quarantined: DocumentRecord
        do {
            try await Offload.run {
                try Directories.create(folder)
                let kept = folder + "/envelope.edxml"
                if (try? FileStatus.lstat(envelope)) != nil, (try? FileStatus.lstat(kept)) == nil {
                    try FileMover.moveReplacingNothing(from: envelope, to: kept)
                }
                try DurableFile.write(Array(text.utf8), to: folder + "/reason.txt", replaceExisting: true)
                if let signaturesText {
                    try DurableFile.write(
                        Array(signaturesText.utf8), to: folder + "/signatures.txt", replaceExisting: true)
                }
            }
            quarantined = try dependencies.store.transition(id, to: .quarantined, note: reason) {
                $0.lastError = reason
                $0.quarantineReason = reason
                $0.failAcknowledgementPending = true
                $0.destinationPath = folder
                if let verdict { $0.signatureVerdict = verdict }
            }
        } catch {
            record("cannot quarantine (\(reason)): \(error)", of: document)
            return
        }
        try? Directories.removeTree(spool.directory(of: id))
        await acknowledge(quarantined)
    }
}
