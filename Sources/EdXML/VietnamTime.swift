import Foundation

/// Vietnam time (UTC+7, no daylight saving time): the zone of the times the axis reads inside edXML, always, whatever
/// the configuration's `time_zone` says.
///
/// axis-protocol.md: the edXML `Timestamp` of status messages and trace headers carries no offset and the receivers
/// (VNPT's SDK, the provincial buses) read it as Vietnam time; the `PromulgationDate` of the `DocumentId` is checked
/// "not in the future" by the axis's validator in Vietnam. Dates clerks read follow `time_zone` instead
/// (`Config.CivilTimeZone`).
public enum VietnamTime {
    public static let zone: TimeZone =
        TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600) ?? .gmt

    /// `yyyy/MM/dd HH:mm:ss`, e.g. `2026/11/25 14:03:05`: the edXML `Timestamp` of status messages and trace
    /// headers, as in the samples.
    public static func wire(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d/%02d/%02d %02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
            c.minute ?? 0, c.second ?? 0)
    }
}
