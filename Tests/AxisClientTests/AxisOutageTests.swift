import Foundation
import Testing

@testable import AxisClient

/// An outage of the axis is logged once when it starts, at growing intervals while it lasts, and once when it ends,
/// whatever the poll interval (here 2 s polls for 3 hours, on an injected clock).
@Suite struct AxisOutageTests {
    @Test func oneWarningThenRemindersAtGrowingIntervalsThenOneNotice() {
        var outage = AxisOutage()
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        var entries: [(offset: TimeInterval, entry: AxisOutage.Entry)] = []
        for poll in 0..<(3 * 3600 / 2) {
            let now = start.addingTimeInterval(Double(poll) * 2)
            // Two failed lists in one poll would be two calls; the second must add nothing.
            for _ in 0..<2 {
                if let entry = outage.failed("connection refused", at: now) {
                    entries.append((now.timeIntervalSince(start), entry))
                }
            }
        }
        #expect(entries.first?.entry == .started(error: "connection refused"))
        #expect(outage.since == start)
        let reminders = entries.dropFirst().map(\.offset)
        // 1, 2, 4, 8, 16, 32 minutes apart, then hourly: at 1, 3, 7, 15, 31, 63, 123 minutes.
        #expect(reminders == [60, 180, 420, 900, 1860, 3780, 7380].map(TimeInterval.init), "\(reminders)")
        for (_, entry) in entries.dropFirst() {
            #expect(entry == .continuing(error: "connection refused", since: start))
        }
        let end = start.addingTimeInterval(3 * 3600)
        #expect(outage.succeeded(at: end) == .ended(after: .seconds(3 * 3600)))
        #expect(outage.since == nil)
        #expect(outage.succeeded(at: end.addingTimeInterval(2)) == nil, "a good poll after a good poll says nothing")
    }

    @Test func aNewOutageStartsOverWithTheFirstReminder() {
        var outage = AxisOutage()
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        _ = outage.failed("timeout", at: start)
        _ = outage.failed("timeout", at: start.addingTimeInterval(60))
        _ = outage.succeeded(at: start.addingTimeInterval(61))
        let again = start.addingTimeInterval(100)
        #expect(outage.failed("HTTP 503", at: again) == .started(error: "HTTP 503"))
        #expect(outage.failed("HTTP 503", at: again.addingTimeInterval(59)) == nil)
        #expect(
            outage.failed("HTTP 503", at: again.addingTimeInterval(60)) == .continuing(error: "HTTP 503", since: again))
    }
}
