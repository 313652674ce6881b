import ArgumentParser
import Config
import Foundation
import StateStore

/// `lienthong report --month 2026-11`: what each agency sent and received in a month (in `time_zone`), per
/// counterpart: counts, signatures, statuses and answers, median times (issue #12).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The monthly report: documents sent and received per agency and counterpart.",
        discussion: """
            A document belongs to the month (in the configured time_zone, Vietnam time by default) in which it \
            was found in the outbox or listed by the axis. Documents we sent count as validly signed (our own \
            PAdES/CMS signature); received ones as verified on delivery ("unknown" for those received before \
            lienthong kept the verdict). The CSV form is UTF-8 with a byte order mark, for LibreOffice Calc and \
            Excel.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv
    }

    @OptionGroup var database: StateOption
    @Option(help: "The month, as YYYY-MM (in the configured time_zone).") var month: String
    @Option(help: "Only this agency (its code).") var agency: String?
    @Option(help: "text or csv.") var format: Format = .text

    func validate() throws {
        guard ReportMonth(parsing: month) != nil else {
            throw ValidationError("--month takes a month as YYYY-MM, for example 2026-11 (got \"\(month)\")")
        }
    }

    func run() throws {
        guard let reportMonth = ReportMonth(parsing: month) else { throw ExitCode.validationFailure }
        let config = try database.options.load()
        let store = try database.openStore(config: config)
        let report = try store.monthlyReport(reportMonth, zone: config.timeZone.zone, agency: agency)
        let names = Dictionary(config.agencies.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        switch format {
        case .text: FileHandle.standardOutput.write(Data(ReportText(report: report, names: names).text.utf8))
        case .csv: FileHandle.standardOutput.write(Data(ReportCSV(report: report, names: names).bytes))
        }
    }
}
