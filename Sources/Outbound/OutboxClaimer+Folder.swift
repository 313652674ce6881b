import CryptoPrimitives
import FolderWatch
import Foundation
import StateStore
import SystemSupport

/// The claim of a document folder (``DocumentFolderRule``): the file rules applied to each of its files, one record
/// for the folder (file name = folder name, source path = the folder with a trailing `/`), then the move into the
/// spool: the attachment list first (the intent), the metadata file next (so the watcher stops seeing a document
/// folder there), then each file; every move is skipped once done, so a restart finishes what a crash interrupted.
extension OutboxClaimer {
    func recordFolder(_ folder: ReadyFile) throws -> Outcome {
        let sourcePath = folder.path + "/"
        if let unfinished = try store.unfinishedOutbound(agency: agency.code, sourcePath: sourcePath) {
            return .recorded(unfinished)
        }
        let name = folder.relativeComponents.last ?? (folder.path as NSString).lastPathComponent
        let listing: DocumentFolderListing
        do {
            listing = try DocumentFolderListing.read(
                folder: folder.path, maxFileSize: limits.maxDocumentSize, maxAttachments: limits.maxAttachments,
                hashing: true, accepts: attachmentRule(forFolderAt: folder.path))
        } catch {
            if case .unreadable(let systemError) = error {
                return .skipped("cannot read the folder \(folder.path): \(systemError)")
            }
            // The folder's inode lets the filing tell this folder from a new one of the same name.
            let document = try store.insert(
                DocumentRecord(
                    direction: .outbound, agency: agency.code, fileName: name, sourcePath: sourcePath,
                    fileInode: Int64(bitPattern: folder.inode), now: clock()),
                note: "document folder found in the outbox")
            return .recorded(try store.markFailed(document, reason: error.description, clerk: .folderRefused(error)))
        }
        let digest = SHA256.hash(Array(listing.checksumText.utf8))
        var document = DocumentRecord(
            direction: .outbound, agency: agency.code, fileName: name, sourcePath: sourcePath,
            fileSize: listing.totalSize, fileModifiedNanos: listing.newestModification.nanosecondsSince1970,
            fileInode: Int64(bitPattern: listing.folderInode), sha256: digest.hex, now: clock())
        let sidecar = SidecarReading.read(at: folder.path + "/" + DocumentFolderRule.metadataFileName)
        if let named = sidecar.sidecar?.recipients, !named.isEmpty {
            document.recipients = RecipientRouting.expand(named, routes: agency.routes) ?? []
        } else if case .recipients(let codes) = RecipientRouting.recipients(
            relativeComponents: folder.relativeComponents, defaults: agency.defaults.recipients, routes: agency.routes)
        {
            document.recipients = codes
        }
        document.priority = sidecar.sidecar?.priority ?? 0
        let files = listing.members.map { "\($0.name) (\($0.size) bytes)" }.joined(separator: ", ")
        document = try store.insert(
            document,
            note: "document folder found in the outbox: \(files); SHA-256 of its sha256sum list \(digest.hex)")
        if let refused = try refuseIfSecret(
            document, relativeComponents: folder.relativeComponents, sidecar: sidecar)
        {
            return .recorded(refused)
        }
        return .recorded(document)
    }

    /// Moves a `detected` document folder into the spool; see the type's comment for the order.
    func moveFolderIntoSpool(_ document: DocumentRecord) throws -> SpoolMove {
        let id = document.id!
        guard let sourcePath = document.sourcePath else {
            throw OutboundFailure.transient("document \(id) has no source")
        }
        let source = String(sourcePath.dropLast())
        let list = spool.attachmentList(of: id)
        if (try? FileStatus.lstat(list)) == nil {
            let listing: DocumentFolderListing
            do {
                listing = try DocumentFolderListing.read(
                    folder: source, maxFileSize: limits.maxDocumentSize, maxAttachments: limits.maxAttachments,
                    hashing: false, accepts: attachmentRule(forFolderAt: source))
            } catch {
                if case .unreadable(let systemError) = error, systemError.isNotFound {
                    let note = "the folder left the outbox before it was claimed"
                    return .ended(
                        try store.transition(id, to: .failed, note: note) {
                            $0.lastError =
                                "the folder was removed or renamed in the outbox before lienthong could claim it"
                        })
                }
                return .ended(try changed(id))
            }
            guard listing.folderInode == UInt64(bitPattern: document.fileInode ?? -1),
                listing.totalSize == document.fileSize,
                listing.newestModification.nanosecondsSince1970 == document.fileModifiedNanos
            else { return .ended(try changed(id)) }
            try Directories.create(spool.originalDirectory(of: id), mode: 0o700)
            let names = listing.members.map(\.name).joined(separator: "\n") + "\n"
            try DurableFile.write(Array(names.utf8), to: list, replaceExisting: true)
        }
        let metadata = source + "/" + DocumentFolderRule.metadataFileName
        let claimedMetadata = spool.sidecar(of: id, fileName: document.fileName)
        if (try? FileStatus.lstat(claimedMetadata)) == nil, (try? FileStatus.lstat(metadata)) != nil {
            try FileMover.moveReplacingNothing(from: metadata, to: claimedMetadata)
        }
        for name in try spool.attachmentNames(of: document) {
            let target = spool.original(of: id, fileName: name)
            if (try? FileStatus.lstat(target)) != nil { continue }
            do {
                try FileMover.moveReplacingNothing(from: source + "/" + name, to: target)
            } catch let error as SystemError where error.isNotFound {
                throw OutboundFailure.permanent(
                    "\(name) was removed from the folder while lienthong was claiming it",
                    clerk: .folderRefused(.unsafe(name: name, reason: "it was removed while being sent")))
            }
        }
        // The reason file of an earlier failure, if the clerk moved the folder back with it, is stale now.
        try? Directories.removeTree(source + "/" + OutboundFiler.folderStem + ".error.txt")
        try Directories.sync(source)
        // The folder goes too when nothing is left in it (`rmdir` leaves a temp file or a sub-folder where it is).
        _ = rmdir(source)
        try Directories.sync((source as NSString).deletingLastPathComponent)
        logger.info("claimed a document folder", metadata: ["DOC_ID": "\(id)", "PATH": "\(source)"])
        return .inSpool("moved into the spool")
    }

    /// The watcher's rule for which files of the document folder at `path` are its attachments (temp names and the
    /// include and exclude globs), so that the claim takes exactly what the watcher waited for.
    private func attachmentRule(forFolderAt path: String) -> (String) -> Bool {
        let watched = OutboundPipeline.watchedFolder(for: agency)
        var root = watched.root
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        let relative = path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
        let components = relative.split(separator: "/").map(String.init)
        return { watched.acceptsAttachment($0, inDocumentFolder: components) }
    }

    /// The clerk changed the folder after it was hashed: forget this record; the watcher offers the folder again.
    private func changed(_ id: Int64) throws -> DocumentRecord {
        try store.transition(id, to: .failed, note: "the folder changed while being claimed; it will be re-read") {
            $0.lastError = "the folder changed in the outbox while lienthong was claiming it"
        }
    }
}
