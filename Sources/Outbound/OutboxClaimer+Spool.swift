import Config
import Foundation
import StateStore
import SystemSupport

/// The second half of the claim: `detected` documents' files moved from the outbox into the spool, then `claimed`.
///
/// A batch shares its `fsync`s and its commit: first every spool folder is made and every metadata file
/// `x.pdf.meta.yaml` moved, and the folders touched are synced once each; then every original is moved, and the
/// outbox folders and the spool folders are synced once each; only then is `claimed` committed for all, with the
/// metadata each document's files say. The metadata file is durable in the spool before its original moves: the
/// original in the spool marks the claim as done, so a restart never leaves the metadata file behind. A metadata
/// file that appears after this step is not read (document.meta.example.yaml tells clerks to write it first).
extension OutboxClaimer {
    /// Where a `detected` document's move into the spool left it.
    enum SpoolMove {
        /// Its files are in the spool (moved now, or before a restart), as the words say; `claimed` comes next.
        case inSpool(String)
        /// The document ended instead (its file vanished or changed in the outbox): the record as it is now.
        case ended(DocumentRecord)
    }

    /// Moves a `detected` document's files into the spool and records it `claimed`. Safe to repeat after a crash.
    ///
    /// - Throws: a permanent ``OutboundFailure`` naming every missing or invalid field when the metadata is
    ///   incomplete; the document is `claimed` by then and the pipeline files it in `failed/`.
    func finishClaim(_ document: DocumentRecord) throws -> DocumentRecord {
        try finishClaims([document])[0].get()
    }

    /// ``finishClaim(_:)`` for a batch, with one `fsync` per folder and one commit for all (see the extension's
    /// comment). Each document's result is at its index: the record as it is now (`claimed`, or ended), or what
    /// stopped it; a failed `fsync` or commit is the error of every document it concerned, which stay `detected`
    /// and are claimed again on their own.
    func finishClaims(_ documents: [DocumentRecord]) -> [Result<DocumentRecord, any Error>] {
        var results = [Result<DocumentRecord, any Error>?](repeating: nil, count: documents.count)
        var inSpool: [(index: Int, how: String)] = []
        var alreadyInSpool: [Int] = []
        var ready: [(index: Int, source: String)] = []
        var syncs = DirectorySyncs()
        for (index, document) in documents.enumerated() {
            do {
                if document.isDocumentFolder {
                    // A folder's files move one by one, each durable before the next (OutboxClaimer+Folder).
                    switch try moveFolderIntoSpool(document) {
                    case .ended(let ended): results[index] = .success(ended)
                    case .inSpool(let how): inSpool.append((index, how))
                    }
                    continue
                }
                switch try prepareMove(document, syncs: &syncs) {
                case .ended(let ended): results[index] = .success(ended)
                case .inSpool: alreadyInSpool.append(index)
                case .ready(let source): ready.append((index, source))
                }
            } catch {
                results[index] = .failure(error)
            }
        }
        fail(alreadyInSpool + ready.map(\.index), unless: { try syncs.sync() }, in: &results)
        for index in alreadyInSpool where results[index] == nil { inSpool.append((index, "already in the spool")) }

        var moved: [Int] = []
        for (index, source) in ready where results[index] == nil {
            let document = documents[index]
            do {
                _ = try FileMover.move(
                    from: source, toDirectory: spool.originalDirectory(of: document.id!),
                    preferredName: document.fileName, syncs: &syncs)
                moved.append(index)
            } catch {
                results[index] = .failure(error)
            }
        }
        fail(moved, unless: { try syncs.sync() }, in: &results)
        for index in moved where results[index] == nil {
            Failpoint.reached("claim.moved")
            let document = documents[index]
            logger.info("claimed", metadata: ["DOC_ID": "\(document.id!)", "PATH": "\(document.sourcePath ?? "")"])
            inSpool.append((index, "moved into the spool"))
        }

        commitClaims(inSpool, of: documents, now: clock(), into: &results)
        return results.map { $0! }
    }

