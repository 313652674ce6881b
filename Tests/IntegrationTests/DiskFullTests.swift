import Foundation
import Testing

/// reliability.md, "Faults to survive": the state directory (database and spool) on a small filesystem that fills
/// up while documents arrive. Nothing is lost, nothing is sent twice, `lienthong status` and the journal say why,
/// and once space returns everything is sent within seconds. Needs root to mount a tmpfs (CI runs as root).
@Suite(.serialized) struct DiskFullTests {
    static let sender = TwoAgencies.codeA
    static let recipient = TwoAgencies.codeB

    @Test(.enabled(if: SmallFilesystem.canMount, "mounting a tmpfs needs root"))
    func aFullStateDirectoryHoldsDocumentsBackAndSendsEachOnceWhenSpaceReturns() async throws {
        let world = try TwoAgencies()
        let state = world.home(Self.sender) + "/state"
        let disk = try SmallFilesystem(at: state, size: "8m,mode=0700")
        defer {
            world.stopDaemons()
            disk.unmount()
        }
        try world.startAxis()
        try world.startDaemon(Self.sender)
        func stored() throws -> Int {
            (try world.admin.stats()["documents_by_sender"] as? [String: Int])?[Self.sender] ?? 0
        }
        let sent = world.share(Self.sender) + "/sent"
        func filed() -> [String] { world.files(under: sent).filter { $0.hasSuffix(".pdf.receipt.txt") } }

        try world.drop(
            TestPDF.make(note: "before"), named: "51_Truoc khi day.pdf", into: Self.recipient, of: Self.sender)
        #expect(try await eventually(timeout: 60) { try stored() == 1 && filed().count == 1 }, "\(world.logs)")

        try disk.fill()
        let names = (52...54).map { "\($0)_Dia day \($0).pdf" }
        for name in names {
            try world.drop(TestPDF.make(note: name), named: name, into: Self.recipient, of: Self.sender)
        }
        let status = { world.status(of: Self.sender) }
        #expect(
            await eventually(timeout: 30) { status().contains("DISK FULL on \(state)") },
            "status does not say the disk is full:\n\(status())")
        let daemonLog = { world.daemons[Self.sender]?.log ?? "" }
        #expect(
            await eventually(timeout: 30) { daemonLog().contains("disk full") },
            "the journal does not say the disk is full:\n\(daemonLog().suffix(3000))")

        try disk.free()
        #expect(
            try await eventually(timeout: 60) { try stored() == 4 && filed().count == 4 },
            "after space returned: \((try? stored()) ?? -1) stored, \(filed())\n\(daemonLog().suffix(5000))")
        let stats = try world.admin.stats()
        #expect(stats["duplicate_documents"] as? Int == 0, "\(stats)")
        for name in names {
            #expect(filed().filter { $0.hasSuffix("/" + name + ".receipt.txt") }.count == 1, "\(name): \(filed())")
        }
        #expect(world.files(under: world.share(Self.sender) + "/failed").isEmpty)
        // Nothing is left in the outbox; DANG-CHO-GUI.txt goes a second after the last document.
        #expect(
            await eventually(timeout: 15) { world.files(under: world.share(Self.sender) + "/outbox").isEmpty },
            "\(world.files(under: world.share(Self.sender) + "/outbox"))")
        #expect(await eventually(timeout: 15) { !status().contains("DISK FULL") }, "\(status())")
    }
}
