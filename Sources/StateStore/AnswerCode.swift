/// A status a receiving clerk sends back about a received document (axis-protocol.md section 6).
///
/// 01 (arrived) is not here: the daemon sends it by itself once the document is in the inbox. Receivers send
/// 01, then 03 or 02, then 04, 05, 06; 15 and 16 answer a sender's revoke, update or replace request.
public enum AnswerCode: String, Codable, Sendable, CaseIterable, Comparable {
    case rejected = "02"
    case accepted = "03"
    case assigned = "04"
    case processing = "05"
    case completed = "06"
    case requestAgreed = "15"
    case requestRefused = "16"

    /// Parses `03` (or `3`); nil for anything that is not one of the codes a clerk may send.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard (1...2).contains(trimmed.count), trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        self.init(rawValue: trimmed.count == 1 ? "0" + trimmed : trimmed)
    }

    /// The codes and what they need, for error messages: "02 (reason required), 03, 04, 05, 06, 15, 16 (…)".
    public static let allowedList =
        "02 (reject, reason required), 03 (accept), 04 (assigned), 05 (in progress), 06 (completed), "
        + "15 (agree to a revoke/update/replace request), 16 (refuse it, reason required)"

    /// 02 and 16 say no; the sender must be told why.
    public var requiresReason: Bool { self == .rejected || self == .requestRefused }

    /// 15 and 16 answer a revoke, update or replace request, not an ordinary document.
    public var answersARequest: Bool { self == .requestAgreed || self == .requestRefused }

    /// 03..06: the document's handling after it was accepted, in the order receivers send them.
    var isProgress: Bool { [.accepted, .assigned, .processing, .completed].contains(self) }

    /// The status's meaning as the law names it.
    public var vietnamese: String {
        switch self {
        case .rejected: "Từ chối tiếp nhận"
        case .accepted: "Đã tiếp nhận"
        case .assigned: "Phân công xử lý"
        case .processing: "Đang xử lý"
        case .completed: "Hoàn thành"
        case .requestAgreed: "Đồng ý yêu cầu thu hồi/cập nhật/thay thế"
        case .requestRefused: "Từ chối yêu cầu thu hồi/cập nhật/thay thế"
        }
    }

    public var english: String {
        switch self {
        case .rejected: "rejected"
        case .accepted: "accepted and registered"
        case .assigned: "assigned for handling"
        case .processing: "being processed"
        case .completed: "completed"
        case .requestAgreed: "revoke/update/replace request agreed"
        case .requestRefused: "revoke/update/replace request refused"
        }
    }

    public static func < (lhs: AnswerCode, rhs: AnswerCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
