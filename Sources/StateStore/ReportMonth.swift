import Foundation

/// A calendar month of the monthly report, `YYYY-MM`, counted in a given time zone (Vietnam time for lienthong: a
/// document created at 2026-11-30T17:30:00Z belongs to December).
public struct ReportMonth: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1970...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses exactly `YYYY-MM` (e.g. `2026-11`); nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1])
        else { return nil }
        self.init(year: year, month: month)
    }

    /// The month `date` falls in, in `zone`.
    public init(containing date: Date, in zone: TimeZone) {
        let parts = Self.calendar(zone).dateComponents([.year, .month], from: date)
        year = parts.year ?? 1970
        month = parts.month ?? 1
    }

    /// From the first instant of the month to the first instant of the next, in `zone`.
    public func interval(in zone: TimeZone) -> DateInterval {
        let calendar = Self.calendar(zone)
        let start =
            calendar.date(from: DateComponents(year: year, month: month, day: 1)) ?? Date(timeIntervalSince1970: 0)
        let end = calendar.date(byAdding: .month, value: 1, to: start) ?? start
        return DateInterval(start: start, end: end)
    }

    public var description: String { String(format: "%04d-%02d", year, month) }

    private static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}
