import Config
import Foundation
import StateStore
import SystemSupport

/// `lienthong retry` of a failed revoke, update or replace request.
///
/// A request's file does not come from the outbox, so moving it back "where it was found" (`spool/requests/…`, which
/// nothing watches) would do nothing. Instead the request is put back on its own record: its file and metadata file
/// are copied from `failed/` into a fresh staging folder (opened like any file from the share: no link, one name,
/// within the size limit), the record moves `failed → detected` with the new copy's identity, and only then are the
/// copies in `failed/` removed. The daemon claims, signs, packages and sends it again from there, with the same look-up
/// before sending when an earlier send got no reply (`sendUncertain` is kept). The concerned document must still
/// accept the request (a second revoke may have been made meanwhile).
extension BusinessRequester {
    /// Queues failed request `request` again; returns the record, now `detected`.
    /// - Throws: ``BusinessRequestError`` saying why the request cannot be retried and what to do instead; nothing
    ///   changes when one is thrown.
    public func requeue(_ request: DocumentRecord) throws(BusinessRequestError) -> DocumentRecord {
        let now = clock()
        guard let id = request.id, request.direction == .outbound, let concernedId = request.relatedDocumentId,
            let operation = request.businessDocType.flatMap(BusinessOperation.init(rawValue:))
        else { throw .notARequest(document: request.id ?? 0) }
        guard request.state == .failed else { throw .notFailed(request: id, state: request.state) }
        guard !request.filingPending else { throw .filingInProgress(request: id) }
        _ = try target(concernedId, operation)

        let candidates = [request.destinationPath, request.sourcePath].compactMap { $0 }
        let again = Self.commandAgain(operation, concerning: concernedId)
        guard let found = candidates.first(where: { (try? FileStatus.lstat($0)) != nil }) else {
            throw .requestFileMissing(request: id, looked: candidates, again: again)
        }
        let sidecar = found + DocumentSidecar.suffix
        guard (try? FileStatus.lstat(sidecar)) != nil else {
            throw .requestFileMissing(request: id, looked: [sidecar], again: again)
        }

        let staging = BusinessStaging(spoolDirectory: spoolDirectory, limits: limits)
        let folder = try staging.makeFolder()
        let queued: DocumentRecord
        do throws(BusinessRequestError) {
            let staged = try staging.copy(found, into: folder, as: request.fileName)
            _ = try staging.copy(sidecar, into: folder, as: request.fileName + DocumentSidecar.suffix)
            let note = "retried by an administrator: \(found) copied as \(staged.path); \(operation.name) queued again"
            do {
                queued = try store.requeueBusinessRequest(id, note: note, now: now) {
                    $0.sourcePath = staged.path
                    $0.fileSize = staged.status.size
                    $0.fileModifiedNanos = staged.status.modificationTime.nanosecondsSince1970
                    $0.fileInode = Int64(bitPattern: staged.status.inode)
                    $0.sha256 = staged.sha256
                    $0.destinationPath = nil
                    $0.clerkNotice = nil
                    $0.filingPending = false
                }
            } catch let refusal as BusinessRequestRefusal {
                // Another request about the document was made while the files were copied.
                throw BusinessRequestError.refused(refusal)
            } catch {
                throw BusinessRequestError.staging("cannot record the retry: \(error)")
            }
        } catch {
            staging.clean(abandoned: folder)
            throw error
        }
        _ = try? store.annotate(concernedId, note: "\(operation.name) request #\(id) retried by an administrator")
        // The copies in failed/ (or the old staging folder) are stale now; the record no longer points at them.
        for stale in [found, sidecar, found + ".error.txt", found + ".p7s"] { try? Directories.removeTree(stale) }
        staging.clean(abandoned: nil)
        return queued
    }

    /// The command that makes a new request of the same kind, for messages.
    static func commandAgain(_ operation: BusinessOperation, concerning id: Int64) -> String {
        switch operation {
        case .revoke: "lienthong revoke \(id) --reason \"…\""
        case .update: "lienthong update \(id) NEWFILE --reason \"…\""
        case .replace: "lienthong replace \(id) NEWFILE"
        }
    }
}
