import ArgumentParser
import Config
import Daemon
import Foundation
import StateStore
import SystemSupport

/// `lienthong retry ID… | --failed`: puts documents back to work.
///
/// A document waiting for its next attempt is made due now. A failed outbound document whose file is in `failed/`
/// is moved back to where the clerk dropped it (with its metadata file), its reason file removed, and the daemon
/// sends it as a new document; the failed record keeps its history and says where the file went.
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
        let store: DocumentStore
        do {
            store = try DocumentStore(path: config.stateDatabasePath)
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
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
        var problems = 0
        for document in documents {
            do {
                print(try retry(document, store: store))
            } catch {
                problems += 1
                printError("#\(document.id ?? 0): \(error)")
            }
        }
        Self.nudgeDaemon(stateDirectory: config.stateDirectory)
        if problems > 0 { throw ExitCode.failure }
    }

    private func retry(_ document: DocumentRecord, store: DocumentStore) throws -> String {
        let id = document.id!
        if !document.state.isTerminal {
            try store.annotate(id, note: "retry requested by an administrator") { $0.nextAttemptAt = nil }
            return "#\(id): will be tried again now (\(document.state.rawValue))"
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
                from: sidecar, toDirectory: folder, preferredName: (source as NSString).lastPathComponent + ".meta.yaml")
        }
        let back = try FileMover.move(
            from: inFailed, toDirectory: folder, preferredName: (source as NSString).lastPathComponent)
        try? Directories.removeTree(inFailed + ".error.txt")
        try store.annotate(id, note: "retried by an administrator: moved back to \(back); sent as a new document") {
            $0.destinationPath = nil
        }
        return "#\(id): moved back to \(back); it will be sent as a new document"
    }

    /// Asks a running daemon to look now (SIGUSR1); silent when none runs, the work waits for its start.
    static func nudgeDaemon(stateDirectory: String) {
        if let pid = RunningDaemon.pid(stateDirectory: stateDirectory) { kill(pid, SIGUSR1) }
    }
}
