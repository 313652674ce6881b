import Foundation

/// `visible_signature`: which outgoing PDFs carry the Decree 30 visible box of the agency signature.
///
/// Decree 30/2020 (Appendix I) asks for the agency signature on attachments to show, top right of page 1, the
/// number/notation and the signing time; other documents are signed invisibly. Folders are named as clerks see them:
/// the first folder below `outbox/` (a recipient code, a route, or several joined with `+`).
public struct VisibleSignatureSettings: Sendable, Equatable {
    /// Liberation Serif: metric-compatible with Times New Roman, with Vietnamese glyphs (Debian fonts-liberation2).
    public static let defaultFont = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
    /// The name that stands for every folder, including files saved directly in `outbox/`.
    public static let everyFolder = "*"

    /// First-level folder names below `outbox/` whose PDFs get the box, or `*` for all. Empty: invisible everywhere.
    public var folders: [String]
    /// The TrueType font embedded (as a subset) in the box.
    public var font: String

    public init(folders: [String] = [], font: String = Self.defaultFont) {
        self.folders = folders
        self.font = font
    }

    /// Whether a PDF found in `folder` (first folder below `outbox/`, `""` for `outbox/` itself) gets the box.
    /// Names compare in NFC: a Mac client may create the folder decomposed.
    public func appliesTo(folder: String) -> Bool {
        folders.contains(Self.everyFolder)
            || (!folder.isEmpty && folders.contains(folder.precomposedStringWithCanonicalMapping))
    }
}
