import Config
import Foundation
import Logging
import StateStore
import SystemSupport

/// Finds status request files (``AnswerRequestFile``) in the inbox folders of recently delivered documents,
/// queues what they ask, and renames each file so the clerk sees the result: `answer-03.queued.txt`, or
/// `answer-02.error.txt` with the reason appended in Vietnamese, then English.
///
/// Cheap by design, since it runs at every poll: only folders of documents delivered within ``window`` (at most
/// ``folderLimit``), one directory listing each, no recursion, symbolic links neither followed nor read. A file is
/// read once it has been quiet for the settle time; an empty request that needs a reason is given
/// ``emptyReasonGrace`` more, since a clerk may have created the file and still be typing. Blocking: the pipeline
/// runs it on ``Offload``.
struct AnswerRequestScanner: Sendable {
    let agency: AgencyConfig
    let store: DocumentStore
    let logger: Logger
    var window: TimeInterval = 90 * 86_400
    var folderLimit = 2_000
    var emptyReasonGrace: TimeInterval = 120

    /// What became of one request file.
    enum Outcome: Equatable {
        case queued(AnswerCode, renamedTo: String)
        case refused(AnswerRequestProblem, renamedTo: String)
    }

    /// Scans every recent folder; returns what happened to each request file handled (files still settling are
    /// left for a later scan).
    @discardableResult
    func scan(now: Date = Date()) -> [Outcome] {
        let documents: [DocumentRecord]
        do {
            documents = try store.recentlyDelivered(
                agency: agency.code, since: now.addingTimeInterval(-window), limit: folderLimit)
        } catch {
            logger.warning("cannot list recent inbox folders for status request files: \(error)")
            return []
        }
        var outcomes: [Outcome] = []
        for document in documents {
            guard let folder = document.destinationPath,
                (try? FileStatus.lstat(folder))?.kind == .directory,
                let entries = try? Directories.list(folder)
            else { continue }
            for entry in entries where entry.kind == .regular && entry.hasValidUTF8Name {
                guard AnswerRequestFile.requestedCode(fileName: entry.name) != nil else { continue }
                if let outcome = handle(entry.name, in: folder, of: document, now: now) { outcomes.append(outcome) }
            }
        }
        return outcomes
    }

    /// Reads, queues and renames one request file; nil when it must wait (still being written).
    func handle(_ name: String, in folder: String, of document: DocumentRecord, now: Date) -> Outcome? {
        let id = document.id ?? 0
        let path = folder + "/" + name
        let metadata: Logger.Metadata = ["DOC_ID": "\(id)", "PATH": "\(path)"]
        let opened: (FileDescriptor, FileStatus)
        do {
            opened = try SafeOpen.openUntrustedRegularFile(at: path)
        } catch .symbolicLink {
            return nil
        } catch .system(let error) where error.errno == ENOENT {
            return nil  // Renamed or removed since the listing.
        } catch {
            return refuse(name, in: folder, source: nil, problem: AnswerRequestProblem(error), metadata: metadata)
        }
        let (descriptor, status) = opened
        defer { try? descriptor.close() }
        let age = now.timeIntervalSince1970 - Double(status.modificationTime.seconds)
        if age < agency.watch.settleTime.seconds { return nil }
        let bytes: [UInt8]
        do {
            bytes = try AnswerRequestFile.readCapped(descriptor)
        } catch {
            logger.warning("cannot read status request file: \(error)", metadata: metadata)
            return nil
        }
        let code: AnswerCode
        let reason: String?
        do {
            (code, reason) = try AnswerRequestFile.parse(fileName: name, bytes: bytes)
        } catch {
            if case .refused(.reasonRequired) = error, age < emptyReasonGrace { return nil }
            return refuse(name, in: folder, source: descriptor, problem: error, metadata: metadata)
        }
        let origin = AnswerRecord.fileOrigin(path)
        do {
            try store.queueAnswer(documentId: id, code: code, reason: reason, origin: origin, now: now)
        } catch let refusal as AnswerRefusal {
            // Queued by this very file before a crash kept it from being renamed: finish the rename.
            let same = try? store.answers(of: id).contains {
                $0.code == code && $0.origin == origin && $0.state != .failed
            }
            guard same == true else {
                return refuse(name, in: folder, source: descriptor, problem: .refused(refusal), metadata: metadata)
            }
        } catch {
            logger.warning("cannot queue status \(code.rawValue) from a request file: \(error)", metadata: metadata)
            return nil
        }
        let queuedName = AnswerRequestFile.stem(of: name) + ".queued.txt"
        do {
            let renamed = try FileMover.move(from: path, toDirectory: folder, preferredName: queuedName)
            logger.notice("status \(code.rawValue) queued by a status request file", metadata: metadata)
            return .queued(code, renamedTo: (renamed as NSString).lastPathComponent)
        } catch {
            logger.warning(
                "status \(code.rawValue) queued, but the request file was not renamed: \(error)", metadata: metadata)
            return .queued(code, renamedTo: name)
        }
    }

    /// Writes `<stem>.error.txt`: the clerk's file as it was (copied from the open descriptor, in chunks), then
    /// why it was refused; then removes the request so it is not read again.
    private func refuse(
        _ name: String, in folder: String, source: FileDescriptor?, problem: AnswerRequestProblem,
        metadata: Logger.Metadata
    ) -> Outcome? {
        let path = folder + "/" + name
        logger.warning("status request file refused: \(problem.english)", metadata: metadata)
        let errorName = SafeFileName.uniqueName(AnswerRequestFile.stem(of: name) + ".error.txt") { candidate in
            (try? FileStatus.lstat(folder + "/" + candidate)) != nil
        }
        let explanation = Self.explanation(problem)
        do {
            try DurableFile.write(to: folder + "/" + errorName) { output in
                if let source { try Self.copy(source, to: output) }
                try output.write(Array(explanation.utf8))
            }
            try Directories.removeTree(path)
            return .refused(problem, renamedTo: errorName)
        } catch {
            logger.error("cannot write \(errorName) for a refused status request: \(error)", metadata: metadata)
            return .refused(problem, renamedTo: name)
        }
    }

    private static func copy(_ source: FileDescriptor, to output: FileDescriptor) throws {
        try source.seek(to: 0)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return }
            try buffer.withUnsafeBytes { try output.write(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }

    /// What is appended to a refused request file: a separator line, then Vietnamese, then English.
    static func explanation(_ problem: AnswerRequestProblem) -> String {
        """


        ---- lienthong ----
        KHÔNG gửi trạng thái này. \(problem.vietnamese)
        This status was NOT sent: \(problem.english)

        """
    }
}
