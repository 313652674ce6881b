import Foundation
import Testing

/// One agency's trouble is its own: in a centre serving three agencies, one agency's share cannot be created (a file
/// sits where its folder should be, as when a share is not mounted). The daemon keeps running, the other agencies
/// send and receive, `lienthong status` names the stopped agency and why, and once the admin fixes the share the
/// agency resumes by itself: the document that waited for it arrives.
@Suite(.serialized) struct AgencyIsolationTests {
    static let (healthy, broken) = (ConnectionCentre.served[0], ConnectionCentre.served[1])

    @Test func anAgencyWhoseFoldersFailStopsAloneAndResumesOnceFixed() async throws {
        let centre = try ConnectionCentre()
        let world = centre.world
        let brokenShare = centre.share(Self.broken)
        guard FileManager.default.createFile(atPath: brokenShare, contents: Data("not a folder".utf8)) else {
            throw IntegrationError("cannot write \(brokenShare)")
        }
        try centre.start()
        let sender = TwoAgencies.codeA
        try world.drop(TestPDF.make(note: "61"), named: "61_Cho co quan tot.pdf", into: Self.healthy, of: sender)
        try world.drop(TestPDF.make(note: "62"), named: "62_Cho co quan hong.pdf", into: Self.broken, of: sender)

        #expect(
            await eventually(timeout: 60) { centre.documents(of: Self.healthy).count == 1 },
            "the healthy agency did not receive its document:\n\(centre.logs)")
        let outbox = centre.share(Self.healthy) + "/outbox"
        try FileManager.default.createDirectory(atPath: outbox, withIntermediateDirectories: true)
        try Data(TestPDF.make(note: "63")).write(to: URL(fileURLWithPath: outbox + "/63_Tu co quan tot.pdf"))
        #expect(
            await eventually(timeout: 60) {
                world.files(under: world.share(sender) + "/inbox").contains { $0.hasSuffix("/63_Tu co quan tot.pdf") }
            }, "the healthy agency could not send:\n\(centre.logs)")

        let status = {
            (try? runCommand(world.lienthong, ["status", "--config", centre.config]).output) ?? ""
        }
        #expect(
            await eventually(timeout: 30) {
                let text = status()
                return text.contains("STOPPED, outbound: cannot prepare the agency's folders")
                    && text.contains("STOPPED, inbound: cannot prepare the inbox folders")
            }, "status does not name the stopped agency:\n\(status())")
        #expect(centre.documents(of: Self.broken).isEmpty)
        #expect(centre.daemon?.isRunning == true, "the daemon ended:\n\(centre.daemon?.log ?? "")")

        try FileManager.default.removeItem(atPath: brokenShare)
        #expect(
            await eventually(timeout: 90) { centre.documents(of: Self.broken).count == 1 },
            "the agency did not resume once its share was fixed:\n\(centre.daemon?.log.suffix(4000) ?? "")")
        #expect(
            await eventually(timeout: 60) { !status().contains("STOPPED") }, "still reported stopped:\n\(status())")
    }
}
