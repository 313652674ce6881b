import Foundation
import StateStore
import SystemSupport

extension OutboundSpool {
    /// `spool/out/<id>/attachments.txt`: a document folder's attachment names in sending order, one a line, written
    /// before the first file moves. Its presence means the folder's move into the spool has begun.
    func attachmentList(of id: Int64) -> String { "\(directory(of: id))/attachments.txt" }

    /// `spool/out/<id>/wrapped/<name>.zip`: the single-entry ZIP that travels for an attachment whose type is not
    /// sent raw (``AttachmentWrapping``); built once, so every send uses the same bytes.
    func wrapped(of id: Int64, name: String) -> String { "\(directory(of: id))/wrapped/\(name).zip" }

    /// The names of a document's attachments, in sending order: the folder's list, or the one file.
    func attachmentNames(of document: DocumentRecord) throws -> [String] {
        guard document.isDocumentFolder, let id = document.id else { return [document.fileName] }
        let text = try String(contentsOfFile: attachmentList(of: id), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }
}

extension DocumentRecord {
    /// True for a document folder (``DocumentFolderRule``): its source path is the folder's, with a trailing `/`
    /// (the record needs no extra column; `lienthong show` prints the path as a folder).
    var isDocumentFolder: Bool { sourcePath?.hasSuffix("/") == true }
}
