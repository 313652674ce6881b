import Foundation
import GRDB

/// Commits the writes that arrive while another commit is in progress together, in one transaction: one `fsync` of
/// the WAL for all of them instead of one each (group commit).
///
/// Each write still returns only once it is durable, so the intent committed before an effect is on disk before the
/// effect starts, for every caller. Nothing waits for company: a write that finds the database idle commits alone, at
/// once; writes that arrive during that commit are taken together by the next one. Within a shared transaction each
/// write runs in its own savepoint, so one that throws is rolled back alone and only its caller gets the error. If
/// the commit itself fails (a full disk), every write of the batch gets that error and none of them happened.
///
/// A write must not start another write of the same store (GRDB forbids that too): it would wait for itself.
final class GroupCommit: @unchecked Sendable {
    /// One caller's write, run by whichever caller commits the batch it is in.
    private final class Job {
        let run: (Database) throws -> Void
        var failure: (any Error)?
        var done = false

        init(_ run: @escaping (Database) throws -> Void) {
            self.run = run
        }
    }

    /// Writes sharing one transaction at most, so that one batch's work (and the time its callers wait) stays short.
    static let maximumBatch = 64

    private let pool: DatabasePool
    private let condition = NSCondition()
    private var waiting: [Job] = []
    private var committing = false

    init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Writes queued behind the commit in progress.
    var queuedWrites: Int {
        condition.lock()
        defer { condition.unlock() }
        return waiting.count
    }

    /// Runs `body` in a transaction, possibly shared with other callers' writes, and returns its result once that
    /// transaction is committed.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try withoutActuallyEscaping(body) { body in
            var result: T?
            try perform(Job { db in result = try body(db) })
            guard let result else { preconditionFailure("a committed write left no result") }
            return result
        }
    }

    /// Queues `job` and blocks until it is committed or failed. The caller that finds no commit in progress commits
    /// what is queued, oldest first and at most ``maximumBatch`` (its own job may have to wait for the next batch),
    /// then wakes the others.
    private func perform(_ job: Job) throws {
        condition.lock()
        waiting.append(job)
        while !job.done {
            guard !committing else {
                condition.wait()
                continue
            }
            committing = true
            let batch = Array(waiting.prefix(Self.maximumBatch))
            waiting.removeFirst(batch.count)
            condition.unlock()
            commit(batch)
            condition.lock()
            for member in batch { member.done = true }
            committing = false
            condition.broadcast()
        }
        condition.unlock()
        if let failure = job.failure { throw failure }
    }

    private func commit(_ batch: [Job]) {
        if batch.count == 1, let job = batch.first {
            do {
                try pool.write { db in try job.run(db) }
            } catch {
                job.failure = error
            }
            return
        }
        do {
            try pool.write { db in
                for job in batch {
                    // A full disk or an I/O error can make SQLite roll the whole transaction back: then none of the
                    // batch happened, nothing more runs, and the commit below fails for every job left.
                    guard db.isInsideTransaction else { break }
                    do {
                        try db.inSavepoint {
                            try job.run(db)
                            return .commit
                        }
                    } catch {
                        job.failure = error
                    }
                }
            }
        } catch {
            for job in batch where job.failure == nil { job.failure = error }
        }
    }
}
