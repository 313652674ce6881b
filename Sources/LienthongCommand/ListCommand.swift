import ArgumentParser
import Config
import Foundation
import StateStore

extension DocumentState: ExpressibleByArgument {}

/// `lienthong list`: documents, newest first.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List documents, newest first.")

    enum DirectionArgument: String, ExpressibleByArgument, CaseIterable {
        case `in`, out
    }

    @OptionGroup var database: StateOption
    @Option(help: "Only documents in this state.") var state: DocumentState?
    @Option(name: .customLong("direction"), help: "in or out.") var direction: DirectionArgument?
    @Option(help: "Only documents created since this day (YYYY-MM-DD, in the configured time_zone).") var since: String?
    @Option(help: "At most this many.") var limit: Int = 50
    @Flag(help: "Print the documents as a JSON array (every recorded field), for scripts.") var json = false

    /// The text form's columns, tab-separated like its lines; times are in the configuration's `time_zone`.
    static func header(zone: CivilTimeZone) -> String {
        "ID\tSTATE\tCREATED (\(zone == .vietnam ? "Vietnam time" : zone.identifier))\tDIRECTION AND OTHER SIDE\tFILE"
    }

    func run() throws {
        let config = try database.options.load()
        var sinceDate: Date?
        if let since {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            // The day begins at midnight in the configured zone, as `sent/YYYY-MM-DD/` does, not the host's.
            formatter.timeZone = config.timeZone.zone
            formatter.dateFormat = "yyyy-MM-dd"
            guard let date = formatter.date(from: since) else {
                throw ValidationError("--since takes a date as YYYY-MM-DD, for example 2026-11-25")
            }
            sinceDate = date
        }
        let store = try database.openStore(config: config)
        let documents = try store.documents(
            state: state, direction: direction.map { $0 == .in ? .inbound : .outbound }, since: sinceDate,
            limit: limit)
        if json {
            try printJSON(documents)
            return
        }
        print(Self.header(zone: config.timeZone))
        for document in documents {
            let arrow = document.direction == .outbound ? "→" : "←"
            let other =
                document.direction == .outbound
                ? document.recipients.joined(separator: "+") : (document.counterpart ?? "")
            print(
                "#\(document.id ?? 0)\t\(document.state.rawValue)\t\(localTime(document.createdAt, in: config.timeZone))"
                    + "\t\(arrow) \(other)"
                    + "\t\(document.fileName)")
        }
    }
}
