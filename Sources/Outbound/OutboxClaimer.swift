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
    /// The time new records are found at and claims are judged by ("not in the future"); tests fix it.
    let clock: @Sendable () -> Date

    init(
        agency: AgencyConfig, store: DocumentStore, spool: OutboundSpool, limits: Limits, logger: Logger,
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.agency = agency
        self.store = store
        self.spool = spool
        self.limits = limits
        self.logger = logger
        self.clock = clock
    }

    enum Outcome {
        /// A document record now exists for the file (new or found again after a crash).
        case recorded(DocumentRecord)
        /// The file could not be looked at just now (it vanished, or the share is unreadable); nothing recorded.
        case skipped(String)
    }

    /// Records a ready file as a new outbound document, or finds the record a crash left behind.
    func record(_ file: ReadyFile) throws -> Outcome {
        try record([file])[0].get()
    }

    /// Records ready files as new outbound documents, or finds the records a crash left behind, with one commit for
    /// all the new ones (a burst, or a full outbox at start, costs one `fsync` of the database per batch, not per
    /// file). Each file's outcome, or its error, is at the file's index; a failed commit is every new file's error,
    /// and nothing of them is recorded.
    func record(_ files: [ReadyFile]) -> [Result<Outcome, any Error>] {
        var outcomes = [Result<Outcome, any Error>?](repeating: nil, count: files.count)
        var candidates: [(index: Int, candidate: Candidate)] = []
        let unfinished: [String: DocumentRecord]
        do {
            unfinished = try store.unfinishedOutbound(
                agency: agency.code, sourcePaths: files.filter { $0.kind == .file }.map(\.path))
        } catch {
            return files.map { _ in .failure(error) }
        }
        for (index, file) in files.enumerated() {
            do {
                if let found = unfinished[file.path] {
                    outcomes[index] = .success(.recorded(found))
                    continue
                }
                switch try examine(file) {
                case .done(let outcome): outcomes[index] = .success(outcome)
                case .new(let candidate): candidates.append((index, candidate))
                }
            } catch {
                outcomes[index] = .failure(error)
            }
        }
        if !candidates.isEmpty {
            do {
                let recorded = try store.insert(candidates.map { ($0.candidate.document, $0.candidate.note) })
                for ((index, candidate), document) in zip(candidates, recorded) {
                    outcomes[index] = Result { try judge(document, candidate) }
                }
            } catch {
                for (index, _) in candidates { outcomes[index] = .failure(error) }
            }
        }
        return outcomes.map { $0! }
    }

    /// A file read and hashed, ready to be recorded with the others of its batch.
    private struct Candidate {
        var document: DocumentRecord
        var note: String
        var relativeComponents: [String]
        var sidecar: SidecarReading
        var routing: RecipientRouting.Outcome
    }

    /// What looking at a ready file found, before the batch's commit.
    private enum Examination {
        /// Nothing left to record with the batch: the file was skipped, or recorded on its own (a document folder;
        /// a planted link or device, refused at once).
        case done(Outcome)
        /// A new document, recorded with the batch.
        case new(Candidate)
    }

    /// Opens the file without following links, checks it from the descriptor and hashes it from that same
    /// descriptor. A document folder and a planted link or device are settled here on their own; an ordinary file
    /// becomes a ``Candidate``. (A file's record left by a crash was looked up for the whole batch before.)
    private func examine(_ file: ReadyFile) throws -> Examination {
        if file.kind == .documentFolder { return .done(try recordFolder(file)) }
        let fileName = file.relativeComponents.last ?? (file.path as NSString).lastPathComponent
        let sidecar = SidecarReading.read(at: file.path + DocumentSidecar.suffix)
        let routing = initialRouting(file, sidecar: sidecar)
        let descriptor: FileDescriptor
        let status: FileStatus
        do {
            (descriptor, status) = try SafeOpen.openUntrustedRegularFile(at: file.path)
        } catch {
            if case .system(let systemError) = error, systemError.isNotFound {
                return .done(.skipped("\(file.path) disappeared before it could be claimed"))
            }
            if case .system(let systemError) = error {
                return .done(.skipped("cannot open \(file.path): \(systemError)"))
            }
            // A symlink, FIFO, device or hard link planted in the share: record it and move it aside.
            let document = try store.insert(
                DocumentRecord(
                    direction: .outbound, agency: agency.code, fileName: fileName, sourcePath: file.path, now: clock()),
                note: "found in the outbox")
            return .done(
                .recorded(
                    try store.markFailed(
                        document, reason: error.description, clerk: .unsafeFile(error.description))))
        }
        defer { try? descriptor.close() }
        let digest = try Self.sha256(of: descriptor)
        var document = DocumentRecord(
            direction: .outbound, agency: agency.code, fileName: fileName, sourcePath: file.path,
            fileSize: status.size, fileModifiedNanos: status.modificationTime.nanosecondsSince1970,
            fileInode: Int64(bitPattern: status.inode), sha256: digest.hex, now: clock())
        if case .recipients(let codes) = routing { document.recipients = codes }
        document.priority = sidecar.sidecar?.priority ?? 0
        return .new(
            Candidate(
                document: document, note: "found in the outbox: \(status.size) bytes, SHA-256 \(digest.hex)",
                relativeComponents: file.relativeComponents, sidecar: sidecar, routing: routing))
    }

    /// Decides whether a just-recorded document goes on to its claim, or is refused at once (secret, too large, a
    /// folder name that is not an agency code).
    private func judge(_ document: DocumentRecord, _ candidate: Candidate) throws -> Outcome {
        if let refused = try refuseIfSecret(
            document, relativeComponents: candidate.relativeComponents, sidecar: candidate.sidecar)
        {
            return .recorded(refused)
        }
        switch candidate.routing {
        case .recipients, .noRecipient:
            // No recipient yet is reported with every other missing field once the metadata file is in the spool.
            if let size = document.fileSize, size > limits.maxDocumentSize {
                return .recorded(
                    try store.markFailed(
                        document, reason: "\(size) bytes exceeds limits.max_document_size",
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
