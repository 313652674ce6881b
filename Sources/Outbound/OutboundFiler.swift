import Config
import Foundation
import Logging
import StateStore
import SystemSupport

/// Steps 8 (done) and the failure exit of the outbound pipeline: puts the clerk's file where people look.
///
/// Both exits plan the destination first (recorded in SQLite), then move with `RENAME_NOREPLACE`, then write the
/// receipt or reason file, then clean the spool. Repeating either after a crash finds the recorded destination and
/// finishes the remaining steps without moving anything twice.
struct OutboundFiler: Sendable {
    let agency: AgencyConfig
    let store: DocumentStore
    let spool: OutboundSpool
    let logger: Logger

    /// Files a `sent` document into `sent/YYYY-MM-DD/` with its receipt, then records `filed`.
    ///
    /// - Parameter sentAt: when `sent` was committed, if the caller saw it happen (the record the send step
    ///   returned); otherwise read from the document's history (``sentTime(of:)``).
    func fileSent(_ document: DocumentRecord, sentAt: Date? = nil, now: Date = Date()) throws -> DocumentRecord {
        if document.isDocumentFolder { return try fileSentFolder(document, sentAt: sentAt, now: now) }
        let id = document.id!
        let sentAt = sentAt ?? sentTime(of: document)
        let dayFolder = agency.folders.sent + "/" + agency.timeZone.day(of: sentAt)
        var document = document
        // The moves and the receipt share their folders' fsyncs (the day's folder is touched three times), all made
        // before `filed` is committed. A restart before that finds the document `sent` and files it again: every
        // step below is skipped once done or repeated harmlessly.
        var syncs = DirectorySyncs()
        let original = spool.original(of: id, fileName: document.fileName)
        let originalInSpool = (try? FileStatus.lstat(original)) != nil
        if document.destinationPath == nil || originalInSpool {
            document = try planAndMove(document, from: original, into: dayFolder, syncs: &syncs)
        }
        guard let destination = document.destinationPath else { return document }
        Failpoint.reached("file.moved")
        try keepCompanions(of: document, besides: destination, signedPDFToo: true, syncs: &syncs)
        let receipt = Receipt(document: document, sentAt: sentAt, filedAt: now, timeZone: agency.timeZone)
        try ReceiptFile(besides: destination).write(text: receipt.text, json: receipt.jsonObject, syncs: &syncs)
        try syncs.sync()
        Failpoint.reached("file.receipt")
        BusinessReceipt.noteOnConcernedDocument(
            of: document, store: store, logger: logger, now: now, timeZone: agency.timeZone)
        try Directories.removeTree(spool.directory(of: id))
        logger.notice(
            "sent and filed",
            metadata: ["DOC_ID": "\(id)", "AXIS_DOC_ID": "\(document.axisDocId ?? "")", "PATH": "\(destination)"])
        return try store.transition(id, to: .filed, note: "filed in \(destination)")
    }

    /// Chooses where a document about to be sent will be filed if it is sent now (`sent/<day of now>/`, a name not
    /// taken yet), so that the send's intent records it and filing needs no commit of its own before the move. Nil
    /// when the day's folder cannot be made (a full or unmounted share): filing chooses then, as for a send that
    /// crosses midnight. The name is checked again at the move, which never replaces anything.
    func proposedDestination(for document: DocumentRecord, sentAt now: Date) -> String? {
        guard !document.isDocumentFolder else { return nil }
        let dayFolder = agency.folders.sent + "/" + agency.timeZone.day(of: now)
        guard (try? Directories.create(dayFolder)) != nil else { return nil }
        return dayFolder + "/" + freeName(for: document.fileName, in: dayFolder)
    }

    /// When the document moved to `sent`, from its history: the day of `sent/YYYY-MM-DD/` and the receipt's time.
    /// Not `updatedAt`, which planning the destination moves on (a filing finished after a restart, or one that
    /// straddles midnight, would otherwise be dated by the filing rather than by the send).
    func sentTime(of document: DocumentRecord) -> Date {
        document.id.flatMap { try? store.lastTransition(of: $0, to: .sent) } ?? document.updatedAt
    }