    /// How far a single file's move into the spool got before its original moves.
    private enum PreparedMove {
        /// The original is in the spool already (a restart after the move).
        case inSpool
        /// The spool folder is made and the metadata file moved; the original at `source` moves next.
        case ready(source: String)
        /// The document ended instead (its file vanished or changed in the outbox).
        case ended(DocumentRecord)
    }

    /// Records the documents whose files are in the spool `claimed`, with what their metadata says, in one commit;
    /// then refuses the secret ones and those whose metadata lacks a field.
    private func commitClaims(
        _ inSpool: [(index: Int, how: String)], of documents: [DocumentRecord], now: Date,
        into results: inout [Result<DocumentRecord, any Error>?]
    ) {
        guard !inSpool.isEmpty else { return }
        let claims = inSpool.map { index, how in
            (index, how, OutboundMetadata.claimed(documents[index], agency: agency, spool: spool, now: now))
        }
        let moves = claims.map { index, how, metadata in
            let resolution = metadata.resolve()
            return DocumentMove(
                documents[index].id!, to: .claimed, note: "\(how); metadata read: \(resolution.codeNotation)"
            ) {
                $0.subject = resolution.header.subject
                $0.codeNotation = resolution.codeNotation
                if !resolution.recipients.isEmpty { $0.recipients = resolution.recipients }
                // The urgency with the folder's defaults applied (the record had only the metadata file's).
                if let priority = resolution.header.otherInfo?.priority.flatMap({ Int($0) }) { $0.priority = priority }
            }
        }
        do {
            let committed = try store.transition(moves, now: now)
            for ((index, _, metadata), result) in zip(claims, committed) {
                results[index] = Result {
                    let claimed = try result.get()
                    if let marking = SecretMarking.of(metadata) {
                        marking.log(documentID: claimed.id!, fileName: claimed.fileName, logger: logger)
                        throw marking.failure
                    }
                    _ = try metadata.completeHeader()
                    return claimed
                }
            }
        } catch {
            for (index, _, _) in claims { results[index] = .failure(error) }
        }
    }

    /// Runs `sync`; when it fails, it is the error of each of `indices` that has no result yet.
    private func fail(
        _ indices: [Int], unless sync: () throws -> Void, in results: inout [Result<DocumentRecord, any Error>?]
    ) {
        do {
            try sync()
        } catch {
            for index in indices where results[index] == nil { results[index] = .failure(error) }
        }
    }

    /// Checks a single file against its record and makes its spool folder and moves its metadata file in, adding
    /// the folders to `syncs`. The original is found in the spool already after a restart: its folders are synced
    /// again, so `claimed` is never committed before the move is durable.
    private func prepareMove(_ document: DocumentRecord, syncs: inout DirectorySyncs) throws -> PreparedMove {
        let id = document.id!
        guard let source = document.sourcePath else { throw OutboundFailure.transient("document \(id) has no source") }
        if (try? FileStatus.lstat(spool.original(of: id, fileName: document.fileName))) != nil {
            syncs.add(spool.originalDirectory(of: id))
            syncs.add(spool.directory(of: id))
            syncs.add(spool.root)
            return .inSpool
        }
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
        try Directories.create(spool.originalDirectory(of: id), mode: 0o700, syncs: &syncs)
        try moveSidecar(of: source, to: spool.sidecar(of: id, fileName: document.fileName), syncs: &syncs)
        return .ready(source: source)
    }

    /// Moves `x.pdf.meta.yaml` next to `source` into the spool, if it is an ordinary file and not moved already.
    /// Links and other odd files are left where they are (and the document is then judged without them).
    private func moveSidecar(of source: String, to destination: String, syncs: inout DirectorySyncs) throws {
        let sidecar = source + DocumentSidecar.suffix
        guard (try? FileStatus.lstat(destination)) == nil, let status = try? FileStatus.lstat(sidecar),
            status.kind == .regular
        else { return }
        do {
            try FileMover.moveReplacingNothing(from: sidecar, to: destination, syncs: &syncs)
        } catch let error as SystemError where error.isNotFound {
            return
        }
    }
}
