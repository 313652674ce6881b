import Dispatch
import Foundation
import GRDB
import Testing

@testable import StateStore

/// Writes that arrive while a commit is in progress share the next one; each still returns only once durable, and
/// one write's failure is its own. A first write is held inside its transaction so that the others are known to be
/// queued behind it before it commits: nothing here depends on timing.
@Suite struct GroupCommitTests {
    final class CommitCounter: TransactionObserver, @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var commits: Int { lock.withLock { count } }
        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseDidCommit(_ db: Database) { lock.withLock { count += 1 } }
        func databaseDidRollback(_ db: Database) {}
    }

    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String: Result<Int64, any Error>] = [:]
        func record(_ name: String, _ result: Result<Int64, any Error>) { lock.withLock { values[name] = result } }
        subscript(name: String) -> Result<Int64, any Error>? { lock.withLock { values[name] } }
    }

    struct Refused: Error, Equatable {}

    final class World {
        let directory: URL
        let pool: DatabasePool
        let commits: GroupCommit
        let counter = CommitCounter()
        let outcomes = Outcomes()
        let group = DispatchGroup()
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("group-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            pool = try DatabasePool(path: directory.appendingPathComponent("t.db").path)
            try pool.write { db in try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)") }
            pool.add(transactionObserver: counter, extent: .databaseLifetime)
            commits = GroupCommit(pool: pool)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        /// Starts a write of `name` on its own thread; `extra` runs after its insert, in the same write.
        func write(_ name: String, extra: @escaping @Sendable (Database) throws -> Void = { _ in }) {
            let (commits, outcomes, group) = (self.commits, self.outcomes, self.group)
            group.enter()
            // A thread of its own: it blocks in the write, and the shared pool adds threads for that only slowly.
            Thread.detachNewThread {
                defer { group.leave() }
                outcomes.record(
                    name,
                    Result {
                        try commits.write { db -> Int64 in
                            try db.execute(sql: "INSERT INTO t (name) VALUES (?)", arguments: [name])
                            let id = db.lastInsertedRowID
                            try extra(db)
                            return id
                        }
                    })
            }
        }

        /// Starts a write that stays inside its transaction until ``release`` is signalled.
        func holdACommitOpen() {
            let (entered, release) = (self.entered, self.release)
            write("holder") { _ in
                entered.signal()
                release.wait()
            }
            entered.wait()
        }

        /// Waits (at most 10 s) for `count` writes to be queued behind the held commit. A thread sleep, not a task's:
        /// the suite also runs under libfaketime, where a task's sleep never ends.
        func waitUntilQueued(_ count: Int) {
            for _ in 0..<5000 where commits.queuedWrites < count { Thread.sleep(forTimeInterval: 0.002) }
            #expect(commits.queuedWrites == count)
        }

        func finish() {
            release.signal()
            group.wait()
        }

        func ids() throws -> [String: Int64] {
            try pool.read { db in
                var ids: [String: Int64] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT id, name FROM t") {
                    let name: String = row["name"]
                    ids[name] = row["id"]
                }
                return ids
            }
        }

        func names() throws -> [String] {
            try pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM t ORDER BY name") }
        }
    }

    @Test func writesQueuedBehindACommitShareTheNextOneAndEachGetsItsOwnResult() throws {
        let world = try World()
        world.holdACommitOpen()
        let names = (1...10).map { "w\($0)" }
        for name in names { world.write(name) }
        world.waitUntilQueued(names.count)
        world.finish()

        #expect(world.counter.commits == 2, "the holder's commit and one for the ten queued behind it")
        #expect(try world.names() == (["holder"] + names).sorted())
        let ids = try names.map { try #require(world.outcomes[$0]).get() }
        #expect(Set(ids).count == names.count)
        let stored = try world.ids()
        for (name, id) in zip(names, ids) { #expect(stored[name] == id) }
    }

    @Test func aWriteThatThrowsIsRolledBackAloneAndTheOthersCommit() throws {
        let world = try World()
        world.holdACommitOpen()
        // Queued one by one, so that they run in this order.
        world.write("before")
        world.waitUntilQueued(1)
        world.write("refused") { _ in throw Refused() }
        world.waitUntilQueued(2)
        world.write("duplicate-of-before") { db in
            try db.execute(sql: "INSERT INTO t (name) VALUES ('before')")
        }
        world.waitUntilQueued(3)
        world.write("after")
        world.waitUntilQueued(4)
        world.finish()

        #expect(world.counter.commits == 2)
        #expect(try world.names() == ["after", "before", "holder"])
        #expect(throws: Refused.self) { try world.outcomes["refused"]?.get() }
        #expect(throws: DatabaseError.self) { try world.outcomes["duplicate-of-before"]?.get() }
        #expect(try world.outcomes["before"]?.get() != nil)
        #expect(try world.outcomes["after"]?.get() != nil)
    }

    /// SQLite rolls a whole transaction back on some errors (a full disk, an I/O error); here a write ends it itself.
    /// Then none of the batch happened, and every write in it is told so, including those that had succeeded.
    @Test func whenTheSharedTransactionIsLostEveryWriteOfTheBatchFails() throws {
        let world = try World()
        world.holdACommitOpen()
        world.write("first")
        world.waitUntilQueued(1)
        world.write("ends-the-transaction") { db in try db.execute(sql: "ROLLBACK") }
        world.waitUntilQueued(2)
        world.write("last")
        world.waitUntilQueued(3)
        world.finish()

        #expect(try world.names() == ["holder"])
        for name in ["first", "ends-the-transaction", "last"] {
            #expect(throws: (any Error).self, "\(name) should have failed") { try world.outcomes[name]?.get() }
        }
        world.write("later")
        world.group.wait()
        #expect(try world.names() == ["holder", "later"], "the store works again afterwards")
    }
}
