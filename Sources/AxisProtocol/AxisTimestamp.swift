import Foundation

/// The axis's `timestamp` header: `ddMMyyyy'T'HHmmss+SSSS`.
///
/// The `+SSSS` suffix is **not** a time-zone offset: it is the milliseconds of the second, zero-padded to four digits
/// (Java's `SimpleDateFormat` pattern `SSSS`), e.g. `25112026T114802+0042`. The SDK formats in the JVM's local
/// zone, which for every Vietnamese agency is Asia/Ho_Chi_Minh (UTC+7, no daylight saving); so it stays Vietnam time
/// whatever the configuration's `time_zone` (which governs the dates clerks read).
public enum AxisTimestamp {
    /// Vietnam's time zone; a fixed UTC+7 if the system has no tz database.
    public static let vietnam: TimeZone =
        TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600) ?? TimeZone.gmt

    /// Formats `date` as `ddMMyyyy'T'HHmmss+SSSS` in `timeZone`. Milliseconds are truncated, not rounded.
    public static func format(_ date: Date, timeZone: TimeZone = vietnam) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        // Round to the microsecond first so that binary noise (…042 stored as …041999) does not lose a millisecond.
        let microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let millisecond = Int(((microseconds / 1000) % 1000 + 1000) % 1000)
        return pad(parts.day ?? 0, 2) + pad(parts.month ?? 0, 2) + pad(parts.year ?? 0, 4) + "T"
            + pad(parts.hour ?? 0, 2) + pad(parts.minute ?? 0, 2) + pad(parts.second ?? 0, 2) + "+"
            + pad(millisecond, 4)
    }

    /// Parses a timestamp written by ``format(_:timeZone:)`` or by the Java SDK.
    ///
    /// Returns nil unless the text is exactly `ddMMyyyyTHHmmss+SSSS` (20 ASCII characters) naming a real calendar
    /// instant; the `+SSSS` part may be absent (`ddMMyyyyTHHmmss`), meaning 0 milliseconds.
    public static func parse(_ text: String, timeZone: TimeZone = vietnam) -> Date? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 15 || utf8.count == 20, utf8[8] == UInt8(ascii: "T") else { return nil }
        func number(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for byte in utf8[start..<start + length] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let day = number(0, 2), let month = number(2, 2), let year = number(4, 4),
            let hour = number(9, 2), let minute = number(11, 2), let second = number(13, 2)
        else { return nil }
        var millisecond = 0
        if utf8.count == 20 {
            guard utf8[15] == UInt8(ascii: "+"), let value = number(16, 4), value < 1000 else { return nil }
            millisecond = value
        }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components) else { return nil }
        let check = calendar.dateComponents([.year, .month, .day], from: date)
        guard check.year == year, check.month == month, check.day == day else { return nil }
        return date.addingTimeInterval(Double(millisecond) / 1000)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
