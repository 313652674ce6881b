import Foundation

/// The time zone of every date a clerk or an admin reads: the `sent/YYYY-MM-DD/` folders, an inbox folder named after
/// the day received, receipts, `document.txt`, `signatures.txt`, `answers.txt`, `DANG-CHO-GUI.txt`, and the times
/// printed by `lienthong status`, `list`, `show` and the months of `report`. Configured with `time_zone` (an IANA
/// name, default `Asia/Ho_Chi_Minh`), whatever zone the host runs in (servers often run in UTC).
///
/// What the axis itself reads is not written in this zone but always in Vietnam time, as the protocol requires
/// (axis-protocol.md): the `timestamp` header (`AxisTimestamp`), the edXML `Timestamp` of status messages and the
/// promulgation date that is checked "not in the future" (`VietnamTime`), and the signing time of the Decree 30
/// visible signature box.
public struct CivilTimeZone: Sendable, Equatable, CustomStringConvertible {
    /// The default: Vietnam time (UTC+7, no daylight saving time).
    public static let defaultIdentifier = "Asia/Ho_Chi_Minh"

    /// Vietnam time; a fixed UTC+7 if the system has no time zone database.
    public static let vietnam = CivilTimeZone(
        identifier: defaultIdentifier,
        zone: TimeZone(identifier: defaultIdentifier) ?? TimeZone(secondsFromGMT: 7 * 3600) ?? .gmt)

    /// The name as configured, e.g. `Asia/Ho_Chi_Minh`.
    public let identifier: String
    public let zone: TimeZone

    private init(identifier: String, zone: TimeZone) {
        self.identifier = identifier
        self.zone = zone
    }

    /// The zone named `identifier` in the IANA time zone database (`Asia/Tokyo`, `Europe/Berlin`, `UTC`,
    /// `Etc/GMT-7`), compared with its case; nil for anything else, including the abbreviations and offsets
    /// Foundation would otherwise accept (`ICT`, `PST`, `GMT+7`, `UTC+7`), which are not names of the database.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        let known = TimeZone.knownTimeZoneIdentifiers.contains(identifier)
        guard known || identifier == "UTC" || (identifier.contains("/") && !identifier.hasPrefix("/")) else {
            return nil
        }
        self.init(identifier: identifier, zone: zone)
    }

    /// The known IANA name closest to `text` (case, `_` and `-` ignored first), for an error message.
    public static func suggestion(for text: String) -> String? {
        KeySuggestion.closest(to: text, among: TimeZone.knownTimeZoneIdentifiers)
    }

    public var description: String { identifier }

    /// `yyyy-MM-dd`, the day in this zone: the date folders of `sent/` and of `inbox/` (when the document names no
    /// date). At 18:30 UTC on 31 December it is already the next year in Vietnam, whatever the host's zone.
    public func day(of date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// ISO 8601 with the offset, e.g. `2026-11-25T14:03:05+07:00`: receipts, summaries, signature reports.
    ///
    /// Written from the calendar's fields, as `ISO8601DateFormatter` with `.withInternetDateTime` writes it (`Z` for
    /// UTC): making that formatter cost about 75 µs, several times per document.
    public func iso8601(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = zone.secondsFromGMT(for: date)
        let minutes = abs(offset) / 60
        let suffix =
            offset == 0
            ? "Z" : (offset < 0 ? "-" : "+") + String(format: "%02d:%02d", minutes / 60, minutes % 60)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
            c.minute ?? 0, c.second ?? 0) + suffix
    }

    /// `yyyy/MM/dd HH:mm:ss`, e.g. `2026/11/25 14:03:05`: the lines added to receipts and `answers.txt`, written
    /// as the edXML writes its times.
    public func stamp(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d/%02d/%02d %02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
            c.minute ?? 0, c.second ?? 0)
    }

    /// `yyyy-MM-dd HH:mm:ss`, e.g. `2026-11-25 14:03:05`: the times the command line prints.
    public func display(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
            c.minute ?? 0, c.second ?? 0)
    }

    /// The instant an edXML time (`yyyy/MM/dd HH:mm:ss`, or with `-` or `T`), which the axis writes in Vietnam time,
    /// is in this zone, written as ``stamp(_:)``; the text as it came when it is not such a time.
    public func restamp(vietnamTime text: String) -> String {
        let digits = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard digits.count == 6 else { return text }
        var vietnam = Calendar(identifier: .gregorian)
        vietnam.timeZone = Self.vietnam.zone
        let parts = DateComponents(
            year: digits[0], month: digits[1], day: digits[2], hour: digits[3], minute: digits[4], second: digits[5])
        guard let date = vietnam.date(from: parts) else { return text }
        return stamp(date)
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}
