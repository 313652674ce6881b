import Foundation

/// Threads for work that blocks (`fsync`, file I/O, a libcurl transfer waiting for the axis), started as jobs
/// arrive and kept, up to a fixed number; jobs beyond it wait their turn, first in, first out.
///
/// Not a concurrent `DispatchQueue`: on Linux, libdispatch runs those on a pool sized by the CPU count, and it does
/// not see that a worker is blocked in the kernel. On a 2-core server the daemon had four such threads; with two
/// waiting for the axis's reply and one for the journal in `fsync`, one was left for signing, hashing and parsing,
/// and the two cores stood 30 % idle in a burst whatever the number of documents moved at once. A thread blocked
/// here costs its stack (mostly untouched, so little memory) and nothing else.
///
/// `@unchecked Sendable`: every stored variable is read and written under `condition` only.
public final class BlockingThreadPool: @unchecked Sendable {
    /// The pool ``Offload`` and the axis client use: more threads than a configuration keeps busy (each pipeline
    /// moves up to ten documents at once, and the axis client makes at most ten calls at once), a bound against a
    /// runaway all the same. Jobs never wait for a job queued behind them, so a full pool only makes them wait.
    public static let shared = BlockingThreadPool(name: "lienthong.blocking", maximumThreads: 64)

    public let name: String
    public let maximumThreads: Int

    private let condition = NSCondition()
    private var jobs: [(@Sendable () -> Void)?] = []
    /// The index of the oldest job not taken yet.
    private var next = 0
    private var threads = 0
    private var idle = 0

    public init(name: String, maximumThreads: Int) {
        precondition(maximumThreads > 0, "a pool needs a thread")
        self.name = name
        self.maximumThreads = maximumThreads
    }

    /// Runs `job` on one of the pool's threads: an idle one, a new one while there are fewer than
    /// ``maximumThreads``, or the first to finish its job.
    public func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        jobs.append(job)
        if jobs.count - next > idle, threads < maximumThreads {
            threads += 1
            let thread = Thread { [self] in work() }
            thread.name = name
            thread.start()
        } else {
            condition.signal()
        }
    }

    /// How many threads the pool has started (they never end).
    var threadCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return threads
    }

    /// How many of them wait for a job.
    var idleCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return idle
    }

    private func work() {
        condition.lock()
        while true {
            while next == jobs.count {
                idle += 1
                condition.wait()
                idle -= 1
            }
            let job = jobs[next]
            jobs[next] = nil
            next += 1
            if next == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                next = 0
            } else if next >= 1024, next * 2 >= jobs.count {
                // A queue that never empties drops the slots it has passed now and then.
                jobs.removeFirst(next)
                next = 0
            }
            condition.unlock()
            job?()
            condition.lock()
        }
    }
}
