import ArgumentParser
import Config
import Daemon
import Foundation
import Outbound
import StateStore
import SystemSupport

/// `lienthong retry ID… | --failed`: puts documents back to work.
///
/// A document waiting for its next attempt is made due now. A failed outbound document whose file is in `failed/`
/// is moved back to where the clerk dropped it (with its metadata file), its reason file removed, and the daemon
/// sends it as a new document; the failed record keeps its history and says where the file went. A failed document
/// folder (recorded destination `failed/<folder>/document`) goes back whole, with its `document.meta.yaml`. A failed
/// revoke, update or replace request is queued again on its own record (``BusinessRequester/requeue(_:)``): its
/// file never came from the outbox, so there is nowhere to move it back to.
struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Retry documents now: waiting ones at once, failed ones from failed/.")

    @OptionGroup var options: ConfigOption
    @Argument(help: "Document ids, as `lienthong list` prints them.") var ids: [String] = []
    @Flag(help: "Every failed outbound document whose file is still in failed/.") var failed = false

    func validate() throws {
        if ids.isEmpty && !failed { throw ValidationError("name document ids, or use --failed") }
    }

    func run() throws {
        let config = try options.load()
        let store = try config.openStateForWriting()
        var documents: [DocumentRecord] = []
        for text in ids {
            guard let id = Int64(text.hasPrefix("#") ? String(text.dropFirst()) : text),
                let document = try store.document(id)
            else {
                printError("no document \(text); `lienthong list` shows the ids")
                throw ExitCode.failure
            }
            documents.append(document)
        }
        if failed {
            documents += try store.documents(state: .failed, direction: .outbound, limit: 10_000)
                .filter { document in !documents.contains { $0.id == document.id } }
        }
        let requester = BusinessRequester(
            agencies: config.agencies, store: store, spoolDirectory: config.spoolDirectory, limits: config.limits)
        var problems = 0
        for document in documents {
            do {
                print(try retry(document, store: store, requester: requester))
            } catch {
                problems += 1
                printError("#\(document.id ?? 0): \(error)")
            }
        }
        Self.nudgeDaemon(stateDirectory: config.stateDirectory)
        if problems > 0 { throw ExitCode.failure }
    }

    private func retry(_ document: DocumentRecord, store: DocumentStore, requester: BusinessRequester) throws
        -> String
    {
        let id = document.id!
        if !document.state.isTerminal || document.failAcknowledgementPending {
            try store.annotate(id, note: "retry requested by an administrator") { $0.nextAttemptAt = nil }
            return "#\(id): will be tried again now (\(document.state.rawValue))"
        }
        if document.state == .failed, document.direction == .outbound, let concerned = document.relatedDocumentId,
            document.businessDocType != nil
        {
            let queued = try requester.requeue(document)
            let operation = DocumentStore.requestName(queued.businessDocType)
            return "#\(id): \(operation) of #\(concerned) queued again; `lienthong show \(id)` follows it"
        }
        if document.state == .failed, document.direction == .outbound, let inFailed = document.destinationPath,
            let source = document.sourcePath, source.hasSuffix("/")
        {
            return try retryFolder(id, inFailed: inFailed, source: source, store: store)
        }
        guard document.state == .failed, document.direction == .outbound, let inFailed = document.destinationPath,
            let source = document.sourcePath, (try? FileStatus.lstat(inFailed)) != nil
        else {
            return "#\(id): nothing to retry (\(document.state.rawValue); its file is not in failed/)"
        }
        let folder = (source as NSString).deletingLastPathComponent
        try Directories.create(folder)
        // The metadata file goes back first, so the document is never seen without it.
        let sidecar = inFailed + ".meta.yaml"
        if (try? FileStatus.lstat(sidecar)) != nil {
            _ = try FileMover.move(
                from: sidecar, toDirectory: folder,
                preferredName: (source as NSString).lastPathComponent + ".meta.yaml")
        }
        let back = try FileMover.move(
            from: inFailed, toDirectory: folder, preferredName: (source as NSString).lastPathComponent)
        try? Directories.removeTree(inFailed + ".error.txt")
        try store.annotate(id, note: "retried by an administrator: moved back to \(back); sent as a new document") {
            $0.destinationPath = nil
        }
        return "#\(id): moved back to \(back); it will be sent as a new document"
    }

    /// Moves a failed document folder (`failed/<folder>/`, destination recorded as `<folder>/document`) back to where
    /// the clerk dropped it (under a free name), without its reason file, with
    /// ``FileMover/moveFolder(from:to:order:)``: one rename on one filesystem, so the folder appears in the outbox
    /// whole; across filesystems file by file with the metadata file last, so the watcher never sees the metadata file
    /// before the files it describes.
    private func retryFolder(_ id: Int64, inFailed: String, source: String, store: DocumentStore) throws -> String {
        let failedFolder = (inFailed as NSString).deletingLastPathComponent
        guard (try? FileStatus.lstat(failedFolder))?.kind == .directory else {
            return "#\(id): nothing to retry (its folder is not in failed/)"
        }
        let outboxFolder = String(source.dropLast())
        let parent = (outboxFolder as NSString).deletingLastPathComponent
        let name = (outboxFolder as NSString).lastPathComponent
        try Directories.create(parent)
        try? Directories.removeTree(failedFolder + "/document.error.txt")
        let free = SafeFileName.uniqueName(name) { (try? FileStatus.lstat(parent + "/" + $0)) != nil }
        let back = parent + "/" + free
        let left = try FileMover.moveFolder(from: failedFolder, to: back, order: .last("document.meta.yaml"))
        let kept = left.isEmpty ? "" : " (left in \(failedFolder)/: \(left.joined(separator: ", ")))"
        let note = "retried by an administrator: moved back to \(back)/\(kept); sent as a new document"
        try store.annotate(id, note: note) { $0.destinationPath = nil }
        return "#\(id): moved back to \(back)/\(kept); it will be sent as a new document"
    }

    /// Asks a running daemon to look now (SIGUSR1); silent when none runs, the work waits for its start.
    static func nudgeDaemon(stateDirectory: String) {
        if let pid = RunningDaemon.pid(stateDirectory: stateDirectory) { kill(pid, SIGUSR1) }
    }
}
