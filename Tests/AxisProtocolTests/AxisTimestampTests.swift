import Foundation
import Testing

@testable import AxisProtocol

@Suite struct AxisTimestampTests {
    // 2026-11-25 04:48:02.042 UTC = 11:48:02.042 in Vietnam.
    let instant = Date(timeIntervalSince1970: 1_795_582_082.042)

    @Test func formatsInVietnamTimeWithMillisecondsPaddedToFourDigits() {
        #expect(AxisTimestamp.format(instant) == "25112026T114802+0042")
    }

    @Test func formatsZeroMillisecondsAsFourZeros() {
        #expect(AxisTimestamp.format(Date(timeIntervalSince1970: 1_795_582_082)) == "25112026T114802+0000")
    }

    @Test func formatsInAnExplicitTimeZone() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(AxisTimestamp.format(instant, timeZone: utc) == "25112026T044802+0042")
    }

    @Test func vietnameseMidnightRollsTheDate() {
        // 2026-11-25 17:30:00.999 UTC is 00:30 on the 26th in Vietnam.
        let date = Date(timeIntervalSince1970: 1_795_627_800.999)
        #expect(AxisTimestamp.format(date) == "26112026T003000+0999")
    }

    @Test func parseReadsBackWhatFormatWrote() throws {
        let parsed = try #require(AxisTimestamp.parse("25112026T114802+0042"))
        #expect(abs(parsed.timeIntervalSince(instant)) < 0.0005)
    }

    @Test func parseAcceptsTheFormWithoutMilliseconds() throws {
        let parsed = try #require(AxisTimestamp.parse("25112026T114802"))
        #expect(parsed.timeIntervalSince1970 == 1_795_582_082)
    }

    @Test(arguments: [
        "", "25112026 114802+0042", "31022026T114802+0042", "25132026T114802+0042", "25112026T244802+0042",
        "25112026T114802+1000", "25112026T114802-0042", "2511202xT114802+0042", "25112026T114802+004",
    ])
    func parseRejectsMalformedOrImpossibleTimestamps(_ text: String) {
        #expect(AxisTimestamp.parse(text) == nil)
    }
}
