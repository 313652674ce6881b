import AxisProtocol
import Foundation

/// Times in list replies: `yyyy-MM-dd HH:mm:ss` in Vietnam time. The real axis's format is not documented [I].
/// Times in `TraceHeader/Timestamp`: `yyyy/MM/dd HH:mm:ss` (axis-protocol.md section 4), Vietnam time.
enum AxisTimeFormat {
    static func string(milliseconds: Int64) -> String {
        string(milliseconds: milliseconds, dateSeparator: "-")
    }

    static func traceTimestamp(milliseconds: Int64) -> String {
        string(milliseconds: milliseconds, dateSeparator: "/")
    }

    private static func string(milliseconds: Int64, dateSeparator: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = AxisTimestamp.vietnam
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int = 2) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))\(dateSeparator)\(pad(parts.month))\(dateSeparator)\(pad(parts.day)) "
            + "\(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second))"
    }
}
