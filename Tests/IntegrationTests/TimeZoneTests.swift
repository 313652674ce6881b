import Foundation
import Testing

/// `time_zone` on the real binaries: A's daemon runs with a host zone (`TZ`) and `time_zone` chosen so that, at the
/// moment of the test, the configured zone's day differs from both Vietnam's and the host's; the `sent/` folder, the
/// receipt and `lienthong list` follow the configured zone, not Vietnam time and not the host's.
///
/// The daemons read the real clock (libfaketime stops their timers, see scripts/test.sh), so the test does not pick a
/// date: it picks the zones for the instant it runs. Before 17:00 in Vietnam, Pacific/Pago_Pago (UTC-11) is on the
/// day before Vietnam's and the host runs in Pacific/Kiritimati (UTC+14), on Vietnam's day or the next; from 17:00,
/// Kiritimati is on the day after Vietnam's and the host runs in Pago_Pago, on Vietnam's day. No zone stays a day
/// apart from Vietnam across its midnight, so in the last five minutes before it the test waits for midnight.
@Suite(.serialized) struct TimeZoneTests {
    static let vietnam = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    static func day(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// Seconds since midnight in Vietnam.
    static func vietnamTimeOfDay(_ date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = vietnam
        let c = calendar.dateComponents([.hour, .minute, .second], from: date)
        return (c.hour ?? 0) * 3600 + (c.minute ?? 0) * 60 + (c.second ?? 0)
    }

    /// The configured zone and the host's, a day apart from each other and the configured one from Vietnam's, for
    /// the next five minutes after `now`; nil in the last five minutes before midnight in Vietnam.
    static func zonesApart(at now: Date) -> (configured: String, host: String)? {
        let seconds = vietnamTimeOfDay(now)
        if seconds < 17 * 3600 { return ("Pacific/Pago_Pago", "Pacific/Kiritimati") }
        if seconds < 24 * 3600 - 5 * 60 { return ("Pacific/Kiritimati", "Pacific/Pago_Pago") }
        return nil
    }

    @Test(arguments: [0, 6, 16, 17, 23] as [Int])
    func theChosenZonesAreADayApartAtEveryHour(_ hour: Int) throws {
        // 2026-12-06 17:00 UTC is midnight in Vietnam: every fifth minute of the hour, and five minutes after it.
        for minute in stride(from: 0, to: 60, by: 5) {
            let start = Date(timeIntervalSince1970: 1_796_576_400 + Double(hour * 3600 + minute * 60))
            guard let zones = Self.zonesApart(at: start) else { continue }
            let configured = try #require(TimeZone(identifier: zones.configured))
            let host = try #require(TimeZone(identifier: zones.host))
            for instant in [start, start.addingTimeInterval(300)] {
                #expect(Self.day(instant, in: configured) != Self.day(instant, in: Self.vietnam), "\(instant)")
                #expect(Self.day(instant, in: configured) != Self.day(instant, in: host), "\(instant)")
            }
        }
    }

    @Test func theSentFolderTheReceiptAndListFollowTheConfiguredZoneNotVietnamNorTheHost() async throws {
        if Self.zonesApart(at: Date()) == nil {
            let wait = 24 * 3600 - Self.vietnamTimeOfDay(Date()) + 5
            try await Task.sleep(for: .seconds(wait))
        }
        let zones = try #require(Self.zonesApart(at: Date()))
        let identifier = zones.configured
        let zone = try #require(TimeZone(identifier: identifier))
        let host = try #require(TimeZone(identifier: zones.host))
        let world = try TwoAgencies()
        let a = TwoAgencies.codeA
        let b = TwoAgencies.codeB
        try world.editConfig(a) { "time_zone: \(identifier)\n" + $0 }
        try world.startAxis()
        let daemon = try world.startDaemon(a, environment: ["TZ": zones.host])
        try world.startDaemon(b, environment: ["TZ": zones.host])
        let name = "Công văn 51.pdf"
        try world.dropSidecar("so: 51\n", for: name, into: b, of: a)
        try world.drop(TestPDF.make(note: "mui gio"), named: name, into: b, of: a)

        let sent = world.share(a) + "/sent"
        // The text is renamed into place after the JSON (`ReceiptFile`): once it is there, both are.
        var receiptText: String?
        #expect(
            await eventually(timeout: 60) {
                receiptText = world.files(under: sent).first { $0.hasSuffix(name + ".receipt.txt") }
                return receiptText != nil
            }, "no receipt:\n\(world.files(under: world.share(a)))\n\(daemon.log)")
        let relative = try #require(receiptText).replacingOccurrences(of: ".receipt.txt", with: ".receipt.json")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sent + "/" + relative)))
                as? [String: Any])
        let sentAtText = try #require(json["sent_at"] as? String)
        let sentAt = try #require(ISO8601DateFormatter().date(from: sentAtText), "\(sentAtText)")
        let offset = identifier == "Pacific/Pago_Pago" ? "-11:00" : "+14:00"
        #expect(sentAtText.hasSuffix(offset), "the receipt's time is not in \(identifier): \(sentAtText)")

        let folder = String(relative.prefix { $0 != "/" })
        #expect(folder == Self.day(sentAt, in: zone), "sent/\(folder) is not the day in \(identifier) of \(sentAtText)")
        #expect(folder != Self.day(sentAt, in: Self.vietnam), "sent/\(folder) is the day in Vietnam")
        #expect(folder != Self.day(sentAt, in: host), "sent/\(folder) is the host's day (\(zones.host))")
        let text = try String(
            contentsOfFile: sent + "/" + relative.replacingOccurrences(of: ".json", with: ".txt"), encoding: .utf8)
        #expect(text.contains("Thời điểm gửi / Sent at:      \(sentAtText)"), "\(text)")

        let check = try runCommand(world.lienthong, ["check-config", "--config", world.config(a)])
        #expect(
            check.output.contains("dates for clerks and admins: \(identifier); what the axis reads stays Vietnam time"),
            "\(check.output)")

        // `lienthong list` prints the creation time in the configured zone too, and says which zone.
        let list = try runCommand(world.lienthong, ["list", "--config", world.config(a)])
        let listed = try runCommand(world.lienthong, ["list", "--json", "--config", world.config(a)])
        let documents = try #require(
            try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]])
        let created = try #require(
            (documents.first?["created_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        #expect(list.output.hasPrefix("ID\tSTATE\tCREATED (\(identifier))\t"), "\(list.output)")
        #expect(list.output.contains("\t\(formatter.string(from: created))\t→ \(b)"), "\(list.output)")
    }
}
