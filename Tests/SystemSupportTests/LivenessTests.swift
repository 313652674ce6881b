import Foundation
import Testing

@testable import SystemSupport

/// Only work that makes no progress is a wedge: resting is not, however long, and progress resets the clock.
@Suite struct LivenessTests {
    let start = Date(timeIntervalSince1970: 1_796_000_000)

    @Test func workWithoutProgressForLongerThanTheLimitIsAStall() {
        let liveness = Liveness()
        let sign = liveness.activity("outbound 000.00.00.H41 #12")
        let poll = liveness.activity("inbound")
        sign.progressed(now: start)
        poll.progressed(now: start.addingTimeInterval(20))
        let limit = Duration.seconds(30)
        #expect(liveness.stalls(longerThan: limit, now: start.addingTimeInterval(30)).isEmpty)
        #expect(
            liveness.stalls(longerThan: limit, now: start.addingTimeInterval(31))
                == [Liveness.Stall(name: "outbound 000.00.00.H41 #12", since: start)])
        sign.progressed(now: start.addingTimeInterval(31))
        #expect(liveness.stalls(longerThan: limit, now: start.addingTimeInterval(51)).map(\.name) == ["inbound"])
    }

    @Test func restingAndEndedActivitiesNeverStall() {
        let liveness = Liveness()
        let worker = liveness.activity("outbound worker")
        let driver = liveness.activity("outbound #3")
        worker.progressed(now: start)
        driver.progressed(now: start)
        worker.resting()
        driver.end()
        #expect(liveness.stalls(longerThan: .seconds(1), now: start.addingTimeInterval(3600)).isEmpty)
    }
}
