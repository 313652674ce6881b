import Foundation
import Testing

@testable import EdXML

/// The times the axis reads in edXML are Vietnam time (UTC+7), whatever zone the host runs in.
@Suite struct VietnamTimeTests {
    /// 2026-12-31 18:30:00 UTC: New Year's Eve on a host in UTC, already 1 January 01:30 in Vietnam.
    let newYearsEve = Date(timeIntervalSince1970: 1_798_741_800)

    @Test func newYearsEveInUTCIsAlreadyTheNewYearInVietnam() {
        #expect(VietnamTime.wire(newYearsEve) == "2027/01/01 01:30:00")
    }

    /// Two hours earlier it is 23:30 on 31 December in Vietnam.
    @Test func theDayBeforeVietnameseMidnightIsStillTheOldDay() {
        #expect(VietnamTime.wire(newYearsEve.addingTimeInterval(-7_200)) == "2026/12/31 23:30:00")
    }
}
