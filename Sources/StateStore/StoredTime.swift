import Foundation
import GRDB

/// A time written into the state database as GRDB writes a `Date`, `yyyy-MM-dd HH:mm:ss.SSS` in UTC (to the nearest
/// millisecond, a half rounded up, as ICU does), without GRDB's shared `DateFormatter`.
///
/// Every step writes a document's times (its row's and its history line's): formatting them through ICU was 2 % of
/// the daemon's CPU in a burst. The text is the same, so old and new rows compare and sort alike, and GRDB reads
/// both back. Years outside 1900–9999 are left to GRDB (its formatter's calendar is Julian before 1582).
struct StoredTime: DatabaseValueConvertible {
    let date: Date

    init(_ date: Date) { self.date = date }

    var databaseValue: DatabaseValue {
        guard let text = Self.text(of: date) else { return date.databaseValue }
        return text.databaseValue
    }

    static func fromDatabaseValue(_ value: DatabaseValue) -> StoredTime? {
        Date.fromDatabaseValue(value).map(StoredTime.init)
    }

    /// Milliseconds in a day.
    private static let day: Int64 = 86_400_000

    /// `yyyy-MM-dd HH:mm:ss.SSS` of `date` in UTC, or nil outside the years 1900–9999.
    static func text(of date: Date) -> String? {
        let interval = (date.timeIntervalSince1970 * 1000 + 0.5).rounded(.down)
        guard interval.isFinite, abs(interval) < 4e14 else { return nil }
        let milliseconds = Int64(interval)
        let days = milliseconds >= 0 ? milliseconds / day : (milliseconds - day + 1) / day
        let (year, month, dayOfMonth) = civilDate(daysSince1970: days)
        guard (1900...9999).contains(year) else { return nil }
        var rest = milliseconds - days * day
        let millisecond = rest % 1000
        rest /= 1000
        let (hour, minute, second) = (rest / 3600, rest / 60 % 60, rest % 60)
        var text = Array("0000-00-00 00:00:00.000".utf8)
        for (value, start, width) in [
            (year, 0, 4), (month, 5, 2), (dayOfMonth, 8, 2), (hour, 11, 2), (minute, 14, 2), (second, 17, 2),
            (millisecond, 20, 3),
        ] {
            var remaining = value
            for index in (start..<start + width).reversed() {
                text[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The proleptic Gregorian date `days` days after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
