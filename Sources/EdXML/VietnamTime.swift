import Foundation

/// Vietnam time (UTC+7, no daylight saving time): every time clerks read and the edXML carries is written in it.
public enum VietnamTime {
    public static let zone: TimeZone =
        TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600) ?? .gmt

    /// ISO 8601 with the offset, e.g. `2026-11-25T14:03:05+07:00`: receipts, summaries, signature reports.
    public static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// `yyyy/MM/dd HH:mm:ss`, e.g. `2026/11/25 14:03:05`: the edXML `Timestamp` of status messages and trace
    /// headers, as in the samples, and the status lines of receipts.
    public static func wire(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d/%02d/%02d %02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
            c.minute ?? 0, c.second ?? 0)
    }

    /// `yyyy-MM-dd`, the day in Vietnam: the date folders of `sent/` and `inbox/`. At 18:30 UTC on 31 December it
    /// is already the next year, whatever zone the host is set to.
    public static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
