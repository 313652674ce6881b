import StateStore

/// The CSV form of the monthly report: UTF-8 with a byte order mark (so LibreOffice Calc and Excel read Vietnamese
/// names right without asking), comma-separated, CRLF line ends and quoting as RFC 4180 says; one line per agency
/// and counterpart; durations in seconds, empty when unknown.
struct ReportCSV {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    var report: MonthlyReport
    /// Agency names by code, from the configuration.
    var names: [String: String]

    var bytes: [UInt8] { Self.byteOrderMark + Array(text.utf8) }

    var text: String {
        let header =
            [
                "Tháng / Month", "Mã cơ quan / Agency code", "Tên cơ quan / Agency name",
                "Mã bên kia / Counterpart code", "Tên bên kia / Counterpart name",
            ]
            + ReportMeasure.all.map { measure in
                if case .duration = measure.value(MonthlyReportRow(agency: "", counterpart: "")) {
                    return measure.heading + " (giây / s)"
                }
                return measure.heading
            }
        var lines = [header]
        for row in report.rows {
            let values = ReportMeasure.all.map { measure -> String in
                switch measure.value(row) {
                case .count(let n): String(n)
                case .duration(let seconds): seconds.map { String(Int($0.rounded())) } ?? ""
                }
            }
            lines.append(
                ["\(report.month)", row.agency, names[row.agency] ?? "", row.counterpart, names[row.counterpart] ?? ""]
                    + values)
        }
        return lines.map { $0.map(Self.field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A field quoted when it holds a comma, a quote or a line break, quotes doubled (RFC 4180).
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
