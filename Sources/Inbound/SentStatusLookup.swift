import AxisClient
import AxisProtocol
import Config
import Foundation
import StateStore

/// Finds a status message of ours on the axis after its `sendEdoc` reply was lost (a kill, a power cut, a dropped
/// connection), so that a status 01 or a clerk's answer reaches the axis exactly once (reliability.md).
///
/// A status goes to the sender of the document it answers and names that document by its number/notation
/// (`ResponseFor/Code`, which `getSentEdocList` lists as `notation`). A DocId another status of ours owns is never
/// taken, so statuses 01, 03, 05… of one document are told apart without relying on how the axis titles them
/// (a title naming the code is only preferred). Time never decides identity: the axis clock may be hours off ours,
/// so only entries listed more than `SentEdocItem.maximumClockOffset` before the send began are ruled out.
struct SentStatusLookup: Sendable {
    let axis: AxisClient
    let store: DocumentStore

    /// The DocId of our status `code` about `document`, sent by `agency` from `started` on; nil when the axis does
    /// not list it.
    func find(code: String, from agency: String, about document: DocumentRecord, sentSince started: Date)
        async throws -> String?
    {
        let items: [SentEdocItem]
        do {
            items = try await axis.getSentEdocList(messageType: .status, docId: "")
        } catch {
            throw InboundFailure.transient("getSentEdocList, needed before sending status \(code) again: \(error)")
        }
        let owned = try store.ownedStatusDocIds(among: Set(items.map(\.senderDocId)))
        return Self.match(code: code, from: agency, about: document, sentSince: started, in: items, owned: owned)
    }

    /// The matching itself, without the axis.
    static func match(
        code: String, from agency: String, about document: DocumentRecord, sentSince started: Date,
        in items: [SentEdocItem], owned: Set<String>
    ) -> String? {
        let notation = document.codeNotation?.trimmingCharacters(in: .whitespaces) ?? ""
        let earliest = started.addingTimeInterval(-SentEdocItem.maximumClockOffset)
        let candidates = items.filter { item in
            !item.senderDocId.isEmpty && !owned.contains(item.senderDocId)
                && (item.fromCode.isEmpty || item.fromCode == agency)
                && (item.toCode.isEmpty || item.toCode == document.counterpart)
                && item.notation.trimmingCharacters(in: .whitespaces) == notation
                && (item.sentDate.map { $0 >= earliest } ?? true)
        }
        let ranked = candidates.sorted { left, right in
            let leftNamed = left.title.hasSuffix(code)
            let rightNamed = right.title.hasSuffix(code)
            if leftNamed != rightNamed { return leftNamed }
            let leftTime = left.sentDate ?? .distantFuture
            let rightTime = right.sentDate ?? .distantFuture
            return leftTime != rightTime ? leftTime < rightTime : left.senderDocId < right.senderDocId
        }
        return ranked.first?.senderDocId
    }

    /// Whether a send that left at `started` may still be committing on the axis, so that a look-up now can miss it.
    func mayStillBeCommitting(since started: Date, now: Date = Date()) -> Bool {
        now < started.addingTimeInterval(axis.endpoint.requestTimeout.seconds)
    }
}
