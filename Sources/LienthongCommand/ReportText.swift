import StateStore

/// The text form of the monthly report, for a terminal: the title, then one table per agency with a line per
/// figure (`Đã gửi / Sent`) and a column per counterpart, durations as `h:mm:ss`.
struct ReportText {
    var report: MonthlyReport
    /// Agency names by code, from the configuration.
    var names: [String: String]

    var text: String {
        var lines = ReportMeasure.title(report)
        let agencies = report.rows.map(\.agency).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if agencies.isEmpty {
            lines += ["", "Không có văn bản nào trong tháng. / No documents in this month."]
        }
        for agency in agencies {
            let rows = report.rows.filter { $0.agency == agency }
            lines += ["", "Cơ quan / Agency: \(agency)" + (names[agency].map { " (\($0))" } ?? "")]
            let header =
                ["Bên kia / Counterpart"]
                + rows.map { $0.counterpart.isEmpty ? "(không rõ / unknown)" : $0.counterpart }
            var table = [header]
            for measure in ReportMeasure.all {
                table.append(
                    [measure.heading]
                        + rows.map { row in
                            switch measure.value(row) {
                            case .count(let n): String(n)
                            case .duration(let seconds): seconds.map(Self.duration) ?? "-"
                            }
                        })
            }
            lines += Self.aligned(table)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `h:mm:ss`, hours unbounded.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total % 3600 / 60, total % 60)
        return "\(h):" + (m < 10 ? "0" : "") + "\(m):" + (s < 10 ? "0" : "") + "\(s)"
    }

    /// The first column left-aligned, the others right-aligned, two spaces between.
    private static func aligned(_ table: [[String]]) -> [String] {
        let widths = table[0].indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        return table.map { cells in
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
    }
}
