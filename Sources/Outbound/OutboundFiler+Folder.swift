import FolderWatch
import Foundation
import StateStore
import SystemSupport

/// Filing a document folder: the folder comes back whole, as `sent/YYYY-MM-DD/<folder>/` (its files, the signed
/// copies `x_signed.pdf` and `x.odt.p7s`, `document.meta.yaml`, and the receipt `document.receipt.txt` + `.json`) or
/// `failed/<folder>/` (its files, `document.meta.yaml` and `document.error.txt`); moving a failed folder back into
/// the outbox sends it again.
///
/// The recorded destination is `<folder>/document`, the stem of the folder's own files, so the receipt and the reason
/// are found where they are for single files (`<destination>.receipt.txt`, `<destination>.error.txt`). The folder is
/// planned (recorded) before it is created, and each file move is skipped once done: repeating after a crash moves
/// nothing twice.
extension OutboundFiler {
    /// The stem recorded as a folder's destination.
    static let folderStem = "document"

    func fileSentFolder(_ document: DocumentRecord, sentAt: Date?, now: Date) throws -> DocumentRecord {
        let id = document.id!
        let sentAt = sentAt ?? sentTime(of: document)
        let dayFolder = agency.folders.sent + "/" + agency.timeZone.day(of: sentAt)
        let (document, folder) = try planFolder(document, in: dayFolder)
        let names = (try? spool.attachmentNames(of: document)) ?? []
        var moves: [(String, String)] = []
        for name in names {
            moves.append((spool.original(of: id, fileName: name), folder + "/" + name))
            let stem = (name as NSString).deletingPathExtension
            moves.append((spool.signedPDF(of: id, fileName: name), folder + "/" + stem + "_signed.pdf"))
            moves.append((spool.signature(of: id, fileName: name), folder + "/" + name + ".p7s"))
        }
        moves.append(
            (spool.sidecar(of: id, fileName: document.fileName), folder + "/" + DocumentFolderRule.metadataFileName))
        try move(moves)
        let destination = folder + "/" + Self.folderStem
        let receipt = Receipt(document: document, sentAt: sentAt, filedAt: now, timeZone: agency.timeZone)
        let attachments = names.map { "  - \($0)" }.joined(separator: "\n")
        let text = receipt.text + "Tệp đính kèm / Attachments:\n\(attachments)\n"
        try ReceiptFile(besides: destination).write(text: text, json: receipt.jsonObject)
        try Directories.removeTree(spool.directory(of: id))
        logger.notice(
            "sent and filed",
            metadata: ["DOC_ID": "\(id)", "AXIS_DOC_ID": "\(document.axisDocId ?? "")", "PATH": "\(folder)"])
        return try store.transition(id, to: .filed, note: "filed in \(folder)/")
    }

    func fileFailedFolder(_ document: DocumentRecord) throws -> DocumentRecord {
        let id = document.id!
        var document = document
        let outboxFolder = document.sourcePath.map { String($0.dropLast()) }
        let inSpool = (try? FileStatus.lstat(spool.directory(of: id))) != nil
        if inSpool {
            let planned = try planFolder(document, in: agency.folders.failed)
            document = planned.0
            var moves: [(String, String)] = []
            for name in (try? spool.attachmentNames(of: document)) ?? [] {
                moves.append((spool.original(of: id, fileName: name), planned.1 + "/" + name))
            }
            moves.append(
                (
                    spool.sidecar(of: id, fileName: document.fileName),
                    planned.1 + "/" + DocumentFolderRule.metadataFileName
                ))
            try move(moves)
        } else if let outboxFolder, let status = try? FileStatus.lstat(outboxFolder), status.kind == .directory,
            document.fileInode.map({ UInt64(bitPattern: $0) == status.inode }) ?? true,
            document.destinationPath.map({ $0.hasPrefix(agency.folders.failed + "/") }) ?? true
        {
            // Refused before its claim: the whole folder is still in the outbox (or, after a crash, what is left of
            // it). The destination is recorded before anything moves.
            let target: String
            if let planned = document.destinationPath {
                target = (planned as NSString).deletingLastPathComponent
            } else {
                try Directories.create(agency.folders.failed)
                let name = SafeFileName.uniqueName(document.fileName) { candidate in
                    (try? FileStatus.lstat(agency.folders.failed + "/" + candidate)) != nil
                }
                let planned = agency.folders.failed + "/" + name
                document = try store.annotate(id, note: "destination \(planned)/") {
                    $0.destinationPath = planned + "/" + Self.folderStem
                }
                target = planned
            }
            try moveWhole(outboxFolder, to: target, documentId: id)
        }
        return try finishFailedFiling(document)
    }

    /// Records `<parent>/<free name>/document` as the destination (unless one is recorded there already), then
    /// creates the folder. Returns the document and the folder.
    private func planFolder(_ document: DocumentRecord, in parent: String) throws -> (DocumentRecord, String) {
        var document = document
        if let planned = document.destinationPath, planned.hasPrefix(parent + "/") {
            let folder = (planned as NSString).deletingLastPathComponent
            try Directories.create(folder)
            return (document, folder)
        }
        try Directories.create(parent)
        let name = SafeFileName.uniqueName(document.fileName) { candidate in
            (try? FileStatus.lstat(parent + "/" + candidate)) != nil
        }
        let folder = parent + "/" + name
        document = try store.annotate(document.id!, note: "destination \(folder)/") {
            $0.destinationPath = folder + "/" + Self.folderStem
        }
        try Directories.create(folder)
        return (document, folder)
    }

    /// Moves the outbox folder `source` to exactly `target` (``FileMover/moveFolder(from:to:order:)``): one rename on
    /// one filesystem; across filesystems (the share and `failed/` on different mounts) file by file, the metadata file
    /// first so the watcher never sees a document folder with files missing. Anything else (links, sub-folders) stays
    /// in the outbox and is logged. Each step is skipped once done.
    func moveWhole(_ source: String, to target: String, documentId id: Int64) throws {
        let left = try FileMover.moveFolder(
            from: source, to: target, order: .first(DocumentFolderRule.metadataFileName))
        if !left.isEmpty {
            let names = left.joined(separator: ", ")
            logger.warning(
                "moved the files of \(source) to \(target) one by one (another filesystem); left: \(names)",
                metadata: ["DOC_ID": "\(id)", "PATH": "\(source)"])
        }
    }

    /// Moves each existing source to its target, skipping those already moved.
    private func move(_ moves: [(source: String, target: String)]) throws {
        for (source, target) in moves where (try? FileStatus.lstat(source)) != nil {
            if (try? FileStatus.lstat(target)) != nil { continue }
            try FileMover.moveReplacingNothing(from: source, to: target)
        }
    }
}
