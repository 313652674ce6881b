import EdXML
import Foundation

/// Times and sizes as the page writes them: Vietnam time to the second (as `lienthong status` does), sizes in
/// binary units.
struct PageFormat {
    private let formatter: DateFormatter

    init() {
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = VietnamTime.zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
    }

    func time(_ date: Date) -> String { formatter.string(from: date) }

    func time(_ date: Date?) -> String { date.map(time) ?? "" }

    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }
}
