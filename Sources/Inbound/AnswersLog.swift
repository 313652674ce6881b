import Config
import Foundation
import Logging
import StateStore
import SystemSupport

/// `answers.txt` in a received document's inbox folder: every status sent about it, one line each, so the clerk
/// sees in the folder what the sender was told.
enum AnswersLog {
    static let fileName = "answers.txt"

    static let heading = "CÁC TRẠNG THÁI ĐÃ GỬI CHO NƠI GỬI / STATUSES SENT TO THE SENDER\n"

    /// The line for one answer sent: time, code, meaning in both languages, reason.
    static func line(for answer: AnswerRecord, sentAt: Date, timeZone: CivilTimeZone) -> String {
        let reason = answer.reason.map { " | Lý do / Reason: \($0.replacingOccurrences(of: "\n", with: " "))" } ?? ""
        return "\(timeZone.stamp(sentAt))  \(answer.code.rawValue) \(answer.code.vietnamese) / "
            + "\(answer.code.english)\(reason)"
    }

    /// Appends `line` to the folder's log. The folder must still be a directory (a clerk may have replaced it by a
    /// link). The answer is in the database and `lienthong show` either way; only the clerk's copy would be behind.
    static func append(_ line: String, toFolder folder: String, logger: Logger, metadata: Logger.Metadata) {
        guard (try? FileStatus.lstat(folder))?.kind == .directory else {
            logger.warning("the inbox folder is gone; \(fileName) not updated", metadata: metadata)
            return
        }
        let path = folder + "/" + fileName
        do {
            var text = heading
            if (try? FileStatus.lstat(path))?.kind == .regular {
                let (descriptor, _) = try SafeOpen.openUntrustedRegularFile(at: path)
                defer { try? descriptor.close() }
                let bytes = try AnswerRequestFile.readCapped(descriptor, limit: maximumLogBytes)
                guard bytes.count <= maximumLogBytes else {
                    logger.warning("\(path) is over \(maximumLogBytes) bytes; not rewritten", metadata: metadata)
                    return
                }
                text = String(decoding: bytes, as: UTF8.self)
            }
            try DurableFile.write(Array((text + line + "\n").utf8), to: path, replaceExisting: true)
        } catch {
            logger.warning("cannot add to \(path): \(error)", metadata: metadata)
        }
    }

    /// The log is rewritten on each answer; a document gets a handful, so this is never reached in practice.
    static let maximumLogBytes = 1024 * 1024
}
