import Testing

@testable import Outbound

/// While a full outbox is being claimed, the drivers send one document at a time; a backlog the claims keep up with
/// leaves them all.
@Suite struct DriverLimitTests {
    @Test func theDriversStepBackOnlyWhileMoreThanABatchPerClaimLoopWaitsToBeClaimed() {
        let batchPerLoop = OutboundPipeline.claimBatchLimit * OutboundPipeline.claimLoops
        #expect(OutboundPipeline.driverLimit(waitingToBeClaimed: 0, concurrency: 4) == 4)
        #expect(OutboundPipeline.driverLimit(waitingToBeClaimed: batchPerLoop, concurrency: 4) == 4)
        #expect(OutboundPipeline.driverLimit(waitingToBeClaimed: batchPerLoop + 1, concurrency: 4) == 1)
        #expect(OutboundPipeline.driverLimit(waitingToBeClaimed: 100_000, concurrency: 10) == 1)
    }
}
