import Config
import Foundation
import Logging
import StateStore
import SystemSupport

/// Adds a status received from a recipient (01 arrived … 06 completed) to the receipt of the document we sent, so
/// the clerk reads the whole story in `sent/…/x.pdf.receipt.txt` and software in `x.pdf.receipt.json`. The update
/// goes through ``ReceiptFile``, so a status arriving while the outbound side adds a line loses neither.
enum ReceiptStatusLog {
    /// Appends the receipt line of `status`: its time (the status message's own, written by the recipient in
    /// Vietnam time, shown in the agency's `time_zone`), then the status in Vietnamese, then in English, then the
    /// recipient's description as they wrote it.
    static func append(
        _ status: StatusNote, description: String, statusTime: String?, timeZone: CivilTimeZone,
        toReceiptOf sentCopy: String, logger: Logger
    ) {
        let time = statusTime.map { timeZone.restamp(vietnamTime: $0) }
        let stamped = "\(time ?? "") \(line(status, description: description))".trimmingCharacters(in: .whitespaces)
        do {
            try ReceiptFile(besides: sentCopy).update { receipt in
                receipt.text = (receipt.text ?? "") + stamped + "\n"
                guard var object = receipt.json else { return }
                var statuses = object["statuses"] as? [Any] ?? []
                statuses.append([
                    "time": time ?? "", "code": status.code, "from": status.sender, "description": description,
                    "status": status.message(description: description),
                ])
                object["statuses"] = statuses
                receipt.json = object
            }
        } catch {
            // The status is in the database and `lienthong show` either way; only the clerk's copy is behind.
            logger.warning("cannot add a status to the receipt of \(sentCopy): \(error)")
        }
    }

    /// `trạng thái 03 (Đã tiếp nhận) từ 000.00.00.H26 / status 03 from 000.00.00.H26 (accepted and registered):
    /// <description>`: Vietnamese first, then the English that `lienthong show` also has.
    static func line(_ status: StatusNote, description: String) -> String {
        let meaning = meaning(of: status.code)
        let vietnamese = "trạng thái \(status.code)\(meaning.map { " (\($0.vietnamese))" } ?? "") từ \(status.sender)"
        let english = "status \(status.code) from \(status.sender)\(meaning.map { " (\($0.english))" } ?? "")"
        return "\(vietnamese) / \(english): \(description)"
    }

    /// What a status code means (axis-protocol.md section 6), in both languages; nil for a code we do not know.
    static func meaning(of code: String) -> (vietnamese: String, english: String)? {
        switch code {
        case "01": ("Đã đến", "arrived")
        case "13": ("Lấy lại", "taken back")
        default: AnswerCode(rawValue: code).map { ($0.vietnamese, $0.english) }
        }
    }
}
