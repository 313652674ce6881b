import Testing

@testable import Config

@Suite struct RetryPolicyTests {
    private let policy = RetryPolicy(initialDelay: .seconds(5), maxDelay: .seconds(1800), maxAttempts: 0, jitter: 0.2)

    @Test func delayDoublesAfterEachAttemptWithoutJitter() {
        let noJitter = RetryPolicy(initialDelay: .seconds(5), maxDelay: .seconds(1800), jitter: 0)
        let delays = (1...6).map { noJitter.delay(afterAttempt: $0, random: 0.7) }
        #expect(delays == [.seconds(5), .seconds(10), .seconds(20), .seconds(40), .seconds(80), .seconds(160)])
    }

    @Test func delayIsCappedAtMaxDelayEvenForHugeAttemptNumbers() {
        #expect(policy.delay(afterAttempt: 9, random: 0) == .seconds(1280), "5s × 2^8 is still below the cap")
        for attempt in [10, 11, 63, 64, 1000, Int.max] {
            #expect(policy.delay(afterAttempt: attempt, random: 0) == .seconds(1800))
            #expect(policy.delay(afterAttempt: attempt, random: 0.999) <= .seconds(1800))
        }
    }

    @Test func jitterOnlyShortensAndStaysWithinItsFraction() {
        for attempt in 1...20 {
            let base = policy.delay(afterAttempt: attempt, random: 0)
            for random in stride(from: 0.0, to: 1.0, by: 0.05) {
                let delay = policy.delay(afterAttempt: attempt, random: random)
                #expect(delay <= base)
                #expect(delay >= base * 0.8 - .milliseconds(1))
            }
        }
        #expect(policy.delay(afterAttempt: 1, random: 0.5) == .milliseconds(4500))
    }

    @Test func outOfRangeInputsAreClampedRatherThanTrusted() {
        #expect(policy.delay(afterAttempt: 0, random: 0) == .seconds(5))
        #expect(policy.delay(afterAttempt: -3, random: 0) == .seconds(5))
        #expect(policy.delay(afterAttempt: 1, random: -1) == .seconds(5))
        #expect(policy.delay(afterAttempt: 1, random: 7) == .seconds(4))
        #expect(policy.delay(afterAttempt: 1, random: .nan) == .seconds(5))
    }

    @Test func maxAttemptsZeroRetriesForeverOtherwiseStopsAtTheLimit() {
        #expect(policy.allowsAnotherAttempt(after: 1_000_000))
        let limited = RetryPolicy(maxAttempts: 3)
        #expect(limited.allowsAnotherAttempt(after: 2))
        #expect(!limited.allowsAnotherAttempt(after: 3))
    }
}
