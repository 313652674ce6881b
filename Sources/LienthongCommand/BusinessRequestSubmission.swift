import ArgumentParser
import Config
import Foundation
import Outbound
import StateStore

/// What `revoke`, `update` and `replace` share: reading the document id, queuing the request, waking the daemon.
enum BusinessRequestSubmission {
    /// `12` or `#12`; anything else is a usage error (exit 64).
    static func documentId(_ text: String) throws -> Int64 {
        guard let id = Int64(text.hasPrefix("#") ? String(text.dropFirst()) : text), id > 0 else {
            throw ValidationError("'\(text)' is not a document id; `lienthong list --direction out` shows them")
        }
        return id
    }

    /// A reason that is given must say something (exit 64 otherwise).
    static func checkReason(_ reason: String?, required: Bool) throws {
        let empty = reason?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true
        if empty && (required || reason != nil) {
            throw ValidationError("--reason must say why (lý do); it is sent to the recipients")
        }
    }

    /// Queues the request `make` builds, prints what happens next, and wakes a running daemon. A refusal exits 1.
    static func submit(
        _ operation: BusinessOperation, options: ConfigOption,
        _ make: (BusinessRequester) throws(BusinessRequestError) -> DocumentRecord
    ) throws {
        let config = try options.load()
        let store = try config.openStateForWriting()
        let requester = BusinessRequester(
            agencies: config.agencies, store: store, spoolDirectory: config.spoolDirectory, limits: config.limits)
        let request: DocumentRecord
        do {
            request = try make(requester)
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
        let concerned = request.relatedDocumentId.map { "#\($0)" } ?? "?"
        let recipients = request.recipients.joined(separator: ", ")
        print(
            "#\(request.id ?? 0): \(operation.name) of \(concerned) queued for \(recipients) "
                + "(concerns DocumentId \(request.businessDocumentId ?? ""))")
        if let pid = RunningDaemon.pid(stateDirectory: config.stateDirectory) {
            kill(pid, SIGUSR1)
            print("the running daemon sends it now; `lienthong show \(request.id ?? 0)` follows it")
        } else {
            print("no daemon is running: it is sent when lienthong starts (`systemctl start lienthong`)")
        }
    }
}
