import Foundation
import Testing

/// reliability.md, "Faults to survive": an admin's `sqlite3` shell holds the state database's write lock longer than
/// the daemon's busy timeout while files arrive. Nothing is dropped: `lienthong status` says the database is locked
/// by another process, and once the lock is released every file is sent, exactly once.
@Suite(.serialized) struct LockedDatabaseTests {
    static let sender = TwoAgencies.codeA
    static let recipient = TwoAgencies.codeB

    @Test func filesArrivingWhileAnotherProcessHoldsTheDatabaseAreSentOnceWhenItLetsGo() async throws {
        let world = try TwoAgencies()
        try world.startAxis()
        try world.startDaemon(Self.sender)
        func stored() throws -> Int {
            (try world.admin.stats()["documents_by_sender"] as? [String: Int])?[Self.sender] ?? 0
        }
        try world.drop(TestPDF.make(note: "71"), named: "71_Truoc khi khoa.pdf", into: Self.recipient, of: Self.sender)
        #expect(try await eventually(timeout: 60) { try stored() == 1 }, "\(world.logs)")

        // BEGIN IMMEDIATE takes the write lock, as a shell in the middle of a transaction would; held for 25 s,
        // longer than the daemon's 10 s busy timeout.
        let database = world.home(Self.sender) + "/state/state.db"
        let holder = try ChildProcess(
            name: "sqlite3 shell", executable: "/usr/bin/env",
            arguments: [
                "python3", "-c",
                """
                import sqlite3, sys, time
                c = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
                c.execute("BEGIN IMMEDIATE")
                print("locked", flush=True)
                time.sleep(25)
                c.execute("ROLLBACK")
                """,
                database,
            ],
            logPath: world.root + "/sqlite-shell.log")
        #expect(await eventually(timeout: 10) { holder.log.contains("locked") }, "\(holder.log)")
        let names = (72...73).map { "\($0)_Trong khi khoa \($0).pdf" }
        for name in names {
            try world.drop(TestPDF.make(note: name), named: name, into: Self.recipient, of: Self.sender)
        }
        let status = { world.status(of: Self.sender) }
        #expect(
            await eventually(timeout: 24) { status().contains("is locked by another process") },
            "status does not say the database is locked:\n\(status())")

        holder.waitUntilExit()
        #expect(
            try await eventually(timeout: 60) { try stored() == 3 },
            "\((try? stored()) ?? -1) stored after the lock was released:\n\(world.logs.suffix(4000))")
        let sent = world.share(Self.sender) + "/sent"
        #expect(
            await eventually(timeout: 30) {
                names.allSatisfy { name in world.files(under: sent).contains { $0.hasSuffix("/" + name) } }
            }, "\(world.files(under: sent))")
        let stats = try world.admin.stats()
        #expect(stats["duplicate_documents"] as? Int == 0, "\(stats)")
        #expect(await eventually(timeout: 15) { !status().contains("locked by another process") }, "\(status())")
    }
}
