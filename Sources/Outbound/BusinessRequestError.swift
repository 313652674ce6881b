import Config
import StateStore
import SystemSupport

/// Why a revoke, update or replace request was not queued. Nothing is queued and nothing is sent when one is thrown.
public enum BusinessRequestError: Error, CustomStringConvertible, Sendable {
    /// The document may not take the request (unknown, received, not sent, a revoke already pending).
    case refused(BusinessRequestRefusal)
    /// Revokes and updates must say why; the reason travels to the recipients.
    case missingReason(operation: String)
    /// The document belongs to an agency the configuration no longer has.
    case unknownAgency(String)
    /// The new file is a link, a directory, a device, or has several names.
    case unsafeFile(UntrustedFileError)
    /// The new file, or the sent copy a revoke carries, cannot be read.
    case unreadable(path: String, reason: String)
    /// The new file is larger than `limits.max_document_size`.
    case tooLarge(path: String, size: Int64, limit: Int64)
    /// The file sent with a revoke (the copy in `sent/`) is no longer there.
    case sentCopyMissing(document: Int64, looked: [String])
    /// The document was a folder of files; a revoke carries the document, and carrying a folder is not built yet.
    case folderRevokeUnsupported(document: Int64)
    /// `NEWFILE.meta.yaml` cannot be used.
    case unusableMetadata(path: String, problems: [ConfigProblem])
    /// An update keeps the DocumentId of the document it updates; a new number, notation or date needs a replacement.
    case updateChangesIdentity(fields: [String])
    /// The request could not be staged in the spool (disk full, permissions).
    case staging(String)
    /// `retry` was asked for a document that is not a revoke, update or replace request.
    case notARequest(document: Int64)
    /// `retry` was asked for a request that has not failed.
    case notFailed(request: Int64, state: DocumentState)
    /// The daemon has not finished moving the failed request's files into `failed/`.
    case filingInProgress(request: Int64)
    /// The failed request's file or metadata file is gone; `again` is the command that makes a new request.
    case requestFileMissing(request: Int64, looked: [String], again: String)

    public var description: String {
        switch self {
        case .refused(let refusal):
            refusal.description
        case .missingReason(let operation):
            "a \(operation) must give a reason (--reason \"…\"); it is sent to the recipients as BussinessDocReason"
        case .unknownAgency(let code):
            "the document belongs to agency \(code), which is not in the configuration; add it back to act on it"
        case .unsafeFile(let error):
            error.description
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .tooLarge(let path, let size, let limit):
            "\(path) is \(size) bytes; limits.max_document_size allows \(limit)"
        case .sentCopyMissing(let id, let looked):
            "a revoke carries the document it takes back (as the axis samples do), but the copy of #\(id) is not at "
                + looked.joined(separator: " or ") + "; put the file back there and revoke again"
        case .folderRevokeUnsupported(let id):
            "document #\(id) was sent as a folder of files, and lienthong cannot yet revoke a folder document; "
                + "`lienthong replace \(id) NEWFILE` sends a document that replaces it"
        case .unusableMetadata(let path, let problems):
            "\(path) cannot be used: " + problems.map(\.description).joined(separator: "; ")
        case .updateChangesIdentity(let fields):
            "an update keeps the number, notation and date of the document it updates, but the metadata file changes "
                + fields.joined(separator: ", ") + "; use `lienthong replace` to send a document with a new one"
        case .staging(let reason):
            "cannot queue the request in the spool: \(reason)"
        case .notARequest(let id):
            "document #\(id) is not a revoke, update or replace request"
        case .notFailed(let id, let state):
            "request #\(id) has not failed (it is \(state.rawValue)); `lienthong show \(id)` follows it"
        case .filingInProgress(let id):
            "request #\(id) is still being moved into failed/ by the daemon; retry once `lienthong show \(id)` says "
                + "where it was filed (start the daemon if it is stopped: it finishes the move first)"
        case .requestFileMissing(let id, let looked, let again):
            "request #\(id) cannot be sent again: its file is no longer at " + looked.joined(separator: " or ")
                + "; make a new request with `\(again)`"
        }
    }
}
