/// What answers make sense for a received document, given the answers it already has
/// (axis-protocol.md section 6: receivers send 01, then 03 or 02, then 04, 05, 06; 15 or 16 answer a request).
///
/// Failed answers do not count: the axis never got them, so the clerk may ask again.
public enum AnswerRules {
    /// The longest reason sent, in characters; the status `Description` is meant to be read, not to carry files.
    public static let maximumReasonLength = 1000

    /// `BussinessDocType` values that make a received document a request answered by 15 or 16.
    public static let requestTypes: Set<String> = ["1", "2", "3"]

    /// The reason as it will be sent (trimmed; nil when empty), or why the code or reason is unacceptable on its own.
    public static func normalizedReason(
        _ reason: String?, for code: AnswerCode
    ) throws(AnswerRefusal) -> String? {
        let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.isEmpty {
            if code.requiresReason { throw .reasonRequired(code) }
            return nil
        }
        if trimmed.count > maximumReasonLength { throw .reasonTooLong(characters: trimmed.count) }
        return trimmed
    }

    /// Checks that `code` may be sent now for `document`, whose earlier answers are `existing`.
    public static func check(
        _ code: AnswerCode, for document: DocumentRecord, existing: [AnswerRecord]
    ) throws(AnswerRefusal) {
        let id = document.id ?? 0
        guard document.direction == .inbound else { throw .notReceived(id) }
        guard document.messageType == "edoc" else { throw .statusMessage(id) }
        switch document.state {
        case .quarantined: throw .quarantined(id)
        case .delivered, .acknowledged: break
        default: throw .notDelivered(id)
        }
        let live = existing.filter { $0.state != .failed }
        if let same = live.first(where: { $0.code == code }) { throw .alreadyAnswered(code, same.state) }
        let codes = Set(live.map(\.code))
        if code.answersARequest {
            guard let type = document.businessDocType, requestTypes.contains(type) else {
                throw .notARequest(id, code)
            }
            if let other = codes.first(where: \.answersARequest) { throw .requestAlreadyAnswered(by: other) }
            return
        }
        if code == .rejected {
            if let accepted = codes.filter(\.isProgress).min() { throw .alreadyAccepted(by: accepted) }
            return
        }
        if codes.contains(.rejected) { throw .alreadyRejected(asked: code) }
        if code != .accepted && !codes.contains(.accepted) { throw .notAcceptedYet(asked: code) }
        if let later = codes.filter({ $0.isProgress && $0 > code }).max() {
            throw .laterStatusExists(asked: code, later: later)
        }
    }
}
