import Foundation
import Logging
import SystemSupport

/// Adds a status received from a recipient (01 arrived … 06 completed) to the receipt of the document we sent, so
/// the clerk reads the whole story in `sent/…/x.pdf.receipt.txt` and software in `x.pdf.receipt.json`.
enum ReceiptStatusLog {
    static func append(_ line: String, statusTime: String?, toReceiptOf sentCopy: String, logger: Logger) {
        let stamped = "\(statusTime ?? "") \(line)".trimmingCharacters(in: .whitespaces)
        do {
            let textPath = sentCopy + ".receipt.txt"
            let text = (try? String(contentsOfFile: textPath, encoding: .utf8)) ?? ""
            try DurableFile.write(Array((text + stamped + "\n").utf8), to: textPath, replaceExisting: true)

            let jsonPath = sentCopy + ".receipt.json"
            if let data = FileManager.default.contents(atPath: jsonPath),
                var object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            {
                var statuses = object["statuses"] as? [Any] ?? []
                statuses.append(["time": statusTime ?? "", "status": line])
                object["statuses"] = statuses
                let updated = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                try DurableFile.write(Array(updated) + [0x0a], to: jsonPath, replaceExisting: true)
            }
        } catch {
            // The status is in the database and `lienthong show` either way; only the clerk's copy is behind.
            logger.warning("cannot add a status to the receipt of \(sentCopy): \(error)")
        }
    }
}
