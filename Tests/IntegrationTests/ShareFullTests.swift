import Foundation
import Testing

/// reliability.md, "Faults to survive": the recipient's share (a small filesystem) fills up. Delivery waits and is
/// retried, `lienthong status` says which disk is full, nothing half-written is left for the clerks, and once space
/// returns the document is delivered and acknowledged once. Needs root to mount a tmpfs (CI runs as root).
@Suite(.serialized) struct ShareFullTests {
    static let sender = TwoAgencies.codeA
    static let recipient = TwoAgencies.codeB

    @Test(.enabled(if: SmallFilesystem.canMount, "mounting a tmpfs needs root"))
    func aFullInboxShareHoldsTheDocumentBackAndDeliversItOnceWhenSpaceReturns() async throws {
        let world = try TwoAgencies()
        let share = world.share(Self.recipient)
        let disk = try SmallFilesystem(at: share, size: "4m")
        defer {
            world.stopDaemons()
            disk.unmount()
        }
        try world.startAxis()
        try world.startDaemon(Self.sender)
        try world.startDaemon(Self.recipient)
        let inbox = share + "/inbox"
        func delivered() -> [String] { world.files(under: inbox).filter { $0.hasSuffix("/document.json") } }
        func pending() throws -> Int {
            (try world.admin.stats()["pending_by_recipient"] as? [String: Int])?[Self.recipient] ?? 0
        }
        #expect(await eventually(timeout: 30) { FileManager.default.fileExists(atPath: inbox) }, "\(world.logs)")

        try disk.fill()
        try world.drop(TestPDF.make(note: "81"), named: "81_Dia chia se day.pdf", into: Self.recipient, of: Self.sender)
        let status = { world.status(of: Self.recipient) }
        #expect(
            await eventually(timeout: 60) {
                status().contains("DISK FULL on \(share)") && status().contains("No space")
            },
            "status does not say the share is full:\n\(status())\n\(world.logs.suffix(3000))")
        #expect(delivered().isEmpty)
        let staging = try FileManager.default.subpathsOfDirectory(atPath: inbox).filter {
            ($0 as NSString).lastPathComponent.hasPrefix(".lienthong-tmp")
        }
        #expect(staging.isEmpty, "a half-written delivery is left in the inbox: \(staging)")

        try disk.free()
        #expect(
            try await eventually(timeout: 60) { try delivered().count == 1 && pending() == 0 },
            "after space returned: \(delivered()), \((try? pending()) ?? -1) pending\n\(world.logs.suffix(4000))")
        #expect(world.files(under: share + "/quarantine").isEmpty, "a full disk is not the document's fault")
        let stats = try world.admin.stats()
        #expect(stats["duplicate_documents"] as? Int == 0, "\(stats)")
    }
}
