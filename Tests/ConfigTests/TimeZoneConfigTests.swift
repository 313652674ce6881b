import Foundation
import Testing

@testable import Config

/// `time_zone`: the zone of every date clerks and admins read, Vietnam time unless configured, whatever the host's.
@Suite struct TimeZoneConfigTests {
    /// 2026-12-31 18:30:00 UTC: New Year's Eve on a host in UTC, already 1 January 01:30 in Vietnam.
    static let newYearsEve = Date(timeIntervalSince1970: 1_798_741_800)

    @Test func withoutTheKeyDatesAreInVietnamTimeForTheWholeConfigurationAndEveryAgency() throws {
        let config = try ConfigLoader.parse(yaml: minimalYAML, sourceName: "test.yaml")
        #expect(config.timeZone == .vietnam)
        #expect(config.timeZone.identifier == "Asia/Ho_Chi_Minh")
        #expect(config.agencies.allSatisfy { $0.timeZone == .vietnam })
    }

    @Test func anIANANameIsTakenAndCopiedIntoEveryAgency() throws {
        let config = try ConfigLoader.parse(yaml: "time_zone: Asia/Tokyo\n" + minimalYAML, sourceName: "test.yaml")
        #expect(config.timeZone.identifier == "Asia/Tokyo")
        #expect(config.agencies.map(\.timeZone.identifier) == ["Asia/Tokyo"])
        #expect(config.timeZone.day(of: Self.newYearsEve.addingTimeInterval(-3 * 3600)) == "2027-01-01")
    }

    @Test func anUnknownNameIsRefusedNamingTheKeyTheClosestNameAndTheDefault() throws {
        let found = problems(in: "time_zone: Asia/Ho Chi Minh\n" + minimalYAML)
        let zone = try #require(problem(at: "time_zone", in: found))
        #expect(zone.line == 1)
        #expect(zone.message.contains("'Asia/Ho Chi Minh' is not a time zone name of the IANA database"))
        #expect(zone.message.contains("did you mean 'Asia/Ho_Chi_Minh'?"))
        #expect(zone.message.contains("use e.g. Asia/Ho_Chi_Minh (Vietnam time, the default)"))
    }

    @Test(arguments: ["ICT", "GMT+7", "UTC+7", "+07:00", "asia/tokyo", "Mars/Olympus_Mons"])
    func abbreviationsOffsetsAndMisspelledNamesAreRefused(_ name: String) throws {
        let found = problems(in: "time_zone: \"\(name)\"\n" + minimalYAML)
        #expect(problem(at: "time_zone", in: found) != nil)
    }

    @Test(arguments: ["UTC", "Etc/GMT-7", "Asia/Saigon", "America/New_York", "Asia/Ho_Chi_Minh"])
    func namesOfTheDatabaseAreAccepted(_ name: String) {
        #expect(CivilTimeZone(identifier: name)?.identifier == name)
    }

    @Test func newYearsEveInUTCIsAlreadyTheNewYearInVietnam() {
        let vietnam = CivilTimeZone.vietnam
        #expect(vietnam.day(of: Self.newYearsEve) == "2027-01-01")
        #expect(vietnam.stamp(Self.newYearsEve) == "2027/01/01 01:30:00")
        #expect(vietnam.display(Self.newYearsEve) == "2027-01-01 01:30:00")
        #expect(vietnam.iso8601(Self.newYearsEve) == "2027-01-01T01:30:00+07:00")
        #expect(vietnam.day(of: Self.newYearsEve.addingTimeInterval(-7_200)) == "2026-12-31")
    }

    @Test func theSameInstantIsDatedInTheConfiguredZone() throws {
        let newYork = try #require(CivilTimeZone(identifier: "America/New_York"))
        #expect(newYork.day(of: Self.newYearsEve) == "2026-12-31")
        #expect(newYork.iso8601(Self.newYearsEve) == "2026-12-31T13:30:00-05:00")
        let tokyo = try #require(CivilTimeZone(identifier: "Asia/Tokyo"))
        #expect(tokyo.stamp(Self.newYearsEve) == "2027/01/01 03:30:00")
    }

    /// ``CivilTimeZone/iso8601(_:)`` writes what Foundation's formatter writes, in zones east and west, with
    /// daylight saving time, a half-hour offset, UTC, and across a daylight saving change.
    @Test(arguments: ["Asia/Ho_Chi_Minh", "America/New_York", "Asia/Kolkata", "UTC", "Europe/Berlin"])
    func iso8601IsWhatTheFoundationFormatterWrites(_ name: String) throws {
        let zone = try #require(CivilTimeZone(identifier: name))
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone.zone
        formatter.formatOptions = [.withInternetDateTime]
        // New Year's Eve, the leap day, 2026-03-08 07:30 UTC (New York's spring change), a fraction of a second.
        for instant in [
            Self.newYearsEve, Date(timeIntervalSince1970: 1_835_370_000), Date(timeIntervalSince1970: 1_772_955_000),
            Date(timeIntervalSince1970: 1_772_955_000.999),
        ] {
            #expect(zone.iso8601(instant) == formatter.string(from: instant), "\(name) \(instant)")
        }
    }

    @Test func leapDayIsADay() {
        // 2028-02-28 17:00:00 UTC is 2028-02-29 00:00 in Vietnam.
        let leap = Date(timeIntervalSince1970: 1_835_370_000)
        #expect(CivilTimeZone.vietnam.day(of: leap) == "2028-02-29")
        #expect(CivilTimeZone.vietnam.day(of: leap.addingTimeInterval(86_400)) == "2028-03-01")
    }

    /// A status message's `Timestamp` is Vietnam time on the wire; a receipt in another zone shows the same instant.
    @Test func anEdXMLTimeIsRestampedIntoTheConfiguredZone() throws {
        let tokyo = try #require(CivilTimeZone(identifier: "Asia/Tokyo"))
        #expect(tokyo.restamp(vietnamTime: "2027/01/01 01:30:00") == "2027/01/01 03:30:00")
        #expect(CivilTimeZone.vietnam.restamp(vietnamTime: "2027/01/01 01:30:00") == "2027/01/01 01:30:00")
        #expect(tokyo.restamp(vietnamTime: "not a time") == "not a time")
    }
}
