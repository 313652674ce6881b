import Foundation

/// Recognising PDF files by content rather than by name.
public enum PDFKind {
    /// Whether the file at `path` starts with `%PDF-`. False for missing, unreadable or non-regular files.
    public static func isPDF(path: String) -> Bool {
        guard let reader = try? PDFFileReader(path: path), let head = try? reader.read(at: 0, count: 5) else {
            return false
        }
        return head == Array("%PDF-".utf8)
    }
}
