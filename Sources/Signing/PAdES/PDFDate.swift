import Foundation

/// PDF date strings (ISO 32000-1 7.9.4): `D:20261125143000+07'00'`.
enum PDFDate {
    /// Vietnam time (UTC+7, no daylight saving): the zone recipients read, and the one Decree 30 asks for in the
    /// visible box (axis-protocol.md section 7), whatever the configuration's `time_zone`.
    static let vietnam = TimeZone(secondsFromGMT: 7 * 3600) ?? .gmt

    static func string(_ date: Date, timeZone: TimeZone = vietnam) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "D:" + String(format: "%04d", parts.year ?? 0) + two(parts.month) + two(parts.day) + two(parts.hour)
            + two(parts.minute) + two(parts.second) + sign + two(abs(offset) / 3600) + "'"
            + two(abs(offset) % 3600 / 60) + "'"
    }

    /// Parses `D:YYYY[MM[DD[HH[mm[SS]]]]][Z|±HH'mm']`; nil when malformed.
    static func date(_ text: String) -> Date? {
        var scalars = Array(text.utf8)
        if scalars.starts(with: Array("D:".utf8)) { scalars.removeFirst(2) }
        func number(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= scalars.count else { return nil }
            return PDFParser.integer(scalars[start..<start + length])
        }
        guard let year = number(0, 4) else { return nil }
        var components = DateComponents(year: year, month: 1, day: 1, hour: 0, minute: 0, second: 0)
        var position = 4
        for key in [\DateComponents.month, \.day, \.hour, \.minute, \.second] {
            guard let value = number(position, 2) else { break }
            components[keyPath: key] = value
            position += 2
        }
        var offset = 0
        if position < scalars.count, scalars[position] == UInt8(ascii: "+") || scalars[position] == UInt8(ascii: "-") {
            let sign = scalars[position] == UInt8(ascii: "-") ? -1 : 1
            let hours = number(position + 1, 2) ?? 0
            let minutes = number(position + 4, 2) ?? 0
            offset = sign * (hours * 3600 + minutes * 60)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset) ?? .gmt
        return calendar.date(from: components)
    }
}
