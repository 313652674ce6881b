import Foundation
import GRDB
import Testing

@testable import StateStore

/// The state database's times are written without GRDB's `DateFormatter` but must be the text it writes: rows of
/// either compare and sort together, and an unchanged time read back must not look changed to an update.
@Suite struct StoredTimeTests {
    static func grdbText(_ date: Date) -> String? { String.fromDatabaseValue(date.databaseValue) }

    @Test func timesAreWrittenAsGRDBWritesThemAndReadBackUnchanged() {
        var differing: [String] = []
        for step in 0..<50_000 {
            // From 1902 to 2199 in steps whose fractions never repeat a pattern; each also cut to whole
            // microseconds, as times read back from the database are.
            let seconds = -2_145_000_000 + Double(step) * 188_060.123_456_789_1
            let micro = (seconds * 1e6).rounded() / 1e6
            for date in [Date(timeIntervalSince1970: seconds), Date(timeIntervalSince1970: micro)] {
                let expected = Self.grdbText(date)
                if StoredTime.text(of: date) != expected { differing.append("\(seconds): \(expected ?? "nil")") }
                // Read back and written again, as an update compares it.
                let readBack = Date.fromDatabaseValue(StoredTime(date).databaseValue)!
                if StoredTime.text(of: readBack) != expected { differing.append("read back \(expected ?? "nil")") }
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    /// Midnight in UTC and in Vietnam, a leap day, the last millisecond of a year, and half-milliseconds.
    @Test(arguments: [
        ("2026-12-31 16:59:59.999", 1_798_736_399.999),
        ("2026-12-31 17:00:00.000", 1_798_736_400.0),
        ("2028-02-29 23:59:59.999", 1_835_481_599.999),
        ("2027-01-01 00:00:00.000", 1_798_761_599.9996),
        ("1970-01-01 00:00:00.000", 0.0),
        ("1969-12-31 23:59:59.999", -0.001),
        ("2026-12-07 23:02:44.001", 1_796_684_564.0005),
        ("1939-08-12 10:31:27.128", -959_002_112.8725),
    ])
    func edges(expected: String, seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(StoredTime.text(of: date) == expected)
        #expect(Self.grdbText(date) == expected)
    }

    @Test func farTimesAreLeftToGRDB() {
        let old = Date(timeIntervalSince1970: -12_000_000_000)  // 1589
        #expect(StoredTime.text(of: old) == nil)
        #expect(StoredTime(old).databaseValue == old.databaseValue)
        #expect(StoredTime.text(of: Date(timeIntervalSince1970: 300_000_000_000)) == nil)  // 11476
        #expect(StoredTime.text(of: .distantFuture) == Self.grdbText(.distantFuture))  // 4001
    }
}
