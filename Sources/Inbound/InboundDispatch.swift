import Foundation

/// Which of the agencies served under one system id a received item belongs to.
///
/// A connection centre polls the axis once for all its agencies, and the list mixes their items. Each item goes to
/// the agency its `to` names; after download the envelope's own recipients (`To/OrganId`, or `ResponseFor/OrganId`
/// of a status message) confirm it: an agency the envelope does not name gets nothing, and every agency of ours it
/// does name gets its own copy. Codes compare without regard to case; the configured spelling is kept.
struct InboundDispatch: Sendable {
    /// The codes of the agencies served here, in configuration order.
    let agencyCodes: [String]

    /// The configured agency whose code is `code`, if any.
    func agency(_ code: String) -> String? {
        let wanted = code.trimmingCharacters(in: .whitespaces)
        return agencyCodes.first { $0.caseInsensitiveCompare(wanted) == .orderedSame }
    }

    /// The agencies that record a docId, from the `to` of every item listed for it. An item without `to` goes to the
    /// first agency: the envelope's recipients decide once it is downloaded (``addressees(recipientIds:)``). Empty
    /// when every item names an agency not served here.
    func takers(listedTo: [String]) -> [String] {
        var takers: [String] = []
        for to in listedTo {
            let taker = to.trimmingCharacters(in: .whitespaces).isEmpty ? agencyCodes.first : agency(to)
            if let taker, !takers.contains(taker) { takers.append(taker) }
        }
        return takers
    }

    /// Why an item addressed to none of the agencies served here is refused: Vietnamese, then English.
    static func refusal(addressedTo codes: [String]) -> String {
        let list = codes.isEmpty ? "?" : codes.joined(separator: ", ")
        return "Văn bản không gửi cho cơ quan nào do hệ thống này phục vụ (nơi nhận: \(list)).\n"
            + "Not addressed to any agency served by this system (addressed to: \(list))."
    }

    /// The agencies served here that the envelope names as recipients, in configuration order.
    func addressees(recipientIds: [String]) -> [String] {
        agencyCodes.filter { code in recipientIds.contains { agency($0) == code } }
    }
}
