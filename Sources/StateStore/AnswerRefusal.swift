/// Why an answer cannot be queued: the code, the reason, the document, or the order of statuses.
///
/// ``description`` is English for the command line and the log; ``vietnamese`` is the same for clerks, who read
/// it in a renamed status request file (`answer-02.error.txt`).
public enum AnswerRefusal: Error, CustomStringConvertible, Sendable, Equatable {
    /// Not one of 02..06, 15, 16.
    case unknownCode(String)
    /// 02 and 16 need a reason.
    case reasonRequired(AnswerCode)
    /// The reason is longer than ``AnswerRules/maximumReasonLength`` characters.
    case reasonTooLong(characters: Int)
    /// No document has this id.
    case unknownDocument(Int64)
    /// The document is one we sent, not one we received.
    case notReceived(Int64)
    /// The record is a status message someone sent us, not a document.
    case statusMessage(Int64)
    /// The document is not in the inbox yet (it is still being downloaded or checked).
    case notDelivered(Int64)
    /// The document failed checks and is in quarantine: the axis was already told `fail`.
    case quarantined(Int64)
    /// 15 or 16 for a document that is not a revoke, update or replace request.
    case notARequest(Int64, AnswerCode)
    /// The same code is already queued or sent.
    case alreadyAnswered(AnswerCode, AnswerState)
    /// The document was rejected (02): nothing can follow.
    case alreadyRejected(asked: AnswerCode)
    /// The document was accepted (03 or later): it cannot be rejected now.
    case alreadyAccepted(by: AnswerCode)
    /// 04, 05 or 06 before 03.
    case notAcceptedYet(asked: AnswerCode)
    /// A later step (e.g. 06) was already sent: an earlier one (e.g. 04) makes no sense now.
    case laterStatusExists(asked: AnswerCode, later: AnswerCode)
    /// The request was already answered with 15 or 16.
    case requestAlreadyAnswered(by: AnswerCode)

    /// Mistakes in the command line itself (exit 64), as opposed to what the document's history allows (exit 1).
    public var isUsageError: Bool {
        switch self {
        case .unknownCode, .reasonRequired, .reasonTooLong: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .unknownCode(let code):
            "'\(code)' is not a status a clerk can send; use one of \(AnswerCode.allowedList)"
        case .reasonRequired(let code):
            "status \(code.rawValue) (\(code.english)) needs a reason for the sender: add --reason \"...\" "
                + "(or write it in the request file)"
        case .reasonTooLong(let characters):
            "the reason has \(characters) characters; at most \(AnswerRules.maximumReasonLength) are sent"
        case .unknownDocument(let id):
            "no document #\(id); `lienthong list --direction in` shows the received documents"
        case .notReceived(let id):
            "#\(id) is a document this agency sent; only received documents are answered"
        case .statusMessage(let id):
            "#\(id) is a status message, not a document; answer the document it is about"
        case .notDelivered(let id):
            "#\(id) is not in the inbox yet; answer it once `lienthong show \(id)` says delivered or acknowledged"
        case .quarantined(let id):
            "#\(id) was quarantined (it failed checks) and the axis was told so; it cannot be answered"
        case .notARequest(let id, let code):
            "#\(id) is not a revoke, update or replace request; status \(code.rawValue) answers only those"
        case .alreadyAnswered(let code, let state):
            "status \(code.rawValue) (\(code.english)) was already \(state == .sent ? "sent" : "queued") "
                + "for this document; each status is sent once"
        case .alreadyRejected(let asked):
            "this document was rejected (02); status \(asked.rawValue) cannot follow a rejection"
        case .alreadyAccepted(let by):
            "this document was already accepted (status \(by.rawValue) was sent or queued); it cannot be rejected now"
        case .notAcceptedYet(let asked):
            "status \(asked.rawValue) (\(asked.english)) follows acceptance: send 03 first"
        case .laterStatusExists(let asked, let later):
            "status \(later.rawValue) (\(later.english)) was already sent or queued; "
                + "\(asked.rawValue) (\(asked.english)) would go back in the order 03, 04, 05, 06"
        case .requestAlreadyAnswered(let by):
            "this request was already answered with \(by.rawValue) (\(by.english)); 15 and 16 exclude each other"
        }
    }

    /// The same, in Vietnamese, for the clerk.
    public var vietnamese: String {
        switch self {
        case .unknownCode(let code):
            "'\(code)' không phải là mã trạng thái văn thư được gửi. Dùng một trong: 02 (từ chối, cần lý do), "
                + "03 (tiếp nhận), 04 (phân công), 05 (đang xử lý), 06 (hoàn thành), 15 (đồng ý yêu cầu thu hồi/"
                + "cập nhật/thay thế), 16 (từ chối yêu cầu, cần lý do)."
        case .reasonRequired(let code):
            "Trạng thái \(code.rawValue) (\(code.vietnamese)) cần ghi lý do cho nơi gửi: viết lý do vào trong tệp."
        case .reasonTooLong(let characters):
            "Lý do dài \(characters) ký tự; chỉ được tối đa \(AnswerRules.maximumReasonLength) ký tự."
        case .unknownDocument(let id):
            "Không có văn bản số \(id)."
        case .notReceived:
            "Đây là văn bản cơ quan mình gửi đi; chỉ trả lời văn bản đến."
        case .statusMessage:
            "Đây là thông báo trạng thái, không phải văn bản."
        case .notDelivered:
            "Văn bản chưa được đưa vào thư mục nhận."
        case .quarantined:
            "Văn bản đã bị cách ly vì không đạt kiểm tra; không trả lời được."
        case .notARequest(_, let code):
            "Văn bản này không phải là yêu cầu thu hồi, cập nhật hay thay thế; mã \(code.rawValue) chỉ dùng để trả lời "
                + "các yêu cầu đó."
        case .alreadyAnswered(let code, let state):
            "Trạng thái \(code.rawValue) (\(code.vietnamese)) "
                + "đã \(state == .sent ? "được gửi" : "được xếp hàng chờ gửi") "
                + "cho văn bản này; mỗi trạng thái chỉ gửi một lần."
        case .alreadyRejected(let asked):
            "Văn bản đã bị từ chối (02); không gửi được trạng thái \(asked.rawValue) sau khi từ chối."
        case .alreadyAccepted(let by):
            "Văn bản đã được tiếp nhận (đã gửi trạng thái \(by.rawValue)); không từ chối được nữa."
        case .notAcceptedYet(let asked):
            "Trạng thái \(asked.rawValue) (\(asked.vietnamese)) chỉ gửi sau khi tiếp nhận: gửi 03 trước."
        case .laterStatusExists(let asked, let later):
            "Đã gửi trạng thái \(later.rawValue) (\(later.vietnamese)); không quay lại \(asked.rawValue) "
                + "(\(asked.vietnamese)). Thứ tự là 03, 04, 05, 06."
        case .requestAlreadyAnswered(let by):
            "Yêu cầu này đã được trả lời bằng mã \(by.rawValue) (\(by.vietnamese)); 15 và 16 chỉ chọn một."
        }
    }
}
