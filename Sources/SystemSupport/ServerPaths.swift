/// Takes the server's own paths out of a text that leaves the server's internals: the clerks' plain-text files
/// (`x.pdf.error.txt`, `reason.txt`, `answer-02.error.txt`) and the description of an axis `fail`.
///
/// A clerk reaches the share through Samba, where `/srv/lienthong/<agency>/outbox/x.pdf` means nothing and the
/// spool (`/var/lib/lienthong/spool/…`) cannot be reached at all; the whole text stays in the journal and in
/// `lienthong show` for the admin.
public enum ServerPaths {
    /// `text` with each of `localRoots` (longest first) and each absolute path replaced by `placeholder`.
    ///
    /// An absolute path is a `/` at the start of a word (after a space, a quote, a bracket or `=`) and at least one
    /// more character, up to the next space, quote, bracket, `,`, `;` or `:`; a final `.` stays, as the end of the
    /// sentence. A root replaced first covers paths with spaces in them (`/srv/lienthong/UBND tinh/inbox`), which the
    /// word rule alone would cut. Relative paths (`outbox/000.00.00.H26/`) and URLs (`http://…`) stay.
    public static func redacted(_ text: String, placeholder: String, localRoots: [String] = []) -> String {
        var text = text
        for root in localRoots.filter({ $0.count > 1 }).sorted(by: { $0.count > $1.count }) {
            text = text.replacingOccurrences(of: root, with: placeholder)
        }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let startsWord = result.isEmpty || result.hasSuffix(placeholder) || wordStart.contains(result.last!)
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
            } else if !result.hasSuffix(placeholder) {
                result += placeholder
            }
            index = end
        }
        return result
    }

    /// What replaces a path in the English part of a clerk's file; the Vietnamese part carries no technical detail.
    public static let clerkPlaceholder = "[server file]"

    private static let wordStart: Set<Character> = [" ", "\t", "'", "\"", "(", "[", "<", "="]
    private static let pathEnd: Set<Character> = ["'", "\"", ")", "]", ">", ",", ";", ":"]
}
