import ArgumentParser
import Config
import Foundation
import StateStore

/// `lienthong answer ID CODE [--reason T]`: queues a status about a received document and wakes the daemon to
/// send it. The same as a clerk dropping `answer-CODE.txt` into the document's inbox folder.
struct AnswerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answer",
        abstract: "Send a status about a received document: 02 reject, 03 accept, 04, 05, 06; 15/16 for requests.",
        discussion: """
            Codes: \(AnswerCode.allowedList). Statuses follow the order receivers use: 03 or 02, then 04, 05, 06; \
            each is sent once. 15 and 16 answer a revoke, update or replace request. The answer is kept in the state \
            database and sent by the running daemon (woken now); if lienthong is not running it is sent when it \
            starts. `lienthong show ID` shows whether it was sent.
            """)

    @OptionGroup var options: ConfigOption
    @Argument(help: "The received document's id, as `lienthong list --direction in` prints it (with or without #).")
    var id: String
    @Argument(help: "The status code: 02, 03, 04, 05, 06, 15 or 16.") var code: String
    @Option(help: "Why, for the sender; required for 02 and 16.") var reason: String?

    private var documentId: Int64? { Int64(id.hasPrefix("#") ? String(id.dropFirst()) : id) }

    func validate() throws {
        guard documentId != nil else {
            throw ValidationError("'\(id)' is not a document id; `lienthong list --direction in` shows them")
        }
        guard let answerCode = AnswerCode(parsing: code) else {
            throw ValidationError(AnswerRefusal.unknownCode(code).description)
        }
        do {
            _ = try AnswerRules.normalizedReason(reason, for: answerCode)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        guard let documentId, let answerCode = AnswerCode(parsing: code) else { throw ExitCode.validationFailure }
        let config = try options.load()
        let store = try config.openStateForWriting()
        do {
            try store.queueAnswer(documentId: documentId, code: answerCode, reason: reason, origin: "lienthong answer")
        } catch let refusal as AnswerRefusal {
            printError("cannot answer #\(documentId): \(refusal)")
            throw refusal.isUsageError ? ExitCode.validationFailure : ExitCode.failure
        }
        print("#\(documentId): status \(answerCode.rawValue) (\(answerCode.english)) queued")
        if let pid = RunningDaemon.pid(stateDirectory: config.stateDirectory), kill(pid, SIGUSR1) == 0 {
            print("asked lienthong (pid \(pid)) to send it now; `lienthong show \(documentId)` shows when it is sent")
        } else {
            print("lienthong is not running: the answer is queued and will be sent when lienthong runs")
        }
    }
}
