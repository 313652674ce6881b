import AxisClient
import AxisProtocol
import Foundation
import Logging
import StateStore
import SystemSupport

/// Step 7 of the outbound pipeline: hands the fixed envelope to the axis, exactly once.
///
/// The axis does not deduplicate (reliability.md). The intent is committed before the request leaves
/// (`sendUncertain`, `sendStartedAt`), so a kill, a power loss or a lost reply at any instruction after that leaves a
/// record that says "this may be on the axis". The next attempt then asks `getSentEdocList` first, and sends the same
/// envelope again only when the axis does not list it and a request that left earlier can no longer be committing.
struct SendStep: Sendable {
    let store: DocumentStore
    let spool: OutboundSpool
    let axis: AxisClient
    let logger: Logger

    /// Sends the document unless the axis already has it. `destination` (the filer's proposal) is recorded with
    /// the intent, so that filing the sent document needs no commit before its move.
    func send(_ document: DocumentRecord, destination: String? = nil, now: Date = Date()) async throws
        -> DocumentRecord
    {
        let id = document.id!
        if document.sendUncertain {
            if let found = try await lookUp(document) {
                logger.notice(
                    "the axis had stored the document although we never saw its reply; not sending it again",
                    metadata: ["DOC_ID": "\(id)", "AXIS_DOC_ID": "\(found)"])
                let note = "found on the axis after a lost reply: DocId \(found)"
                return try await Offload.run { [store] in
                    try store.transition(id, to: .sent, note: note) {
                        $0.axisDocId = found
                        $0.sendUncertain = false
                    }
                }
            }
            if let started = document.sendStartedAt, now < started.addingTimeInterval(requestTimeout) {
                // The request that left at `started` may still be committing on the axis: a look-up now can miss
                // it. Look again once no request of ours can still be in flight.
                throw OutboundFailure(
                    disposition: .ambiguous,
                    description: "getSentEdocList does not list the document yet, and the send that left at "
                        + "\(started) may still be committing; looking again before sending",
                    clerkMessage: nil)
            }
        }
        // The commits wait for the disk: on the blocking threads, not on the cooperative ones the other documents'
        // steps need meanwhile.
        _ = try await Offload.run { [store] in
            try store.annotate(id, note: "sending to the axis", now: now) {
                $0.sendUncertain = true
                $0.sendStartedAt = now
                if let destination { $0.destinationPath = destination }
            }
        }
        Failpoint.reached("send.intent")
        let docId: String
        do {
            docId = try await axis.sendEdoc(
                from: document.agency, messageType: .edoc, envelopePath: spool.envelope(of: id),
                hashFile: document.envelopeHashFile)
        } catch {
            throw try await Offload.run { [self] in try failure(of: error, document: document) }
        }
        Failpoint.reached("send.stored")
        logger.info("axis accepted", metadata: ["DOC_ID": "\(id)", "AXIS_DOC_ID": "\(docId)"])
        return try await Offload.run { [store] in
            try store.transition(id, to: .sent, note: "axis accepted: DocId \(docId)") {
                $0.axisDocId = docId
                $0.sendUncertain = false
            }
        }
    }

    private var requestTimeout: TimeInterval { axis.endpoint.requestTimeout.seconds }

    /// What a failed `sendEdoc` means for the document. A reply that proves nothing was stored clears the intent,
    /// so the next attempt sends without a look-up; a missing reply keeps it.
    private func failure(of error: AxisError, document: DocumentRecord) throws -> OutboundFailure {
        switch error.failureClass {
        case .transient:
            try clearIntent(of: document, note: "sendEdoc failed before the axis stored anything (\(error))")
            return .axis("sendEdoc: \(error)", problem: "sendEdoc: \(error)")
        case .permanent:
            try clearIntent(of: document, note: "the axis refused the document (\(error))")
            var axisMessage = error.description
            if case .fail(_, let description) = error.kind, !description.isEmpty { axisMessage = description }
            return .permanent("the axis refused the document: \(error)", clerk: .rejectedByAxis(axisMessage))
        case .ambiguous:
            _ = try store.annotate(document.id!, note: "no reply to sendEdoc: the axis may have stored it (\(error))")
            return OutboundFailure(
                disposition: .ambiguous, description: "sendEdoc got no reply: \(error)", clerkMessage: nil)
        }
    }

    private func clearIntent(of document: DocumentRecord, note: String) throws {
        _ = try store.annotate(document.id!, note: note) { $0.sendUncertain = false }
    }

    /// Finds our document among what the axis says we sent, and returns its DocId (``SentDocumentMatch``).
    private func lookUp(_ document: DocumentRecord) async throws -> String? {
        let sent: [SentEdocItem]
        do {
            // No axis DocId is known yet, so ask for everything we sent and match on what we sent.
            sent = try await axis.getSentEdocList(messageType: .edoc, docId: "")
        } catch {
            let description = "getSentEdocList, needed before sending again: \(error)"
            throw error.failureClass == .transient
                ? OutboundFailure.axis(description, problem: "getSentEdocList: \(error)")
                : OutboundFailure.transient(description)
        }
        let owners = try store.outbound(owningAnyOf: Set(sent.map(\.senderDocId).filter { !$0.isEmpty }))
            .filter { $0.id != document.id }
        let found = SentDocumentMatch(items: sent, ownedBy: owners).find(document)
        if found == nil {
            logger.notice(
                "getSentEdocList does not show the document",
                metadata: ["DOC_ID": "\(document.id ?? 0)", "listed": "\(sent.count)"])
        }
        return found
    }
}
