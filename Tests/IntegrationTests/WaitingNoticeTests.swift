import Foundation
import Testing

/// While the axis is down, a clerk sees `outbox/DANG-CHO-GUI.txt` naming the file they dropped and what it waits
/// for; when it has gone, the notice goes too. The notice itself is never sent.
@Suite(.serialized) struct WaitingNoticeTests {
    @Test func aClerkSeesWhatWaitsWhileTheAxisIsDownAndTheNoticeGoesWhenItIsSent() async throws {
        let world = try TwoAgencies()
        let a = TwoAgencies.codeA
        try world.startAxis()
        try world.admin.addFault(#"{"method":"sendEdoc","count":1000,"fault":{"kind":"http_status","status":503}}"#)
        let daemon = try world.startDaemon(a)
        try world.dropSidecar("so: 21\n", for: "Công văn 21.pdf", into: TwoAgencies.codeB, of: a)
        try world.drop(TestPDF.make(note: "cho"), named: "Công văn 21.pdf", into: TwoAgencies.codeB, of: a)

        let notice = world.share(a) + "/outbox/DANG-CHO-GUI.txt"
        var text = ""
        #expect(
            await eventually(timeout: 30) {
                text = (try? String(contentsOfFile: notice, encoding: .utf8)) ?? ""
                return text.contains("đã thử")
            }, "no notice:\n\(text)\n\(daemon.log)")
        #expect(text.hasPrefix("VĂN BẢN ĐANG CHỜ GỬI: 1"), "\(text)")
        #expect(text.contains("- Công văn 21.pdf → \(TwoAgencies.codeB): chờ gửi lên Trục liên thông"), "\(text)")
        #expect(!text.contains(world.root), "a server path in the clerk's notice:\n\(text)")

        try world.admin.clearFaults()
        let sent = world.share(a) + "/sent"
        #expect(
            await eventually(timeout: 60) {
                world.files(under: sent).contains { $0.hasSuffix("Công văn 21.pdf.receipt.txt") }
            },
            "\(daemon.log)")
        #expect(
            await eventually(timeout: 10) { !FileManager.default.fileExists(atPath: notice) }, "the notice stayed")
        let stored = (try world.admin.stats()["documents_by_sender"] as? [String: Int])?[a]
        #expect(stored == 1, "the notice must never be sent")
    }
}
