import Dispatch
import Foundation
import Glibc
import Testing

@testable import SystemSupport

/// Callers that sync one folder while an `fsync` of it is in progress share the next one; every caller still
/// returns only after an `fsync` that began after its call, and a failed one is the error of every caller it was to
/// cover. The `fsync` is the test's closure: one that blocks until released holds the folder busy, so which callers
/// came during it is known without any timing.
@Suite struct DirectorySyncCoalescerTests {
    @Test func callsOneAfterAnotherEachMakeTheirOwn() throws {
        let coalescer = DirectorySyncCoalescer()
        let made = Counter()
        for _ in 0..<3 { try coalescer.sync("/spool") { () throws(SystemError) in made.increment() } }
        #expect(made.value == 3)
        #expect(coalescer.syncCount == 3)
        #expect(coalescer.activeDirectories == 0)
    }

    @Test func callersThatComeDuringAnFsyncShareTheNextOne() throws {
        let coalescer = DirectorySyncCoalescer()
        let first = try BlockedSync(coalescer, directory: "/sent/day")
        let made = Counter()
        let waiters = (0..<8).map { _ in
            Caller(coalescer, directory: "/sent/day") { () throws(SystemError) in made.increment() }
        }
        try waitUntil { coalescer.callers(of: "/sent/day") == 9 }
        #expect(waiters.allSatisfy { !$0.hasReturned }, "nobody returns on an fsync that began before its call")
        first.release()
        #expect(try first.result()?.get() != nil)
        for waiter in waiters { #expect(try waiter.result()?.get() != nil) }
        #expect(made.value == 1, "the eight waiters share one fsync")
        #expect(coalescer.syncCount == 2)
        #expect(coalescer.activeDirectories == 0)
    }

    @Test func aFailedFsyncIsTheErrorOfEveryCallerItCovered() throws {
        let coalescer = DirectorySyncCoalescer()
        let first = try BlockedSync(coalescer, directory: "/spool/out")
        let waiters = (0..<4).map { _ in
            Caller(coalescer, directory: "/spool/out") { () throws(SystemError) in
                throw SystemError(operation: "fsync", path: "/spool/out", errno: EIO)
            }
        }
        try waitUntil { coalescer.callers(of: "/spool/out") == 5 }
        first.release()
        #expect(try first.result()?.get() != nil, "the fsync in progress worked")
        for waiter in waiters {
            let result = try #require(try waiter.result())
            #expect(throws: SystemError.self) { try result.get() }
        }
        #expect(coalescer.syncCount == 2, "one failed fsync for the four, not one each")
        let made = Counter()
        try coalescer.sync("/spool/out") { () throws(SystemError) in made.increment() }
        #expect(made.value == 1, "a caller after the failure makes its own fsync")
    }

    @Test func aFailureThatBeganBeforeACallerCameIsNotItsError() throws {
        let coalescer = DirectorySyncCoalescer()
        let first = try BlockedSync(
            coalescer, directory: "/inbox", failing: SystemError(operation: "fsync", path: "/inbox", errno: EIO))
        let made = Counter()
        let waiter = Caller(coalescer, directory: "/inbox") { () throws(SystemError) in made.increment() }
        try waitUntil { coalescer.callers(of: "/inbox") == 2 }
        first.release()
        let failed = try #require(try first.result())
        #expect(throws: SystemError.self) { try failed.get() }
        #expect(try waiter.result()?.get() != nil)
        #expect(made.value == 1, "the waiter's change needed an fsync of its own")
    }

    @Test func anotherFolderNeverWaits() throws {
        let coalescer = DirectorySyncCoalescer()
        let first = try BlockedSync(coalescer, directory: "/outbox")
        #expect(coalescer.callers(of: "/outbox") == 1)
        let made = Counter()
        try coalescer.sync("/sent") { () throws(SystemError) in made.increment() }
        #expect(made.value == 1)
        first.release()
        #expect(try first.result()?.get() != nil)
    }

    @Test func directoriesSyncSyncsARealFolderAndNamesAMissingOne() throws {
        try TemporaryDirectory.with { directory in
            try Directories.sync(directory.path)
            #expect(throws: SystemError.self) { try Directories.sync(directory.file("missing")) }
            #expect(DirectorySyncCoalescer.shared.callers(of: directory.path) == 0)
        }
    }
}

/// Polls `condition` until it holds, for at most 30 s (a broken coalescer fails the test instead of hanging it).
private func waitUntil(_ condition: () -> Bool) throws {
    let deadline = Date().addingTimeInterval(30)
    while !condition() {
        guard Date() < deadline else { throw TimedOut() }
        usleep(1000)
    }
}

private struct TimedOut: Error {}

/// A count that several threads add to.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// A caller of ``DirectorySyncCoalescer/sync(_:using:)`` on its own thread.
private final class Caller: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var outcome: Result<Void, SystemError>?

    init(
        _ coalescer: DirectorySyncCoalescer, directory: String,
        perform: @escaping @Sendable () throws(SystemError) -> Void
    ) {
        Thread.detachNewThread { [self] in
            var outcome = Result<Void, SystemError>.success(())
            do throws(SystemError) {
                try coalescer.sync(directory, using: perform)
            } catch {
                outcome = .failure(error)
            }
            lock.withLock { self.outcome = outcome }
            done.signal()
        }
    }

    var hasReturned: Bool { lock.withLock { outcome != nil } }

    /// Waits for the call to return (at most 30 s) and gives its outcome.
    func result() throws -> Result<Void, SystemError>? {
        guard done.wait(timeout: .now() + 30) == .success else { throw TimedOut() }
        return lock.withLock { outcome }
    }
}

/// A caller whose own `fsync` blocks until ``release()``, then succeeds or fails with `failing`; made when it is
/// inside that `fsync`, so that every caller after it comes during it.
private final class BlockedSync: @unchecked Sendable {
    private let gate = DispatchSemaphore(value: 0)
    private let caller: Caller

    init(_ coalescer: DirectorySyncCoalescer, directory: String, failing: SystemError? = nil) throws {
        let gate = self.gate
        let entered = DispatchSemaphore(value: 0)
        caller = Caller(coalescer, directory: directory) { () throws(SystemError) in
            entered.signal()
            gate.wait()
            if let failing { throw failing }
        }
        guard entered.wait(timeout: .now() + 30) == .success else { throw TimedOut() }
    }

    func release() { gate.signal() }

    func result() throws -> Result<Void, SystemError>? { try caller.result() }
}
