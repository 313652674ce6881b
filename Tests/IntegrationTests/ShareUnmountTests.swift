import Foundation
import Testing

/// reliability.md, "Faults to survive": the recipient's share is unmounted under the running daemon and mounted
/// again. Meanwhile nothing is written onto the bare mount point (the server's own disk, where no clerk looks and
/// the remounted share would hide it), `lienthong status` says the share is not there, and once it is back the
/// document that waited is delivered and acknowledged once. Needs root to mount (CI runs as root).
@Suite(.serialized) struct ShareUnmountTests {
    static let sender = TwoAgencies.codeA
    static let recipient = TwoAgencies.codeB

    @Test(.enabled(if: SmallFilesystem.canMount, "mounting needs root"))
    func anUnmountedShareIsNotWrittenToAndTheDocumentArrivesOnceItIsBack() async throws {
        let world = try TwoAgencies()
        let share = world.share(Self.recipient)
        let backing = world.root + "/share-b-backing"
        let manager = FileManager.default
        // The demo prepared the share's folders on the server's disk: the mount point must start empty.
        try? manager.removeItem(atPath: share)
        try manager.createDirectory(atPath: share, withIntermediateDirectories: true)
        try manager.createDirectory(atPath: backing, withIntermediateDirectories: true)
        func bind() throws {
            let mount = try runCommand("/bin/mount", ["--bind", backing, share])
            try #require(mount.status == 0, "mount --bind: \(mount.output)")
        }
        try bind()
        defer {
            world.stopDaemons()
            _ = try? runCommand("/bin/umount", ["-l", share])
        }
        try world.startAxis()
        try world.startDaemon(Self.sender)
        try world.startDaemon(Self.recipient)
        let inbox = share + "/inbox"
        func delivered() -> [String] { world.files(under: inbox).filter { $0.hasSuffix("/document.json") } }
        func pending() throws -> Int {
            (try world.admin.stats()["pending_by_recipient"] as? [String: Int])?[Self.recipient] ?? 0
        }
        try world.drop(TestPDF.make(note: "91"), named: "91_Truoc khi thao.pdf", into: Self.recipient, of: Self.sender)
        #expect(
            try await eventually(timeout: 60) { try delivered().count == 1 && pending() == 0 },
            "\(world.logs.suffix(3000))")

        let unmount = try runCommand("/bin/umount", [share])
        try #require(unmount.status == 0, "umount: \(unmount.output)")
        try world.drop(TestPDF.make(note: "92"), named: "92_Khi da thao.pdf", into: Self.recipient, of: Self.sender)
        #expect(
            await eventually(timeout: 60) { world.status(of: Self.recipient).contains("is not there (unmounted?)") },
            "status does not say the share is gone:\n\(world.status(of: Self.recipient))")
        try await Task.sleep(for: .seconds(3))
        let bare = (try? manager.contentsOfDirectory(atPath: share)) ?? []
        #expect(bare.isEmpty, "lienthong wrote onto the bare mount point: \(bare)")
        #expect(
            try pending() == 1,
            "the waiting document must stay listed on the axis: \(String(describing: try? world.admin.stats()))\n\(world.logs.suffix(3000))"
        )

        try bind()
        #expect(
            try await eventually(timeout: 60) { try delivered().count == 2 && pending() == 0 },
            "after the share came back: \(delivered()), \((try? pending()) ?? -1) pending\n\(world.logs.suffix(4000))")
        #expect(
            await eventually(timeout: 30) { !world.status(of: Self.recipient).contains("unmounted") },
            "\(world.status(of: Self.recipient))")
        let stats = try world.admin.stats()
        #expect(stats["duplicate_documents"] as? Int == 0, "\(stats)")
    }
}
