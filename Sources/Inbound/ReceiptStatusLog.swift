import Foundation
import Logging
import SystemSupport

/// Adds a status received from a recipient (01 arrived … 06 completed) to the receipt of the document we sent, so
/// the clerk reads the whole story in `sent/…/x.pdf.receipt.txt` and software in `x.pdf.receipt.json`. The update
/// goes through ``ReceiptFile``, so a status arriving while the outbound side adds a line loses neither.
enum ReceiptStatusLog {
    static func append(_ line: String, statusTime: String?, toReceiptOf sentCopy: String, logger: Logger) {
        let stamped = "\(statusTime ?? "") \(line)".trimmingCharacters(in: .whitespaces)
        do {
            try ReceiptFile(besides: sentCopy).update { receipt in
                receipt.text = (receipt.text ?? "") + stamped + "\n"
                guard var object = receipt.json else { return }
                var statuses = object["statuses"] as? [Any] ?? []
                statuses.append(["time": statusTime ?? "", "status": line])
                object["statuses"] = statuses
                receipt.json = object
            }
        } catch {
            // The status is in the database and `lienthong show` either way; only the clerk's copy is behind.
            logger.warning("cannot add a status to the receipt of \(sentCopy): \(error)")
        }
    }
}
