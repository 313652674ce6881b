import SystemSupport
import Testing

@testable import FolderWatch

@Suite struct SettleTrackerTests {
    let start = ContinuousClock.now
    let time = FileTimestamp(seconds: 1_700_000_000, nanoseconds: 5)

    func at(_ milliseconds: Int) -> ContinuousClock.Instant { start + .milliseconds(milliseconds) }

    @Test func aFileIsReadyOnlyAfterTheQuietPeriodAndOnlyOnce() {
        var tracker = SettleTracker(settleTime: .milliseconds(500))
        tracker.observe(path: "/o/a.pdf", size: 10, modificationTime: time, inode: 1, at: at(0))
        #expect(tracker.takeReady(at: at(499)).isEmpty)
        #expect(tracker.takeReady(at: at(500)) == ["/o/a.pdf"])
        #expect(tracker.takeReady(at: at(5_000)).isEmpty)
        #expect(tracker.isTracking("/o/a.pdf"))
    }

    @Test(arguments: ["size", "mtime", "inode"])
    func anyChangeRestartsTheQuietPeriod(change: String) {
        var tracker = SettleTracker(settleTime: .milliseconds(500))
        tracker.observe(path: "/o/a.pdf", size: 10, modificationTime: time, inode: 1, at: at(0))
        let changed = tracker.observe(
            path: "/o/a.pdf", size: change == "size" ? 20 : 10,
            modificationTime: change == "mtime" ? FileTimestamp(seconds: time.seconds, nanoseconds: 6) : time,
            inode: change == "inode" ? 2 : 1, at: at(400))
        #expect(changed)
        #expect(tracker.takeReady(at: at(600)).isEmpty)
        #expect(tracker.takeReady(at: at(900)) == ["/o/a.pdf"])
    }

    @Test func anUnchangedObservationDoesNotRestartTheQuietPeriod() {
        var tracker = SettleTracker(settleTime: .milliseconds(500))
        tracker.observe(path: "/o/a.pdf", size: 10, modificationTime: time, inode: 1, at: at(0))
        let changed = tracker.observe(path: "/o/a.pdf", size: 10, modificationTime: time, inode: 1, at: at(400))
        #expect(!changed)
        #expect(tracker.takeReady(at: at(500)) == ["/o/a.pdf"])
    }

    @Test func emptyFilesWaitUntilTheyHaveContent() {
        var tracker = SettleTracker(settleTime: .milliseconds(500))
        tracker.observe(path: "/o/empty.pdf", size: 0, modificationTime: time, inode: 1, at: at(0))
        #expect(tracker.takeReady(at: at(10_000)).isEmpty)
        #expect(tracker.nextDeadline() == nil)
        tracker.observe(path: "/o/empty.pdf", size: 3, modificationTime: time, inode: 1, at: at(10_000))
        #expect(tracker.nextDeadline() == at(10_500))
        #expect(tracker.takeReady(at: at(10_500)) == ["/o/empty.pdf"])
    }

    @Test func aChangedFileIsReturnedAgainAfterItSettlesAgain() {
        var tracker = SettleTracker(settleTime: .milliseconds(100))
        tracker.observe(path: "/o/a.pdf", size: 1, modificationTime: time, inode: 1, at: at(0))
        #expect(tracker.takeReady(at: at(100)) == ["/o/a.pdf"])
        tracker.observe(path: "/o/a.pdf", size: 2, modificationTime: time, inode: 1, at: at(200))
        #expect(tracker.takeReady(at: at(300)) == ["/o/a.pdf"])
    }

    @Test func rearmingReturnsFilesStillPresentAfterAnotherQuietPeriod() {
        var tracker = SettleTracker(settleTime: .milliseconds(100))
        tracker.observe(path: "/o/a.pdf", size: 1, modificationTime: time, inode: 1, at: at(0))
        #expect(tracker.takeReady(at: at(100)) == ["/o/a.pdf"])
        tracker.rearmReturned(at: at(1_000))
        #expect(tracker.takeReady(at: at(1_050)).isEmpty)
        #expect(tracker.takeReady(at: at(1_100)) == ["/o/a.pdf"])
    }

    @Test func forgottenAndAbsentPathsAreNeverReturned() {
        var tracker = SettleTracker(settleTime: .milliseconds(100))
        for name in ["a", "b", "c"] {
            tracker.observe(path: "/o/\(name)", size: 1, modificationTime: time, inode: 1, at: at(0))
        }
        tracker.forget(path: "/o/a")
        tracker.forgetAll(except: ["/o/b"])
        #expect(tracker.trackedPaths == ["/o/b"])
        #expect(tracker.takeReady(at: at(100)) == ["/o/b"])
    }

    @Test func dueForCheckListsCandidatesWithoutTakingThem() {
        var tracker = SettleTracker(settleTime: .milliseconds(100))
        tracker.observe(path: "/o/a", size: 1, modificationTime: time, inode: 1, at: at(0))
        #expect(tracker.dueForCheck(at: at(100)) == ["/o/a"])
        #expect(tracker.dueForCheck(at: at(100)) == ["/o/a"])
        #expect(tracker.takeReady(at: at(100)) == ["/o/a"])
    }
}
