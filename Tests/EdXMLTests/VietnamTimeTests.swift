import Foundation
import Testing

@testable import EdXML

/// Every date clerks read is the day in Vietnam (UTC+7), whatever zone the host runs in.
@Suite struct VietnamTimeTests {
    /// 2026-12-31 18:30:00 UTC: New Year's Eve on a host in UTC, already 1 January 01:30 in Vietnam.
    let newYearsEve = Date(timeIntervalSince1970: 1_798_741_800)

    @Test func newYearsEveInUTCIsAlreadyTheNewYearInVietnam() {
        #expect(VietnamTime.day(newYearsEve) == "2027-01-01")
        #expect(VietnamTime.wire(newYearsEve) == "2027/01/01 01:30:00")
        #expect(VietnamTime.iso8601(newYearsEve) == "2027-01-01T01:30:00+07:00")
    }

    /// Two hours earlier it is 23:30 on 31 December in Vietnam.
    @Test func theDayBeforeVietnameseMidnightIsStillTheOldDay() {
        #expect(VietnamTime.day(newYearsEve.addingTimeInterval(-7_200)) == "2026-12-31")
    }

    @Test func leapDayIsADay() {
        // 2028-02-28 17:00:00 UTC is 2028-02-29 00:00 in Vietnam.
        let leap = Date(timeIntervalSince1970: 1_835_370_000)
        #expect(VietnamTime.day(leap) == "2028-02-29")
        #expect(VietnamTime.day(leap.addingTimeInterval(86_400)) == "2028-03-01")
    }
}
