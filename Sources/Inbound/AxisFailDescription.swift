import Foundation

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

    /// `text` with each local root (longest first) and each absolute path replaced by ``pathPlaceholder``.
    ///
    /// An absolute path is a `/` at the start of a word (after a space, a quote, a bracket or `=`) and at least one
    /// more character, up to the next space, quote, bracket, `,`, `;` or `:`; a final `.` stays, as the end of the
    /// sentence. A root replaced first
    /// covers paths with spaces in them (`/srv/lienthong/UBND tinh/inbox`), which the word rule alone would cut.
    static func withoutLocalPaths(_ text: String, localRoots: [String]) -> String {
        var text = text
        for root in localRoots.filter({ $0.count > 1 }).sorted(by: { $0.count > $1.count }) {
            text = text.replacingOccurrences(of: root, with: pathPlaceholder)
        }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let startsWord = result.isEmpty || result.hasSuffix(pathPlaceholder) || wordStart.contains(result.last!)
            guard character == "/", startsWord else {
                result.append(character)
                index = text.index(after: index)
                continue
            }
            var end = index
            while end < text.endIndex, !pathEnd.contains(text[end]), !text[end].isWhitespace {
                end = text.index(after: end)
            }
            if end > text.index(after: index), text[text.index(before: end)] == "." { end = text.index(before: end) }
            if end == text.index(after: index) {
                result.append(character)
            } else if !result.hasSuffix(pathPlaceholder) {
                result += pathPlaceholder
            }
            index = end
        }
        return result
    }

    private static let wordStart: Set<Character> = [" ", "\t", "'", "\"", "(", "[", "<", "="]
    private static let pathEnd: Set<Character> = ["'", "\"", ")", "]", ">", ",", ";", ":"]
}
