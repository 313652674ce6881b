import Dispatch
import Foundation
import Testing

@testable import SystemSupport

/// Blocking jobs each get a thread up to the pool's bound, however few cores there are: sixteen jobs that can only
/// finish together do (a pool sized by the CPU count never starts the last ones), and a bounded pool runs the rest
/// once a thread is free.
@Suite struct BlockingThreadPoolTests {
    /// Waits on a semaphore a thread's way, with a bound so that a broken pool fails the test instead of hanging it.
    static func wait(_ semaphore: DispatchSemaphore) -> Bool { semaphore.wait(timeout: .now() + 30) == .success }

    @Test func sixteenJobsThatWaitForEachOtherAllRun() {
        let pool = BlockingThreadPool(name: "test", maximumThreads: 64)
        let count = 16
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        for _ in 0..<count {
            pool.submit {
                started.signal()
                _ = Self.wait(release)
                finished.signal()
            }
        }
        var allStarted = true
        for _ in 0..<count where !Self.wait(started) { allStarted = false }
        #expect(allStarted, "every job runs while the others are still blocked")
        for _ in 0..<count { release.signal() }
        var allFinished = true
        for _ in 0..<count where !Self.wait(finished) { allFinished = false }
        #expect(allFinished)
        #expect(pool.threadCount == count)
    }

    @Test func beyondItsBoundJobsWaitForAFreeThreadInOrder() {
        let pool = BlockingThreadPool(name: "test", maximumThreads: 2)
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let order = OrderLog()
        for index in 0..<2 {
            pool.submit {
                started.signal()
                _ = Self.wait(release)
                order.append(index)
            }
        }
        #expect(Self.wait(started) && Self.wait(started))
        let done = DispatchSemaphore(value: 0)
        for index in 2..<6 {
            pool.submit {
                order.append(index)
                done.signal()
            }
        }
        #expect(pool.threadCount == 2, "no third thread while the bound is reached")
        #expect(order.values.isEmpty, "the queued jobs wait while both threads are blocked")
        release.signal()
        var ran = true
        for _ in 2..<6 where !Self.wait(done) { ran = false }
        #expect(ran)
        #expect(order.values.filter { $0 >= 2 } == [2, 3, 4, 5], "first in, first out")
        release.signal()
    }

    @Test func idleThreadsAreReusedRatherThanNewOnesStarted() {
        let pool = BlockingThreadPool(name: "test", maximumThreads: 64)
        for _ in 0..<50 {
            let done = DispatchSemaphore(value: 0)
            pool.submit { done.signal() }
            #expect(Self.wait(done))
            // The job has signalled, but its thread may not be back waiting yet: a job submitted in between would
            // rightly get a thread of its own.
            let deadline = Date().addingTimeInterval(30)
            while pool.idleCount == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
        }
        #expect(pool.threadCount == 1)
    }

    /// The jobs' order of completion, shared between threads.
    final class OrderLog: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [Int] = []
        func append(_ value: Int) { lock.withLock { entries.append(value) } }
        var values: [Int] { lock.withLock { entries } }
    }
}
