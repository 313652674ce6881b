import AxisClient
import AxisProtocol
import Foundation
import Logging
import StateStore

/// Step 7 of the outbound pipeline: hands the fixed envelope to the axis.
///
/// The axis does not deduplicate (reliability.md). After a send that got no answer the document is marked
/// `sendUncertain`, and the next attempt first asks `getSentEdocList` whether the axis already has it; only if
/// it does not is the same envelope sent again.
struct SendStep: Sendable {
    let store: DocumentStore
    let spool: OutboundSpool
    let axis: AxisClient
    let logger: Logger

    func send(_ document: DocumentRecord) async throws -> DocumentRecord {
        let id = document.id!
        if document.sendUncertain, let found = try await lookUp(document) {
            logger.notice(
                "the axis had stored the document although its reply was lost; not sending it again",
                metadata: ["DOC_ID": "\(id)", "AXIS_DOC_ID": "\(found)"])
            return try store.transition(id, to: .sent, note: "found on the axis after a lost reply: DocId \(found)") {
                $0.axisDocId = found
                $0.sendUncertain = false
            }
        }
        let docId: String
        do {
            docId = try await axis.sendEdoc(
                from: document.agency, messageType: .edoc, envelopePath: spool.envelope(of: id))
        } catch {
            throw try failure(of: error, document: document)
        }
        logger.info("axis accepted", metadata: ["DOC_ID": "\(id)", "AXIS_DOC_ID": "\(docId)"])
        return try store.transition(id, to: .sent, note: "axis accepted: DocId \(docId)") {
            $0.axisDocId = docId
            $0.sendUncertain = false
        }
    }

    /// What a failed `sendEdoc` means for the document, recording an uncertain send before anything else.
    private func failure(of error: AxisError, document: DocumentRecord) throws -> OutboundFailure {
        switch error.failureClass {
        case .transient:
            return .transient("sendEdoc: \(error)")
        case .permanent:
            var axisMessage = error.description
            if case .fail(_, let description) = error.kind, !description.isEmpty { axisMessage = description }
            return .permanent("the axis refused the document: \(error)", clerk: .rejectedByAxis(axisMessage))
        case .ambiguous:
            _ = try store.annotate(document.id!, note: "no reply to sendEdoc: the axis may have stored it (\(error))") {
                $0.sendUncertain = true
            }
            return OutboundFailure(
                disposition: .ambiguous, description: "sendEdoc got no reply: \(error)", clerkMessage: nil)
        }
    }

    /// Finds our document among what the axis says we sent: same edXML DocumentId or same notation, and the
    /// same recipients. Returns its DocId.
    private func lookUp(_ document: DocumentRecord) async throws -> String? {
        let sent: [SentEdocItem]
        do {
            // No axis DocId is known yet, so ask for everything we sent and match on what we sent.
            sent = try await axis.getSentEdocList(messageType: .edoc, docId: "")
        } catch {
            throw OutboundFailure.transient("getSentEdocList, needed before sending again: \(error)")
        }
        let notation = document.codeNotation
        let recipients = Set(document.recipients)
        let candidates = sent.filter { item in
            !item.senderDocId.isEmpty && notation != nil && item.notation == notation
                && (item.toCode.isEmpty || recipients.contains(item.toCode))
        }
        return candidates.first?.senderDocId
    }
}
