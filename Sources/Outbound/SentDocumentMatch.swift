import AxisProtocol
import Foundation
import StateStore

/// How a document whose `sendEdoc` reply was lost is recognised in a `getSentEdocList` reply.
///
/// The list carries no id of ours, so identity comes from what only this document has: the sender, its
/// number/notation, recipients within ours, and a DocId that no other record of ours owns. Time never decides
/// identity across machines (reliability.md): the axis may write UTC, or its clock may be hours off. The offset
/// between its clock and ours is learnt from the DocIds we own (their `sentTime` against our `sendStartedAt`); it
/// only narrows the window of plausible entries and orders the candidates. Without such a sample the window admits
/// any offset up to `SentEdocItem.maximumClockOffset`, which still keeps a document of the same number sent days
/// earlier by other software from being taken for ours.
struct SentDocumentMatch {
    /// Tolerated error of a learnt offset (network time, the axis's commit time, rounding to seconds).
    static let learntOffsetTolerance: TimeInterval = 600

    /// The entries of one sent document, grouped by DocId (one entry per recipient).
    let groups: [String: [SentEdocItem]]
    /// DocIds another record of ours already owns.
    let owned: Set<String>
    /// Axis clock minus ours, as far as the owned entries tell; nil when none had a readable time.
    let offset: TimeInterval?

    init(items: [SentEdocItem], ownedBy owners: [DocumentRecord]) {
        groups = Dictionary(grouping: items.filter { !$0.senderDocId.isEmpty }, by: \.senderDocId)
        owned = Set(owners.compactMap(\.axisDocId))
        var samples: [TimeInterval] = []
        for owner in owners {
            guard let docId = owner.axisDocId, let started = owner.sendStartedAt,
                let listed = groups[docId]?.compactMap(\.sentDate).min()
            else { continue }
            samples.append(listed.timeIntervalSince(started))
        }
        offset = samples.isEmpty ? nil : samples.sorted()[samples.count / 2]
    }

    /// The DocId of the entry group that is `document`: same sender (when listed), same number/notation, every
    /// listed recipient one of ours, listed no earlier than we detected the file (on the axis's clock, as far as
    /// it is known), not owned by another record. Several matches: the one whose title is our subject, then the
    /// earliest.
    func find(_ document: DocumentRecord) -> String? {
        guard let notation = document.codeNotation?.trimmingCharacters(in: .whitespaces), !notation.isEmpty else {
            return nil
        }
        let recipients = Set(document.recipients)
        let earliest =
            offset.map { document.createdAt.addingTimeInterval($0 - Self.learntOffsetTolerance) }
            ?? document.createdAt.addingTimeInterval(-SentEdocItem.maximumClockOffset)
        let candidates = groups.filter { docId, entries in
            !owned.contains(docId)
                && entries.allSatisfy { item in
                    (item.fromCode.isEmpty || item.fromCode == document.agency)
                        && item.notation.trimmingCharacters(in: .whitespaces) == notation
                        && (item.toCode.isEmpty || recipients.contains(item.toCode))
                        && (item.sentDate.map { $0 >= earliest } ?? true)
                }
        }
        let ranked = candidates.sorted { left, right in
            let leftTitle = left.value.contains { $0.title == document.subject }
            let rightTitle = right.value.contains { $0.title == document.subject }
            if leftTitle != rightTitle { return leftTitle }
            let leftTime = left.value.compactMap { $0.sentDate }.min() ?? .distantFuture
            let rightTime = right.value.compactMap { $0.sentDate }.min() ?? .distantFuture
            return leftTime != rightTime ? leftTime < rightTime : left.key < right.key
        }
        return ranked.first?.key
    }
}
