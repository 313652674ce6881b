import AxisProtocol
import StateStore

/// What the axis is told about one docId, decided from every record we hold of it (one per agency it is addressed
/// to): `done` once any copy is durably in an inbox, `fail` with the quarantine reason when every copy was refused.
///
/// The axis takes one acknowledgement per docId, so it waits until no copy is still being fetched or delivered:
/// telling it `done` while a second agency's copy is still to come would take that copy off the list.
struct InboundAcknowledgement: Equatable {
    let status: AxisTransportStatus
    /// For `fail`: ``AxisFailDescription`` of the first quarantined copy's reason.
    let description: String?
    /// The copies whose records change once the axis accepts it: delivered ones, and quarantined ones whose `fail`
    /// is pending. Empty when every copy is already settled (an acknowledgement repeated for a relisted docId).
    let copies: [Int64]

    /// nil while a copy is still `listed` or `downloaded`, or when no copy was delivered or quarantined.
    init?(copies records: [DocumentRecord], localRoots: [String]) {
        guard !records.contains(where: { $0.state == .listed || $0.state == .downloaded }) else { return nil }
        if records.contains(where: { $0.state == .delivered || $0.state == .acknowledged }) {
            status = .done
            description = nil
        } else if let refused = records.first(where: { $0.state == .quarantined }) {
            status = .fail
            description = AxisFailDescription.make(
                refused.quarantineReason ?? refused.lastError ?? "", localRoots: localRoots)
        } else {
            return nil
        }
        copies = records.filter {
            $0.state == .delivered || ($0.state == .quarantined && $0.failAcknowledgementPending)
        }.compactMap(\.id)
    }
}
