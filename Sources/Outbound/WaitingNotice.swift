import Config
import Foundation
import StateStore
import SystemSupport

/// `outbox/DANG-CHO-GUI.txt` ("waiting to send"): while documents wait, a clerk looking at the share sees that the
/// file they dropped is still on its way and what it waits for, instead of a file that vanished into the spool.
/// Vietnamese first, then English; file names and recipient codes only, never a path of the server. The file is
/// rewritten as the queue changes and removed when nothing waits. The folder watcher never takes it for a
/// document (`TempFilePatterns`).
struct WaitingNotice {
    static let fileName = "DANG-CHO-GUI.txt"
    /// Documents listed at most; the others are counted.
    static let listLimit = 50

    /// What holds back every document of the agency, in the clerk's words.
    enum CommonReason: Equatable {
        case signingKeyNotReady
        case serverTrouble
        case axisNotAccepting

        var vietnamese: String {
            switch self {
            case .signingKeyNotReady: "khóa ký số (USB token) của cơ quan chưa sẵn sàng; quản trị viên đã được báo"
            case .serverTrouble:
                "máy chủ lienthong đang gặp sự cố (ổ đĩa hoặc cơ sở dữ liệu); quản trị viên đã được báo"
            case .axisNotAccepting:
                "Trục liên thông văn bản quốc gia chưa nhận văn bản (không kết nối được hoặc đang lỗi); văn bản sẽ "
                    + "tự động được gửi ngay khi trục hoạt động lại"
            }
        }

        var english: String {
            switch self {
            case .signingKeyNotReady: "the agency's signing key (USB token) is not ready; the administrator is told"
            case .serverTrouble: "the lienthong server has a problem (disk or database); the administrator is told"
            case .axisNotAccepting:
                "the national document axis is not accepting documents (unreachable or failing); they are sent "
                    + "as soon as it works again"
            }
        }
    }

    let documents: [DocumentRecord]
    let total: Int
    let reason: CommonReason?
    /// The agency's `time_zone`, for the times listed.
    var timeZone: CivilTimeZone = .vietnam

    /// The notice's text; nil when nothing waits (the file is then removed).
    var text: String? {
        guard total > 0 else { return nil }
        var vietnamese = ["VĂN BẢN ĐANG CHỜ GỬI: \(total)"]
        var english = ["DOCUMENTS WAITING TO BE SENT: \(total)"]
        vietnamese.append(
            "Tệp này do lienthong viết và tự cập nhật; khi mọi văn bản đã gửi, tệp tự mất. Không cần sửa.")
        english.append("lienthong writes and updates this file; it disappears when everything is sent. Leave it.")
        if let reason {
            vietnamese.append("Lý do chung: \(reason.vietnamese).")
            english.append("Why: \(reason.english).")
        }
        vietnamese.append("")
        english.append("")
        for document in documents {
            vietnamese.append("- " + line(document, vietnamese: true))
            english.append("- " + line(document, vietnamese: false))
        }
        if total > documents.count {
            vietnamese.append("- và \(total - documents.count) văn bản khác")
            english.append("- and \(total - documents.count) more")
        }
        return (vietnamese + [""] + english).joined(separator: "\n") + "\n"
    }

    private func line(_ document: DocumentRecord, vietnamese: Bool) -> String {
        let recipients = document.recipients.joined(separator: ", ")
        var line = document.fileName + (recipients.isEmpty ? "" : " → \(recipients)") + ": "
        line += Self.state(document.state, vietnamese: vietnamese)
        line += (vietnamese ? ", từ " : ", since ") + time(document.createdAt)
        if document.attempts > 0 {
            line += vietnamese ? ", đã thử \(document.attempts) lần" : ", \(document.attempts) attempt(s) failed"
            if let next = document.nextAttemptAt {
                line += (vietnamese ? ", thử lại lúc " : ", next try at ") + time(next)
            }
        }
        return line
    }

    private static func state(_ state: DocumentState, vietnamese: Bool) -> String {
        switch (state, vietnamese) {
        case (.detected, true): "đã nhận, chờ xử lý"
        case (.detected, false): "found, waiting to be taken"
        case (.claimed, true): "chờ ký số"
        case (.claimed, false): "waiting to be signed"
        case (.signed, true): "đã ký số, chờ đóng gói"
        case (.signed, false): "signed, waiting to be packaged"
        case (.packaged, true): "chờ gửi lên Trục liên thông"
        case (.packaged, false): "waiting to go on the national axis"
        case (.sent, true): "đã gửi, đang lưu biên nhận"
        case (.sent, false): "sent, the receipt is being filed"
        default: state.rawValue
        }
    }

    /// `HH:mm dd/MM/yyyy` in ``timeZone``.
    private func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone.zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%02d:%02d %02d/%02d/%04d", c.hour ?? 0, c.minute ?? 0, c.day ?? 0, c.month ?? 0, c.year ?? 0)
    }

    /// Writes the notice into `outbox` (durably, replacing the previous one), or removes it when nothing waits.
    func publish(in outbox: String) throws {
        let path = outbox + "/" + Self.fileName
        guard let text else {
            // Missing already is fine; the notice is a file lienthong owns, never a link (removeTree follows none).
            try Directories.removeTree(path)
            return
        }
        try DurableFile.write(Array(text.utf8), to: path, mode: 0o644, replaceExisting: true)
    }
}
