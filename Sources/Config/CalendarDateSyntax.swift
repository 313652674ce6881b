/// Dates as clerks and legacy software write them, turned into the axis's `yyyy/MM/dd`.
///
/// Accepted: `2026-11-20`, `2026/11/20`, `2026.11.20` (year first) and `20/11/2026`, `20-11-2026`, `20.11.2026`
/// (day first, the Vietnamese habit), with one-digit days and months allowed. The day must exist.
public enum CalendarDateSyntax {
    public static let examples = "2026-11-20 or 20/11/2026"

    /// Year-first or day-first, decided by which part has four digits.
    public static func wireDate(from text: String) -> String? {
        wireDate(fromYearFirst: text) ?? wireDate(fromDayFirst: text)
    }

    public static func wireDate(fromYearFirst text: String) -> String? {
        guard let parts = numbers(text), parts[0].count == 4 else { return nil }
        return wire(year: parts[0], month: parts[1], day: parts[2])
    }

    public static func wireDate(fromDayFirst text: String) -> String? {
        guard let parts = numbers(text), parts[2].count == 4 else { return nil }
        return wire(year: parts[2], month: parts[1], day: parts[0])
    }

    private static func numbers(_ text: String) -> [Substring]? {
        let trimmed = text.trimmingWhitespace()
        let separators: Set<Character> = ["-", "/", "."]
        guard let separator = trimmed.first(where: { separators.contains($0) }) else { return nil }
        let parts = trimmed.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        return parts
    }

    private static func wire(year: Substring, month: Substring, day: Substring) -> String? {
        guard year.count == 4, (1...2).contains(month.count), (1...2).contains(day.count),
            let y = Int(year), let m = Int(month), let d = Int(day), (1...12).contains(m), d >= 1
        else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= lengths[m - 1] else { return nil }
        return "\(year)/\(m < 10 ? "0" : "")\(m)/\(d < 10 ? "0" : "")\(d)"
    }
}
