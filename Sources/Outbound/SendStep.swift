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

    /// Finds our document among what the axis says we sent, and returns its DocId.
    ///
    /// The axis DocId is unknown after a lost reply, so the match is on what we sent (``SentDocumentMatch``):
    /// our agency, the same number/notation, recipients within ours, sent no earlier than we detected the file,
    /// and not a DocId another of our documents already owns. When nothing matches the document is sent again:
    /// a possible duplicate is recoverable, a document wrongly taken as sent would be lost.
    private func lookUp(_ document: DocumentRecord) async throws -> String? {
        let sent: [SentEdocItem]
        do {
            // No axis DocId is known yet, so ask for everything we sent and match on what we sent.
            sent = try await axis.getSentEdocList(messageType: .edoc, docId: "")
        } catch {
            throw OutboundFailure.transient("getSentEdocList, needed before sending again: \(error)")
        }
        let window = document.createdAt.addingTimeInterval(-SentDocumentMatch.clockSkew)
        let owned = Set(
            try store.documents(direction: .outbound, since: window.addingTimeInterval(-86_400), limit: 10_000)
                .filter { $0.id != document.id }.compactMap(\.axisDocId))
        let found = SentDocumentMatch.find(document, in: sent, excluding: owned)
        if found == nil {
            logger.notice(
                "getSentEdocList does not show the document; sending it again",
                metadata: ["DOC_ID": "\(document.id ?? 0)", "listed": "\(sent.count)"])
        }
        return found
    }
}

/// How a document whose sendEdoc reply was lost is recognised in a `getSentEdocList` reply.
enum SentDocumentMatch {
    /// Tolerated difference between our clock and the axis's when comparing `sentTime` with our detection time.
    static let clockSkew: TimeInterval = 600

    /// The DocId of the entry group (entries share `senderDocId`, one per recipient) that is our document: same
    /// sender (when listed), same number/notation, every listed recipient one of ours, sent after we detected the
    /// file (when the time is readable), DocId not owned by another document. Several matches: the one whose title
    /// is our subject, then the earliest.
    static func find(_ document: DocumentRecord, in items: [SentEdocItem], excluding owned: Set<String>) -> String? {
        guard let notation = document.codeNotation?.trimmingCharacters(in: .whitespaces), !notation.isEmpty else {
            return nil
        }
        let recipients = Set(document.recipients)
        let earliest = document.createdAt.addingTimeInterval(-clockSkew)
        let groups = Dictionary(grouping: items.filter { !$0.senderDocId.isEmpty }, by: \.senderDocId)
        let candidates = groups.filter { docId, entries in
            !owned.contains(docId)
                && entries.allSatisfy { item in
                    (item.fromCode.isEmpty || item.fromCode == document.agency)
                        && item.notation.trimmingCharacters(in: .whitespaces) == notation
                        && (item.toCode.isEmpty || recipients.contains(item.toCode))
                        && (sentTime(item.sentTime).map { $0 >= earliest } ?? true)
                }
        }
        let ranked = candidates.sorted { left, right in
            let leftTitle = left.value.contains { $0.title == document.subject }
            let rightTitle = right.value.contains { $0.title == document.subject }
            if leftTitle != rightTitle { return leftTitle }
            let leftTime = left.value.compactMap { sentTime($0.sentTime) }.min() ?? .distantFuture
            let rightTime = right.value.compactMap { sentTime($0.sentTime) }.min() ?? .distantFuture
            return leftTime != rightTime ? leftTime < rightTime : left.key < right.key
        }
        return ranked.first?.key
    }

    /// `sentTime` as the axis writes it (Vietnam time; `yyyy-MM-dd HH:mm:ss` and the other spellings seen), or nil.
    static func sentTime(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        for format in ["yyyy-MM-dd HH:mm:ss", "yyyy/MM/dd HH:mm:ss", "dd/MM/yyyy HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }
}
