import StateStore
import SystemSupport

/// Why a status request file (`answer-02.txt`) was not turned into an answer. The clerk reads ``vietnamese`` and
/// ``english`` appended to the renamed file (`answer-02.error.txt`).
enum AnswerRequestProblem: Error, CustomStringConvertible, Equatable {
    /// The code, the reason or the order of statuses is refused (see ``AnswerRefusal``).
    case refused(AnswerRefusal)
    /// The file is larger than a reason can be; it was not read.
    case tooLarge(limit: Int)
    /// The reason is not UTF-8 text.
    case notUTF8
    /// The file could not be read safely (not a regular file, hard-linked, I/O error).
    case unreadable(String)

    var description: String { english }

    var english: String {
        switch self {
        case .refused(let refusal):
            refusal.description
        case .tooLarge(let limit):
            "the file is larger than \(limit / 1024) KiB; a status request holds only a short reason. "
                + "Write the reason in a new, small text file."
        case .notUTF8:
            "the reason is not UTF-8 text. Save the file as UTF-8 (in Notepad: Save As, Encoding UTF-8) "
                + "and drop it again."
        case .unreadable(let reason):
            "the file cannot be read safely: "
                + ServerPaths.redacted(reason, placeholder: ServerPaths.clerkPlaceholder)
        }
    }

    var vietnamese: String {
        switch self {
        case .refused(let refusal):
            refusal.vietnamese
        case .tooLarge(let limit):
            "Tệp lớn hơn \(limit / 1024) KiB; tệp yêu cầu chỉ ghi lý do ngắn. "
                + "Hãy viết lý do vào một tệp văn bản mới, nhỏ."
        case .notUTF8:
            "Lý do không phải văn bản UTF-8. Hãy lưu tệp dạng UTF-8 (trong Notepad: Save As, Encoding UTF-8) "
                + "rồi đặt lại."
        case .unreadable:
            "Không đọc được tệp một cách an toàn (không phải tệp thường, hoặc là liên kết)."
        }
    }

    init(_ error: UntrustedFileError) {
        self = .unreadable(error.description)
    }
}
