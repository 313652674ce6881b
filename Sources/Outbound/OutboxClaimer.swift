import Config
import CryptoPrimitives
import FolderWatch
import Foundation
import Logging
import StateStore
import SystemSupport

/// Step 3 of the outbound pipeline: takes a ready file out of the clerks' share into the spool.
///
/// The order is the design (reliability.md, "Durable state"): open the file without following links and check it
/// from the descriptor; hash it from that same descriptor; record its identity in SQLite (`detected`); only then
/// move it into the spool and record `claimed`. A crash between the two records leaves a `detected` document
/// whose ``finishClaim(_:)`` is safe to repeat.
struct OutboxClaimer: Sendable {
    let agency: AgencyConfig
    let store: DocumentStore
    let spool: OutboundSpool
    let limits: Limits
    let logger: Logger

    enum Outcome {
        /// A document record now exists for the file (new or found again after a crash).
        case recorded(DocumentRecord)
        /// The file could not be looked at just now (it vanished, or the share is unreadable); nothing recorded.
        case skipped(String)
    }

    /// Records a ready file as a new outbound document, or finds the record a crash left behind.
    func record(_ file: ReadyFile) throws -> Outcome {
        if file.kind == .documentFolder { return try recordFolder(file) }
        if let unfinished = try store.unfinishedOutbound(agency: agency.code, sourcePath: file.path) {
            return .recorded(unfinished)
        }
        let fileName = file.relativeComponents.last ?? (file.path as NSString).lastPathComponent
        let sidecar = SidecarReading.read(at: file.path + DocumentSidecar.suffix)
        let routing = initialRouting(file, sidecar: sidecar)
        let descriptor: FileDescriptor
        let status: FileStatus
        do {
            (descriptor, status) = try SafeOpen.openUntrustedRegularFile(at: file.path)
        } catch {
            if case .system(let systemError) = error, systemError.isNotFound {
                return .skipped("\(file.path) disappeared before it could be claimed")
            }
            if case .system(let systemError) = error {
                return .skipped("cannot open \(file.path): \(systemError)")
            }
            // A symlink, FIFO, device or hard link planted in the share: record it and move it aside.
            let document = try store.insert(
                DocumentRecord(direction: .outbound, agency: agency.code, fileName: fileName, sourcePath: file.path),
                note: "found in the outbox")
            return .recorded(
                try store.markFailed(
                    document, reason: error.description, clerk: .unsafeFile(error.description)))
        }
        defer { try? descriptor.close() }
        let digest = try Self.sha256(of: descriptor)
        var document = DocumentRecord(
            direction: .outbound, agency: agency.code, fileName: fileName, sourcePath: file.path,
            fileSize: status.size, fileModifiedNanos: status.modificationTime.nanosecondsSince1970,
            fileInode: Int64(bitPattern: status.inode), sha256: digest.hex)
        if case .recipients(let codes) = routing { document.recipients = codes }
        document.priority = sidecar.sidecar?.priority ?? 0
        document = try store.insert(document, note: "found in the outbox: \(status.size) bytes, SHA-256 \(digest.hex)")
        if let refused = try refuseIfSecret(document, relativeComponents: file.relativeComponents, sidecar: sidecar) {
            return .recorded(refused)
        }
        switch routing {
        case .recipients, .noRecipient:
            // No recipient yet is reported with every other missing field once the metadata file is in the spool.
            if status.size > limits.maxDocumentSize {
                return .recorded(
                    try store.markFailed(
                        document, reason: "\(status.size) bytes exceeds limits.max_document_size",
                        clerk: .tooLarge(limit: limits.maxDocumentSize)))
            }
            Failpoint.reached("claim.recorded")
            return .recorded(document)
        case .notACode(let folder):
            return .recorded(
                try store.markFailed(
                    document, reason: "the folder \(folder) is not an agency code",
                    clerk: .unknownRecipientFolder(folder)))
        }
    }

    /// Recipients as far as they are known before the claim: the metadata file's `noi_nhan` if it names any (its
    /// codes and routes are checked after the claim), otherwise the folder, a route or the defaults.
    private func initialRouting(_ file: ReadyFile, sidecar: SidecarReading) -> RecipientRouting.Outcome {
        if let named = sidecar.sidecar?.recipients, !named.isEmpty {
            return .recipients(RecipientRouting.expand(named, routes: agency.routes) ?? [])
        }
        return RecipientRouting.recipients(
            relativeComponents: file.relativeComponents, defaults: agency.defaults.recipients, routes: agency.routes)
    }

