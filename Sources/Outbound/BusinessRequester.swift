import Config
import Foundation
import StateStore
import SystemSupport

/// Queues revoke, update and replace requests about documents we sent (`lienthong revoke|update|replace`).
///
/// A request becomes an outbound document of its own that the daemon claims, signs, packages, sends and files like
/// any other, with the same retries and the same look-up after a lost reply (exactly once on the axis). What makes it
/// a request is decided in one place, ``BusinessBlock``: its `Bussiness` block names the document concerned. It
/// goes to the concerned document's recipients with that document's metadata, unless `NEWFILE.meta.yaml` gives
/// new values. The file sent is:
/// - revoke: the concerned document itself, from `sent/` (VNPT's revocation sample carries it);
/// - update and replace: `NEWFILE`, copied into the spool (the admin keeps theirs) and signed like an outbox file.
///
/// ```swift
/// let requester = BusinessRequester(agencies: config.agencies, store: store,
///                                   spoolDirectory: config.spoolDirectory, limits: config.limits)
/// let request = try requester.revoke(12, reason: "Sai nơi nhận")
/// ```
public struct BusinessRequester: Sendable {
    let agencies: [AgencyConfig]
    let store: DocumentStore
    let spoolDirectory: String
    let limits: Limits
    /// The time requests are made at: their records' creation, and the day their metadata is judged by.
    let clock: @Sendable () -> Date

    public init(
        agencies: [AgencyConfig], store: DocumentStore, spoolDirectory: String, limits: Limits,
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.agencies = agencies
        self.store = store
        self.spoolDirectory = spoolDirectory
        self.limits = limits
        self.clock = clock
    }

    /// Queues a revoke (BussinessDocType 1) of sent document `id`.
    public func revoke(_ id: Int64, reason: String) throws(BusinessRequestError) -> DocumentRecord {
        try request(.revoke, of: id, newFile: nil, reason: reason, now: clock())
    }

    /// Queues an update (BussinessDocType 2) of sent document `id` with the file at `newFile`.
    public func update(_ id: Int64, with newFile: String, reason: String)
        throws(BusinessRequestError) -> DocumentRecord
    {
        try request(.update, of: id, newFile: newFile, reason: reason, now: clock())
    }

    /// Queues a replacement (BussinessDocType 3) of sent document `id` by the file at `newFile`.
    public func replace(_ id: Int64, with newFile: String, reason: String?)
        throws(BusinessRequestError) -> DocumentRecord
    {
        try request(.replace, of: id, newFile: newFile, reason: reason, now: clock())
    }

    func request(_ operation: BusinessOperation, of id: Int64, newFile: String?, reason: String?, now: Date)
        throws(BusinessRequestError) -> DocumentRecord
    {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if operation.requiresReason, reason?.isEmpty ?? true { throw .missingReason(operation: operation.name) }
        let original = try target(id, operation)
        guard let agency = agencies.first(where: { $0.code == original.agency }) else {
            throw .unknownAgency(original.agency)
        }
        let spool = OutboundSpool(spoolDirectory: spoolDirectory)
        let source: String
        let name: String
        var given: DocumentSidecar?
        if let newFile {
            source = newFile
            name = SafeFileName.sanitize((newFile as NSString).lastPathComponent)
            switch SidecarReading.read(at: newFile + DocumentSidecar.suffix) {
            case .absent: given = nil
            case .read(let sidecar): given = sidecar
            case .unusable(let problems):
                throw .unusableMetadata(path: newFile + DocumentSidecar.suffix, problems: problems)
            }
        } else {
            if original.isDocumentFolder { throw .folderRevokeUnsupported(document: id) }
            source = try sentCopy(of: original, spool: spool)
            name = original.fileName
        }
        let base = BusinessMetadata.original(original, agency: agency, spool: spool, now: now)
        let metadata = try BusinessMetadata.merge(given, onto: base, operation: operation)

        let staging = BusinessStaging(spoolDirectory: spoolDirectory, limits: limits)
        let folder = try staging.makeFolder()
        do throws(BusinessRequestError) {
            let staged = try staging.copy(source, into: folder, as: name)
            try staging.writeMetadata(metadata, besides: staged.path)
            var record = DocumentRecord(
                direction: .outbound, agency: agency.code, fileName: name, sourcePath: staged.path,
                fileSize: staged.status.size, fileModifiedNanos: staged.status.modificationTime.nanosecondsSince1970,
                fileInode: Int64(bitPattern: staged.status.inode), sha256: staged.sha256,
                recipients: metadata.recipients, subject: metadata.subject,
                codeNotation: [metadata.number, metadata.notation].compactMap { $0 }.joined(separator: "/"), now: now)
            record.businessDocType = operation.rawValue
            record.businessDocumentId = original.edxmlDocumentId
            record.relatedDocumentId = id
            record.businessReason = reason?.isEmpty == false ? reason : nil
            let note =
                "\(operation.name) of #\(id) requested by an administrator"
                + (reason?.isEmpty == false ? ": \(reason ?? "")" : "") + "; \(source) copied as \(staged.path)"
            let queued: DocumentRecord
            do {
                queued = try store.insertBusinessRequest(record, note: note)
            } catch let refusal as BusinessRequestRefusal {
                throw BusinessRequestError.refused(refusal)
            } catch {
                throw BusinessRequestError.staging("cannot record the request: \(error)")
            }
            staging.clean(abandoned: nil)
            return queued
        } catch {
            staging.clean(abandoned: folder)
            throw error
        }
    }

    func target(_ id: Int64, _ operation: BusinessOperation) throws(BusinessRequestError) -> DocumentRecord {
        do {
            return try store.businessRequestTarget(id, type: operation.rawValue)
        } catch let refusal as BusinessRequestRefusal {
            throw .refused(refusal)
        } catch {
            throw .staging("cannot read the state database: \(error)")
        }
    }

    /// The concerned document's file as sent: in `sent/` once filed, still in the spool just after the send.
    private func sentCopy(of original: DocumentRecord, spool: OutboundSpool) throws(BusinessRequestError) -> String {
        var candidates: [String] = []
        if let destination = original.destinationPath { candidates.append(destination) }
        if let id = original.id { candidates.append(spool.original(of: id, fileName: original.fileName)) }
        guard let found = candidates.first(where: { (try? FileStatus.lstat($0)) != nil }) else {
            throw .sentCopyMissing(document: original.id ?? 0, looked: candidates)
        }
        return found
    }
}
