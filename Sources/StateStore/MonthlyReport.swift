import Foundation

/// The monthly report (`lienthong report`): per agency and counterpart, documents sent and received, their
/// signatures, the statuses exchanged, and the median times through the pipelines.
///
/// Built from the database alone (``DocumentStore/monthlyReport(_:zone:agency:)``), never from the inbox or the
/// receipts, which clerks may move. Pure: the builder takes the rows it needs, so it can be tested with any.
public struct MonthlyReport: Sendable, Equatable {
    public let month: ReportMonth
    /// Sorted by agency, then counterpart.
    public let rows: [MonthlyReportRow]

    /// - Parameters:
    ///   - documents: the `edoc` documents created in the month.
    ///   - events: their transitions to `sent` and `delivered` and the statuses received (``DocumentEvent/status``);
    ///     others are ignored.
    ///   - answers: answers to them; only those in state `sent` count.
    ///   - agency: when given, only that agency's rows.
    public init(
        month: ReportMonth, documents: [DocumentRecord], events: [DocumentEvent], answers: [AnswerRecord],
        agency: String? = nil
    ) {
        self.month = month
        let documents = documents.filter { document in
            agency.map { document.agency.caseInsensitiveCompare($0) == .orderedSame } ?? true
        }
        let byId = Dictionary(documents.compactMap { d in d.id.map { ($0, d) } }, uniquingKeysWith: { a, _ in a })
        var firstReached: [Int64: Date] = [:]
        var statuses = Set<StatusSeen>()
        for event in events {
            guard let document = byId[event.documentId] else { continue }
            if event.kind == .transition, let to = event.toState,
                to == (document.direction == .outbound ? .sent : .delivered)
            {
                firstReached[event.documentId] = min(firstReached[event.documentId] ?? event.at, event.at)
            } else if document.direction == .outbound, let status = event.status {
                statuses.insert(StatusSeen(documentId: event.documentId, code: status.code, sender: status.sender))
            }
        }
        var rows: [RowKey: MonthlyReportRow] = [:]
        var toAxis: [RowKey: [Double]] = [:]
        var toInbox: [RowKey: [Double]] = [:]
        func key(_ agency: String, _ counterpart: String) -> RowKey {
            let key = RowKey(agency: agency, counterpart: counterpart)
            if rows[key] == nil { rows[key] = MonthlyReportRow(agency: agency, counterpart: counterpart) }
            return key
        }
        for document in documents {
            let reached = document.id.flatMap { firstReached[$0] }
            let duration = reached.map { $0.timeIntervalSince(document.createdAt) }
            if document.direction == .outbound {
                for recipient in document.recipients.isEmpty ? [""] : document.recipients {
                    let k = key(document.agency, recipient)
                    switch document.state {
                    case .sent, .filed:
                        rows[k]!.sent += 1
                        rows[k]!.validlySigned += 1
                    case .failed: rows[k]!.failed += 1
                    default: rows[k]!.sending += 1
                    }
                    if let duration { toAxis[k, default: []].append(duration) }
                }
            } else {
                let k = key(document.agency, document.counterpart ?? "")
                switch document.state {
                case .delivered, .acknowledged: rows[k]!.received += 1
                case .quarantined: rows[k]!.quarantined += 1
                default: continue
                }
                switch document.signatureVerdict {
                case .allValid: rows[k]!.validlySigned += 1
                case .partlyValid: rows[k]!.partlyValid += 1
                case .noneValid, .tampered: rows[k]!.unsignedOrInvalid += 1
                case nil: rows[k]!.verdictUnknown += 1
                }
                if let duration { toInbox[k, default: []].append(duration) }
            }
        }
        for status in statuses where MonthlyReportRow.statusCodes.contains(status.code) {
            guard let document = byId[status.documentId] else { continue }
            rows[key(document.agency, status.sender)]!.statuses[status.code, default: 0] += 1
        }
        for answer in answers where answer.state == .sent {
            guard let document = byId[answer.documentId], document.direction == .inbound,
                MonthlyReportRow.answerCodes.contains(answer.code.rawValue)
            else { continue }
            rows[key(document.agency, document.counterpart ?? "")]!.answers[answer.code.rawValue, default: 0] += 1
        }
        for (k, values) in toAxis { rows[k]!.medianSecondsToAxis = Self.median(values) }
        for (k, values) in toInbox { rows[k]!.medianSecondsToInbox = Self.median(values) }
        self.rows = rows.values.sorted { ($0.agency, $0.counterpart) < ($1.agency, $1.counterpart) }
    }

    /// The middle value, or the mean of the two middle ones; nil for none.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private struct RowKey: Hashable {
        var agency: String
        var counterpart: String
    }

    private struct StatusSeen: Hashable {
        var documentId: Int64
        var code: String
        var sender: String
    }
}