    /// Moves a failed document's file (from the spool, or still from the outbox) into `failed/` with its reason.
    func fileFailed(_ document: DocumentRecord) throws -> DocumentRecord {
        if document.isDocumentFolder { return try fileFailedFolder(document) }
        let id = document.id!
        var document = document
        let original = spool.original(of: id, fileName: document.fileName)
        var source: String?
        if (try? FileStatus.lstat(original)) != nil {
            source = original
        } else if let outboxPath = document.sourcePath, let status = try? FileStatus.lstat(outboxPath),
            document.fileInode == nil || status.inode == UInt64(bitPattern: document.fileInode ?? 0)
        {
            source = outboxPath
        }
        var syncs = DirectorySyncs()
        if let source {
            document = try planAndMove(document, from: source, into: agency.folders.failed, syncs: &syncs)
        }
        if let destination = document.destinationPath {
            try keepCompanions(of: document, besides: destination, signedPDFToo: false, syncs: &syncs)
        }
        try syncs.sync()
        return try finishFailedFiling(document)
    }

    /// The end of filing a failure, for a file or a folder: the reason file beside what was moved (or nothing when
    /// nothing was left to move), the spool gone, the log line, and the filing marked done.
    func finishFailedFiling(_ document: DocumentRecord) throws -> DocumentRecord {
        let id = document.id!
        if let destination = document.destinationPath {
            let reason = document.lastError ?? "unknown failure"
            let notice =
                document.clerkNotice
                ?? ClerkMessage.internalError(reason).text(fileName: document.fileName, detail: reason)
            try DurableFile.write(Array(notice.utf8), to: destination + ".error.txt", replaceExisting: true)
        }
        try Directories.removeTree(spool.directory(of: id))
        logger.warning(
            "not sent: \(document.lastError ?? "unknown failure")",
            metadata: ["DOC_ID": "\(id)", "AGENCY": "\(agency.code)", "PATH": "\(document.destinationPath ?? "")"])
        return try store.annotate(id, note: "filed in \(document.destinationPath ?? "nowhere: no file left")") {
            $0.filingPending = false
        }
    }

    /// Moves what the spool holds beside the original next to it: the `.p7s`, the clerk's metadata file, and for a
    /// sent PDF the signed copy that actually travelled (`x_signed.pdf`). Each move is skipped once done.
    /// The moves are durable only after `syncs.sync()`.
    private func keepCompanions(
        of document: DocumentRecord, besides destination: String, signedPDFToo: Bool, syncs: inout DirectorySyncs
    ) throws {
        let id = document.id!
        var companions = [
            (spool.signature(of: id, fileName: document.fileName), destination + ".p7s"),
            (spool.sidecar(of: id, fileName: document.fileName), destination + ".meta.yaml"),
        ]
        if signedPDFToo {
            let stem = (destination as NSString).deletingPathExtension
            companions.append((spool.signedPDF(of: id, fileName: document.fileName), stem + "_signed.pdf"))
        }
        for (source, target) in companions where (try? FileStatus.lstat(source)) != nil {
            if (try? FileStatus.lstat(target)) != nil { continue }
            try FileMover.moveReplacingNothing(from: source, to: target, syncs: &syncs)
        }
    }

    /// Records a free destination name in `folder`, then moves `source` there without replacing anything.
    /// The plan is committed before the move; the move is durable only after `syncs.sync()`.
    private func planAndMove(
        _ document: DocumentRecord, from source: String, into folder: String, syncs: inout DirectorySyncs
    ) throws -> DocumentRecord {
        let id = document.id!
        try Directories.create(folder)
        var document = document
        while true {
            if document.destinationPath == nil || !(document.destinationPath!.hasPrefix(folder + "/")) {
                let planned = folder + "/" + freeName(for: document.fileName, in: folder)
                document = try store.annotate(id, note: "destination \(planned)") { $0.destinationPath = planned }
            }
            do {
                try FileMover.moveReplacingNothing(from: source, to: document.destinationPath!, syncs: &syncs)
                return document
            } catch let error as SystemError where error.isAlreadyExists {
                // Someone created that name since we planned it: plan another.
                document.destinationPath = nil
            }
        }
    }

    /// `fileName`, or the first of its numbered variants, that nothing in `folder` has yet.
    private func freeName(for fileName: String, in folder: String) -> String {
        SafeFileName.uniqueName(fileName) { candidate in (try? FileStatus.lstat(folder + "/" + candidate)) != nil }
    }
}
