import Foundation

/// The instant the outbound test worlds record, claim and package at: 10:00 on 25 November 2026 in Vietnam, five
/// days after the `ngay: 2026-11-20` of their metadata files. The claim refuses a promulgation date in the future,
/// so with the real clock these tests passed only from that day on; scripts/test.sh also runs them on a date before.
enum ClaimClock {
    static let now = Date(timeIntervalSince1970: 1_795_575_600)
    static let fixed: @Sendable () -> Date = { now }
}
