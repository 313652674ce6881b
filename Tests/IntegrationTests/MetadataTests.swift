import Foundation
import Testing

extension TwoAgencies {
    /// Writes `outbox/<subfolder>/<document>.meta.yaml` as legacy software should: before the document, through a
    /// temporary name and a rename.
    func dropSidecar(_ yaml: String, for document: String, into subfolder: String, of code: String) throws {
        let folder = share(code) + "/outbox/" + subfolder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/~WRL0002.tmp"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.moveItem(atPath: temporary, toPath: folder + "/" + document + ".meta.yaml")
    }
}

/// Metadata on the real binaries: a document without a number (the demo configuration has no filename pattern)
/// goes to failed/ with a reason naming the missing field and an example metadata file; put back into the outbox
/// with the metadata file, it arrives at B carrying the clerk's number, notation and subject.
@Suite(.serialized) struct MetadataTests {
    @Test func aDocumentWithoutNumberFailsWithAnExampleAndPutBackWithItsSidecarArrives() async throws {
        let world = try TwoAgencies()
        try world.startAxis()
        try world.startDaemon(TwoAgencies.codeA)
        try world.startDaemon(TwoAgencies.codeB)
        let pdf = TestPDF.make(note: "metadata")
        let name = "Tờ trình 5.pdf"
        try world.drop(pdf, named: name, into: TwoAgencies.codeB, of: TwoAgencies.codeA)

        let failedA = world.share(TwoAgencies.codeA) + "/failed"
        #expect(
            await eventually(timeout: 30) { world.files(under: failedA).contains(name + ".error.txt") },
            "the document without number did not reach failed/:\n\(world.files(under: failedA))\n\(world.logs)")
        let reason = try String(contentsOfFile: failedA + "/" + name + ".error.txt", encoding: .utf8)
        #expect(reason.contains("Số (number): chưa có"), "reason: \(reason)")
        #expect(reason.contains("Number (số): missing"), "reason: \(reason)")
        #expect(reason.contains("trich_yeu: \"Tờ trình 5\""), "reason: \(reason)")
        #expect(reason.contains("ky_hieu: \"DEMO\""), "reason: \(reason)")

        // The clerk writes the metadata file and copies the document back (a copy over Samba is a new file; a rename
        // of the very same file back to the same path is only seen at the next reconciliation: see the report).
        try world.dropSidecar(
            "so: 58\ntrich_yeu: \"Về việc <thử> & kiểm tra\"\nloai_van_ban: Tờ trình\n", for: name,
            into: TwoAgencies.codeB, of: TwoAgencies.codeA)
        let failedCopy = try Data(contentsOf: URL(fileURLWithPath: failedA + "/" + name))
        try world.drop(Array(failedCopy), named: name, into: TwoAgencies.codeB, of: TwoAgencies.codeA)
        try FileManager.default.removeItem(atPath: failedA + "/" + name)

        let inboxB = world.share(TwoAgencies.codeB) + "/inbox"
        // The inbox folder is named after the date and number-notation, and appears whole (written aside, renamed).
        let summaryPath = { () -> String? in
            world.files(under: inboxB).first { $0.contains("58-DEMO/") && $0.hasSuffix("/document.txt") }
        }
        #expect(
            await eventually(timeout: 90) { summaryPath() != nil },
            "the document did not arrive at B as 58/DEMO:\n\(world.files(under: inboxB))\n\(world.logs)")
        let folder = String(try #require(summaryPath()).dropLast("document.txt".count))
        #expect(world.files(under: inboxB).contains(folder + name))
        let summary = try String(contentsOfFile: inboxB + "/" + folder + "document.txt", encoding: .utf8)
        #expect(summary.contains("58/DEMO"), "\(summary)")
        #expect(summary.contains("Về việc <thử> & kiểm tra"), "\(summary)")
        let typeLine = summary.split(separator: "\n").first { $0.contains("/ Type:") } ?? ""
        #expect(typeLine.hasSuffix("Tờ trình"), "\(summary)")

        // Nothing is left behind in A's outbox: the metadata file went into the spool with the document.
        let sentA = world.share(TwoAgencies.codeA) + "/sent"
        #expect(
            await eventually(timeout: 15) { world.files(under: sentA).contains { $0.hasSuffix(name + ".receipt.txt") } }
        )
        // Nothing is left in the outbox; DANG-CHO-GUI.txt goes a second after the last document.
        #expect(
            await eventually(timeout: 15) { world.files(under: world.share(TwoAgencies.codeA) + "/outbox").isEmpty },
            "\(world.files(under: world.share(TwoAgencies.codeA) + "/outbox"))")
    }
}
