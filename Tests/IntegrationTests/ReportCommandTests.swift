import Foundation
import Testing

/// `lienthong report` on the real binaries: A sends two documents to B (one to an unknown agency, which fails),
/// B receives the other; each agency's report for the month counts them, as a table and as CSV.
@Suite(.serialized) struct ReportCommandTests {
    /// Vietnam time, as `VietnamTime.zone` (this target does not link EdXML): months are counted in it.
    static let vietnam = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    /// The Vietnam month of a document's `created_at` from `lienthong list --json`, so a test running across
    /// midnight at the end of a month still asks for the month its documents belong to.
    static func month(ofDocumentsIn config: String, lienthong: String) throws -> String {
        let list = try runCommand(lienthong, ["list", "--json", "--config", config])
        // Not #require: this is polled until the daemon has recorded a document.
        guard
            let documents = try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]],
            let created = documents.first?["created_at"] as? String,
            let date = ISO8601DateFormatter().date(from: created)
        else { throw IntegrationError("no document in lienthong list --json: \(list.output)") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = vietnam
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0)
    }

    /// The CSV rows (RFC 4180: quoted fields, doubled quotes, CRLF) after the byte order mark.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\r\n" || c == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
        return rows
    }

    /// The report of `code` as CSV: whether it started with the BOM, and one dictionary per row keyed by heading.
    static func csv(_ world: TwoAgencies, _ code: String, month: String) throws -> (bom: Bool, rows: [[String: String]])
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: world.lienthong)
        process.arguments = ["report", "--month", month, "--format", "csv", "--config", world.config(code)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let bytes = Array(pipe.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let table = parseCSV(String(decoding: bytes.dropFirst(bom ? 3 : 0), as: UTF8.self))
        guard let header = table.first else { return (bom, []) }
        let rows = table.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        return (bom, rows)
    }

    @Test func eachAgencyReportsWhatItSentAndReceivedInTheMonth() async throws {
        let world = try TwoAgencies()
        try world.startAxis()
        try world.startDaemon(TwoAgencies.codeA)
        try world.startDaemon(TwoAgencies.codeB)
        let (a, b) = (TwoAgencies.codeA, TwoAgencies.codeB)

        for (number, name, folder) in [(21, "Báo cáo tháng.pdf", b), (22, "nham-noi.pdf", "000.00.00.Z99")] {
            try world.dropSidecar("so: \(number)\n", for: name, into: folder, of: a)
            try world.drop(TestPDF.make(note: name), named: name, into: folder, of: a)
        }

        // Wait until B has the document and A has heard status 01 for it and failed the other.
        #expect(
            await eventually(timeout: 30) {
                (try? Self.month(ofDocumentsIn: world.config(a), lienthong: world.lienthong)) != nil
            }, "A recorded no document:\n\(world.logs)")
        let month = try Self.month(ofDocumentsIn: world.config(a), lienthong: world.lienthong)
        func row(_ rows: [[String: String]], _ counterpart: String) -> [String: String] {
            rows.first { $0["Mã bên kia / Counterpart code"] == counterpart } ?? [:]
        }
        let settled = await eventually(timeout: 90) {
            guard let reportA = try? Self.csv(world, a, month: month),
                let reportB = try? Self.csv(world, b, month: month)
            else { return false }
            return row(reportA.rows, b)["Nhận trạng thái 01 / Status 01 received"] == "1"
                && row(reportA.rows, "000.00.00.Z99")["Gửi lỗi / Failed"] == "1"
                && row(reportB.rows, a)["Đã nhận / Received"] == "1"
        }
        #expect(settled, "the reports did not settle:\n\(world.logs)")

        let reportA = try Self.csv(world, a, month: month)
        #expect(reportA.bom, "the CSV must start with the UTF-8 byte order mark")
        #expect(reportA.rows.count == 2, "\(reportA.rows)")
        let toB = row(reportA.rows, b)
        #expect(toB["Tháng / Month"] == month)
        #expect(toB["Mã cơ quan / Agency code"] == a)
        #expect(toB["Đã gửi / Sent"] == "1" && toB["Gửi lỗi / Failed"] == "0", "\(toB)")
        #expect(toB["Chữ ký hợp lệ / Valid signature"] == "1", "\(toB)")
        #expect(Int(toB["Trung vị thả → trục / Median drop → axis (giây / s)"] ?? "") != nil, "\(toB)")
        #expect(toB["Đã nhận / Received"] == "0", "\(toB)")
        let toUnknown = row(reportA.rows, "000.00.00.Z99")
        #expect(toUnknown["Đã gửi / Sent"] == "0" && toUnknown["Gửi lỗi / Failed"] == "1", "\(toUnknown)")

        let reportB = try Self.csv(world, b, month: month)
        #expect(reportB.bom)
        #expect(reportB.rows.count == 1, "\(reportB.rows)")
        let fromA = row(reportB.rows, a)
        #expect(fromA["Mã cơ quan / Agency code"] == b)
        #expect(fromA["Đã gửi / Sent"] == "0" && fromA["Cách ly / Quarantined"] == "0", "\(fromA)")
        #expect(fromA["Chữ ký hợp lệ / Valid signature"] == "1", "the demo CA is trusted: \(fromA)")
        #expect(fromA["Chưa rõ chữ ký / Signature unknown"] == "0", "\(fromA)")
        #expect(Int(fromA["Trung vị liệt kê → hộp đến / Median listing → inbox (giây / s)"] ?? "") != nil, "\(fromA)")

        // The table form says the same for people; another month is empty; a bad month is a usage error.
        let text = try runCommand(world.lienthong, ["report", "--month", month, "--config", world.config(a)])
        #expect(text.status == 0, "\(text.output)")
        #expect(text.output.contains("Monthly report for \(month)"), "\(text.output)")
        #expect(text.output.contains("Cơ quan / Agency: \(a)"), "\(text.output)")
        let sentLine = text.output.split(separator: "\n").first { $0.hasPrefix("Đã gửi / Sent") } ?? ""
        #expect(sentLine.split(separator: " ").suffix(2) == ["1", "0"], "B then Z99: \(text.output)")
        let empty = try runCommand(world.lienthong, ["report", "--month", "1999-01", "--config", world.config(a)])
        #expect(empty.status == 0 && empty.output.contains("No documents in this month"), "\(empty.output)")
        let bad = try runCommand(world.lienthong, ["report", "--month", "2026-13", "--config", world.config(a)])
        #expect(bad.status == 64 && bad.output.contains("YYYY-MM"), "\(bad.status) \(bad.output)")
    }
}
