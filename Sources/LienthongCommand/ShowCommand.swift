import ArgumentParser
import Config
import StateStore

/// `lienthong show ID`: one document and its whole history.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one document's history.")

    @OptionGroup var database: StateOption
    @Argument(help: "The document id, as `lienthong list` prints it (with or without #).") var id: String
    @Flag(help: "Print the document, its answers and its history as JSON, for scripts.") var json = false

    /// What `show --json` prints.
    struct Shown: Encodable {
        let document: DocumentRecord
        let answers: [AnswerRecord]
        let history: [DocumentEvent]
    }

    func run() throws {
        guard let number = Int64(id.hasPrefix("#") ? String(id.dropFirst()) : id) else {
            throw ValidationError("'\(id)' is not a document id; `lienthong list` shows them")
        }
        let config = try database.options.load()
        let zone = config.timeZone
        let store = try database.openStore(config: config)
        guard let document = try store.document(number) else {
            printError("no document #\(number); `lienthong list` shows the ids")
            throw ExitCode.failure
        }
        if json {
            try printJSON(
                Shown(document: document, answers: try store.answers(of: number), history: try store.events(of: number))
            )
            return
        }
        let fields: [(String, String?)] = [
            ("document", "#\(number) (\(document.direction == .outbound ? "outbound" : "inbound"))"),
            ("state", document.state.rawValue),
            ("agency", document.agency),
            ("file", document.fileName),
            ("from outbox", document.sourcePath),
            ("counterpart", document.counterpart),
            ("recipients", document.recipients.joined(separator: ", ")),
            ("subject", document.subject),
            ("number/notation", document.codeNotation),
            ("edXML DocumentId", document.edxmlDocumentId),
            ("axis DocId", document.axisDocId),
            ("SHA-256", document.sha256),
            // An outbound document's place in sent/ is chosen with its send, before it is filed there.
            (
                document.direction == .outbound && !document.state.isTerminal ? "to be filed in" : "now in",
                document.destinationPath
            ),
            ("attempts", document.attempts > 0 ? String(document.attempts) : nil),
            ("next attempt", document.nextAttemptAt.map { localTime($0, in: zone) }),
            ("last error", document.lastError),
        ]
        for (name, value) in fields {
            if let value, !value.isEmpty {
                print("\(name.padding(toLength: 17, withPad: " ", startingAt: 0)) \(value)")
            }
        }
        if let notice = document.businessNotice {
            print("request:")
            for line in notice.split(separator: "\n", omittingEmptySubsequences: false) { print("  \(line)") }
        }
        let answers = (try? store.answers(of: number)) ?? []
        if !answers.isEmpty {
            print("answers:")
            for answer in answers { print("  " + Self.describe(answer, zone: zone)) }
        }
        print("history:")
        for event in try store.events(of: number) {
            let move = event.toState.map { " → \($0.rawValue)" } ?? ""
            print("  \(localTime(event.at, in: zone))\(event.kind == .retry ? " retry" : move): \(event.message)")
        }
    }

    /// One answer on one line: code, meaning, state and when, reason, and the error that keeps it from the axis.
    static func describe(_ answer: AnswerRecord, zone: CivilTimeZone) -> String {
        var text = "\(answer.code.rawValue) \(answer.code.english): \(answer.state.rawValue)"
        switch answer.state {
        case .sent: text += " \(answer.sentAt.map { localTime($0, in: zone) } ?? "")"
        case .queued: text += " since \(localTime(answer.createdAt, in: zone))"
        case .failed: text += " \(localTime(answer.updatedAt, in: zone))"
        }
        if let reason = answer.reason { text += "; reason: \(reason)" }
        if let error = answer.lastError { text += "; \(answer.state == .failed ? "error" : "last error"): \(error)" }
        if answer.state == .queued, let next = answer.nextAttemptAt {
            text += "; next attempt \(localTime(next, in: zone))"
        }
        return text
    }
}