    /// Moves a `detected` document's file, and its metadata file `x.pdf.meta.yaml` if there is one, from the outbox
    /// into the spool, then checks the metadata. Safe to repeat after a crash.
    ///
    /// The metadata file moves first: the original in the spool marks the claim as done, so a restart never leaves
    /// the metadata file behind. A metadata file that appears after this step is not read (document.meta.example.yaml
    /// tells clerks to write it first).
    ///
    /// - Throws: a permanent ``OutboundFailure`` naming every missing or invalid field when the metadata is
    ///   incomplete; the document is `claimed` by then and the pipeline files it in `failed/`.
    func finishClaim(_ document: DocumentRecord, now: Date = Date()) throws -> DocumentRecord {
        let how: String
        switch try document.isDocumentFolder ? moveFolderIntoSpool(document) : moveIntoSpool(document) {
        case .inSpool(let words): how = words
        case .ended(let ended): return ended
        }
        // The files are in the spool: their metadata is read now and recorded with the claim, in one commit.
        let metadata = OutboundMetadata.claimed(document, agency: agency, spool: spool, now: now)
        let resolution = metadata.resolve()
        let claimed = try store.transition(
            document.id!, to: .claimed, note: "\(how); metadata read: \(resolution.codeNotation)"
        ) {
            $0.subject = resolution.header.subject
            $0.codeNotation = resolution.codeNotation
            if !resolution.recipients.isEmpty { $0.recipients = resolution.recipients }
            // The urgency with the folder's defaults applied (the record had only the metadata file's).
            if let priority = resolution.header.otherInfo?.priority.flatMap({ Int($0) }) { $0.priority = priority }
        }
        if let marking = SecretMarking.of(metadata) {
            marking.log(documentID: claimed.id!, fileName: claimed.fileName, logger: logger)
            throw marking.failure
        }
        _ = try metadata.completeHeader()
        return claimed
    }

    /// Where a `detected` document's move into the spool left it.
    enum SpoolMove {
        /// Its files are in the spool (moved now, or before a restart), as the words say; `claimed` comes next.
        case inSpool(String)
        /// The document ended instead (its file vanished or changed in the outbox): the record as it is now.
        case ended(DocumentRecord)
    }

    /// Files a just-recorded document as failed when it is secret (its folder, or its metadata file as found
    /// next to it): nothing of it is moved into the spool, signed or sent. Nil for an ordinary document.
    func refuseIfSecret(_ document: DocumentRecord, relativeComponents: [String], sidecar: SidecarReading) throws
        -> DocumentRecord?
    {
        guard let marking = SecretMarking.of(relativeComponents: relativeComponents, agency: agency, sidecar: sidecar)
        else { return nil }
        marking.log(documentID: document.id!, fileName: document.fileName, logger: logger)
        return try store.markFailed(document, reason: marking.failure.description, clerk: .secret(marking))
    }

    private func moveIntoSpool(_ document: DocumentRecord) throws -> SpoolMove {
        let id = document.id!
        let destination = spool.original(of: id, fileName: document.fileName)
        guard let source = document.sourcePath else { throw OutboundFailure.transient("document \(id) has no source") }
        if (try? FileStatus.lstat(destination)) != nil { return .inSpool("already in the spool") }
        let lookup = Result { () throws(SystemError) -> FileStatus in try FileStatus.lstat(source) }
        if case .failure(let error) = lookup, error.isNotFound {
            let note = "the file left the outbox before it was claimed"
            return .ended(
                try store.transition(id, to: .failed, note: note) {
                    $0.lastError = "the file was removed or renamed in the outbox before lienthong could claim it"
                })
        }
        let current = try lookup.get()
        guard current.inode == UInt64(bitPattern: document.fileInode ?? -1), current.size == document.fileSize,
            current.modificationTime.nanosecondsSince1970 == document.fileModifiedNanos
        else {
            // The clerk replaced the file after we hashed it: forget this record, the watcher will offer the new one.
            return .ended(
                try store.transition(id, to: .failed, note: "the file changed while being claimed; it will be re-read")
                {
                    $0.lastError = "the file changed in the outbox while lienthong was claiming it"
                })
        }
        try Directories.create(spool.originalDirectory(of: id), mode: 0o700)
        try moveSidecar(of: source, to: spool.sidecar(of: id, fileName: document.fileName))
        // Both folders are synced by the move.
        _ = try FileMover.move(
            from: source, toDirectory: spool.originalDirectory(of: id), preferredName: document.fileName)
        Failpoint.reached("claim.moved")
        logger.info("claimed", metadata: ["DOC_ID": "\(id)", "PATH": "\(source)"])
        return .inSpool("moved into the spool")
    }

    /// Moves `x.pdf.meta.yaml` next to `source` into the spool, if it is an ordinary file and not moved already.
    /// Links and other odd files are left where they are (and the document is then judged without them).
    private func moveSidecar(of source: String, to destination: String) throws {
        let sidecar = source + DocumentSidecar.suffix
        guard (try? FileStatus.lstat(destination)) == nil, let status = try? FileStatus.lstat(sidecar),
            status.kind == .regular
        else { return }
        do {
            try FileMover.moveReplacingNothing(from: sidecar, to: destination)
        } catch let error as SystemError where error.isNotFound {
            return
        }
    }

    static func sha256(of descriptor: FileDescriptor) throws -> Digest {
        let hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try descriptor.read(into: buffer)
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return hasher.finalize()
    }
}

extension FileTimestamp {
    /// The modification time as one integer, the form the state store keeps.
    var nanosecondsSince1970: Int64 { seconds * 1_000_000_000 + Int64(nanoseconds) }
}
