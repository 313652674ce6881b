import Foundation

/// Lets threads that `fsync` the same directory at the same time share one `fsync`, the way ``GroupCommit`` lets
/// their database writes share one commit.
///
/// Ten documents filed at once each rename into the same `sent/<day>/` folder and then need that folder synced
/// before they commit `filed`. An `fsync` of a directory makes durable every change made in it before the `fsync`
/// began; so a caller whose change came after the `fsync` in progress began waits for it to end and then for the
/// next one, which one of the waiting callers makes for all of them. Every caller therefore returns only after an
/// `fsync` that began after its call, exactly as if it had made its own: nothing that must be durable before a
/// commit is left out, and nothing waits behind a slow disk longer than one `fsync` plus the one in progress.
///
/// An error is every concerned caller's: a failed `fsync` is the error of each caller whose change it was to make
/// durable, never replaced by the success of a later one (after a failed write-back, a later `fsync` of the same
/// directory can succeed without the lost change). Callers that came after it make their own.
///
/// Callers block (on the blocking threads, ``Offload``); the one that syncs never waits for anyone, so a full set of
/// waiters cannot deadlock.
public final class DirectorySyncCoalescer: @unchecked Sendable {
    /// The process's coalescer: every ``Directories/sync(_:)`` goes through it.
    public static let shared = DirectorySyncCoalescer()

    /// One directory's `fsync`s: tickets are handed out in call order, and an `fsync` covers every ticket handed
    /// out before it began.
    private struct Lane {
        var issued = 0
        var covered = 0
        var running = false
        var failure: (through: Int, error: SystemError)?
        var callers = 0
    }

    /// Guards ``lanes``; waiters of every directory wait on it (there are a few at a time, one per blocking thread
    /// that files or claims).
    private let condition = NSCondition()
    private var lanes: [String: Lane] = [:]
    private var syncsMade = 0

    public init() {}

    /// Makes every change made in `directory` before this call durable, with `perform` (the caller's own `fsync` of
    /// it) or with an `fsync` another caller began after this call.
    /// - Throws: the error of the `fsync` that was to cover this call.
    public func sync(_ directory: String, using perform: () throws(SystemError) -> Void) throws(SystemError) {
        condition.lock()
        defer { condition.unlock() }
        lanes[directory, default: Lane()].issued += 1
        lanes[directory]!.callers += 1
        let ticket = lanes[directory]!.issued
        defer {
            lanes[directory]!.callers -= 1
            if lanes[directory]!.callers == 0 { lanes[directory] = nil }
        }
        while true {
            let lane = lanes[directory]!
            if let failure = lane.failure, failure.through >= ticket { throw failure.error }
            if lane.covered >= ticket { return }
            if lane.running {
                condition.wait()
                continue
            }
            lanes[directory]!.running = true
            let covers = lane.issued
            condition.unlock()
            var failure: SystemError?
            do { try perform() } catch { failure = error }
            condition.lock()
            syncsMade += 1
            lanes[directory]!.running = false
            if let failure {
                lanes[directory]!.failure = (covers, failure)
            } else {
                lanes[directory]!.covered = covers
            }
            condition.broadcast()
        }
    }

    /// How many `fsync`s were made (tests: callers that shared one made it once).
    public var syncCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return syncsMade
    }

    /// How many callers wait for an `fsync` of `directory` or make it (tests: whether they are all in).
    public func callers(of directory: String) -> Int {
        condition.lock()
        defer { condition.unlock() }
        return lanes[directory]?.callers ?? 0
    }

    /// How many directories have callers now (tests: nothing is kept once everyone is gone).
    public var activeDirectories: Int {
        condition.lock()
        defer { condition.unlock() }
        return lanes.count
    }
}
