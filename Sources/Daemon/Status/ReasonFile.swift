import SystemSupport

/// The text a clerk reads next to a document that needs a person: `failed/x.pdf.error.txt` or
/// `quarantine/<DocId>/reason.txt`, for `status --json` and the status page.
///
/// The folders are in the share, writable by office users, so the file is opened as untrusted (no symbolic link, a
/// regular file with one link: a planted link to a secret file shows nothing) and read up to ``limit`` bytes.
enum ReasonFile {
    /// At most this many bytes are shown; a longer file is cut (at a character boundary) and marked with `…`.
    static let limit = 8 * 1024

    /// The reason file of a failed (`location` is the file in `failed/`) or quarantined (`location` is the folder
    /// in `quarantine/`) document; nil when there is none or it cannot be read safely.
    static func text(state: String, location: String?) -> String? {
        guard let location else { return nil }
        switch state {
        case "failed": return read(location + ".error.txt")
        case "quarantined": return read(location + "/reason.txt")
        default: return nil
        }
    }

    static func read(_ path: String) -> String? {
        guard let (descriptor, _) = try? SafeOpen.openUntrustedRegularFile(at: path) else { return nil }
        defer { try? descriptor.close() }
        var bytes = [UInt8](repeating: 0, count: limit + 1)
        let count = (try? bytes.withUnsafeMutableBytes { try descriptor.readFully(into: $0) }) ?? 0
        let truncated = count > limit
        var text = String(decoding: bytes.prefix(min(count, limit)), as: UTF8.self)
        if truncated {
            // A multi-byte character cut in two decodes as U+FFFD at the end: drop it.
            while text.last == "\u{FFFD}" { text.removeLast() }
            text += "…"
        }
        return text
    }
}
