import Foundation
import StateStore
import SystemSupport

/// A status request file: what a clerk drops into a received document's inbox folder instead of running
/// `lienthong answer`. `answer-03.txt` (or `tra-loi-03.txt`, `Trả lời 03.txt`) asks for status 03; its content,
/// UTF-8, is the reason (required for 02 and 16).
///
/// The file comes from an office user's share: it is opened without following links, must be a regular file with
/// one link, and at most ``maximumBytes`` of it are ever read.
enum AnswerRequestFile {
    /// The largest request file read; a reason is at most ``AnswerRules/maximumReasonLength`` characters.
    static let maximumBytes = 16 * 1024

    /// The code text a file name asks for (`"03"` for `answer-03.txt`), or nil when the name is not a request.
    ///
    /// Case, Vietnamese diacritics, spaces and underscores do not matter; `.txt` is optional. Names with another
    /// dot (`answer-03.queued.txt`, `answer-03.docx`) are not requests, so the results lienthong writes are never
    /// read again.
    static func requestedCode(fileName: String) -> String? {
        var name = fileName.lowercased().replacingOccurrences(of: "đ", with: "d")
            .folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-")
        if name.hasSuffix(".txt") { name.removeLast(4) }
        for prefix in ["answer-", "tra-loi-"] where name.hasPrefix(prefix) {
            let code = String(name.dropFirst(prefix.count))
            return code.contains(".") || code.isEmpty ? nil : code
        }
        return nil
    }

    /// The name without `.txt`, for the result names `<stem>.queued.txt` and `<stem>.error.txt`.
    static func stem(of fileName: String) -> String {
        fileName.lowercased().hasSuffix(".txt") ? String(fileName.dropLast(4)) : fileName
    }

    /// What the request asks: its code and reason, checked on their own (the document's history is checked when
    /// it is queued). `bytes` is the file's content, at most ``maximumBytes`` + 1 bytes of it.
    static func parse(fileName: String, bytes: [UInt8]) throws(AnswerRequestProblem) -> (AnswerCode, String?) {
        let codeText = requestedCode(fileName: fileName) ?? fileName
        guard let code = AnswerCode(parsing: codeText) else { throw .refused(.unknownCode(codeText)) }
        guard bytes.count <= maximumBytes else { throw .tooLarge(limit: maximumBytes) }
        var content = bytes[...]
        if content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }  // Notepad's UTF-8 BOM
        guard let text = String(validating: content, as: UTF8.self) else { throw .notUTF8 }
        do {
            return (code, try AnswerRules.normalizedReason(text, for: code))
        } catch {
            throw .refused(error)
        }
    }

    /// Reads at most `limit` + 1 bytes from an open untrusted file: enough to tell that it is too large.
    static func readCapped(_ descriptor: FileDescriptor, limit: Int = maximumBytes) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: limit + 1)
        let count = try bytes.withUnsafeMutableBytes { try descriptor.readFully(into: $0) }
        return Array(bytes.prefix(count))
    }
}
