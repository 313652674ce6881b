import Foundation
import SystemSupport

/// The `description` of an `updateStatus fail`: why we refused a document, as the axis accepts it in a signed header
/// and as another agency may read it.
///
/// Printable ASCII on one line, at most ``maximumLength`` characters, never starting or ending with a space (the
/// client's header check refuses those, and a refused acknowledgement was never sent), never empty. A bilingual
/// reason (Vietnamese line, then English line) gives its English line; other text loses its diacritics
/// (`Hà Nội` → `Ha Noi`, `đ` → `d`). Local paths never leave the machine: every absolute path, and every given local
/// root wherever it appears, becomes ``pathPlaceholder``; `reason.txt` in `quarantine/` keeps them for the admin.
enum AxisFailDescription {
    static let maximumLength = 200
    static let pathPlaceholder = "[local file]"
    /// Sent when nothing of the reason survives the rules above.
    static let fallback = "Rejected by the recipient's lienthong; see its quarantine folder"

    static func make(_ reason: String, localRoots: [String] = []) -> String {
        let lines = reason.split(whereSeparator: \.isNewline).map(String.init)
        let text = withoutLocalPaths(lines.count == 2 ? lines[1] : lines.joined(separator: " "), localRoots: localRoots)
        let folded = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        let ascii = String(
            String.UnicodeScalarView(folded.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7f }))
        let cut = String(ascii.prefix(maximumLength)).trimmingCharacters(in: .whitespaces)
        return cut.isEmpty ? fallback : cut
    }

    /// `text` with each local root and each absolute path replaced by ``pathPlaceholder`` (``ServerPaths``).
    static func withoutLocalPaths(_ text: String, localRoots: [String]) -> String {
        ServerPaths.redacted(text, placeholder: pathPlaceholder, localRoots: localRoots)
    }
}
