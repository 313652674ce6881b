import Foundation
import Testing

/// Secret documents (văn bản mật) through the real daemon: one dropped in `outbox/MAT/` and one whose metadata file
/// says `do_mat: Tối mật` go to `failed/` unchanged with a reason in Vietnamese then English and a warning in the
/// journal; the axis never sees either, while an ordinary document dropped with them is sent.
@Suite(.serialized) struct SecretDocumentTests {
    @Test func secretDocumentsGoToFailedUnsignedAndTheAxisNeverSeesThem() async throws {
        let world = try TwoAgencies()
        let a = TwoAgencies.codeA
        let b = TwoAgencies.codeB
        try world.startAxis()
        let daemon = try world.startDaemon(a)

        let inFolder = TestPDF.make(note: "bao cao mat")
        let marked = TestPDF.make(note: "cong van toi mat")
        try world.dropSidecar("so: 71\ndo_mat: Tối mật\n", for: "Công văn 71.pdf", into: b, of: a)
        try world.drop(marked, named: "Công văn 71.pdf", into: b, of: a)
        try world.drop(inFolder, named: "Báo cáo mật.pdf", into: "MAT", of: a)
        try world.dropSidecar("so: 72\n", for: "Công văn 72.pdf", into: b, of: a)
        try world.drop(TestPDF.make(note: "cong van thuong"), named: "Công văn 72.pdf", into: b, of: a)

        let failed = world.share(a) + "/failed"
        let sent = world.share(a) + "/sent"
        #expect(
            await eventually(timeout: 60) {
                let failedFiles = world.files(under: failed)
                return failedFiles.contains("Công văn 71.pdf.error.txt")
                    && failedFiles.contains { $0.hasSuffix("Báo cáo mật.pdf.error.txt") }
                    && world.files(under: sent).contains { $0.hasSuffix("Công văn 72.pdf.receipt.txt") }
            }, "\(world.files(under: world.share(a)))\n\(world.logs)")

        // Both secret files are in failed/ exactly as dropped: never signed.
        let failedFiles = world.files(under: failed)
        #expect(try Data(contentsOf: URL(fileURLWithPath: failed + "/Công văn 71.pdf")) == Data(marked))
        let folderCopy = try #require(failedFiles.first { $0.hasSuffix("Báo cáo mật.pdf") })
        #expect(try Data(contentsOf: URL(fileURLWithPath: failed + "/" + folderCopy)) == Data(inFolder))
        #expect(!failedFiles.contains { $0.contains("_signed") }, "\(failedFiles)")

        for reasonFile in ["Công văn 71.pdf.error.txt", folderCopy + ".error.txt"] {
            let reason = try String(contentsOfFile: failed + "/" + reasonFile, encoding: .utf8)
            let vietnamese = try #require(reason.range(of: "đây là văn bản mật"), "\(reason)")
            let english = try #require(reason.range(of: "this is a secret document"), "\(reason)")
            #expect(vietnamese.lowerBound < english.lowerBound, "Vietnamese first:\n\(reason)")
            #expect(reason.contains("28/2018/QĐ-TTg"), "\(reason)")
        }
        #expect(
            try String(contentsOfFile: failed + "/Công văn 71.pdf.error.txt", encoding: .utf8)
                .contains("độ mật \"Tối mật\""))

        // Counted on the axis side: only the ordinary document was sent.
        let calls = try world.admin.stats()["calls"] as? [String: Int] ?? [:]
        #expect(calls["sendEdoc"] == 1, "\(calls)")

        // The journal has one warning per secret document (stderr priority prefix <4>).
        let warnings = daemon.log.split(separator: "\n").filter {
            $0.hasPrefix("<4>") && $0.contains("secret document refused")
        }
        #expect(warnings.count == 2, "\(daemon.log)")
    }
}
