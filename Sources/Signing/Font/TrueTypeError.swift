/// Why a TrueType font file cannot be used for the visible signature box. The file is treated as untrusted: every
/// table is bounds-checked, and anything inconsistent is reported here instead of being read past.
public enum TrueTypeError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file is larger than any plausible text font.
    case tooLarge(path: String, limit: Int)
    /// The file is not a TrueType font (wrong signature), or is a kind lienthong does not embed (CFF-based OpenType,
    /// font collections).
    case notTrueType(path: String, detail: String)
    /// A required table is absent.
    case missingTable(path: String, tag: String)
    /// A table is shorter than its fields, points outside the file, or contradicts another table.
    case malformed(path: String, table: String, detail: String)
    /// The font's licence (OS/2 fsType) forbids embedding it in a document.
    case embeddingForbidden(path: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "the font \(path) cannot be read (\(reason)); check the path and that lienthong may read it"
        case .tooLarge(let path, let limit):
            return "the font \(path) is larger than \(limit >> 20) MiB, which no text font is; check that the path "
                + "names a TrueType (.ttf) file"
        case .notTrueType(let path, let detail):
            return "\(path) is not a usable TrueType font (\(detail)); use a .ttf file with TrueType outlines, "
                + "e.g. Liberation Serif from the fonts-liberation2 package"
        case .missingTable(let path, let tag):
            return "the font \(path) has no '\(tag)' table, which embedding needs; use a complete .ttf file, "
                + "e.g. Liberation Serif from the fonts-liberation2 package"
        case .malformed(let path, let table, let detail):
            return "the font \(path) is damaged: its '\(table)' table \(detail); reinstall the font package or "
                + "use another copy of the file"
        case .embeddingForbidden(let path):
            return "the licence of the font \(path) forbids embedding it (OS/2 fsType); use a font that may be "
                + "embedded, e.g. Liberation Serif from the fonts-liberation2 package"
        }
    }
}
