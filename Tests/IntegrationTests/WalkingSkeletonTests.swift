import Foundation
import Testing

/// The first complete path through lienthong, on the real binaries over loopback: files dropped at agency A
/// arrive at agency B, signed; a file for an unknown agency ends in A's `failed/` with a reason.
@Suite(.serialized) struct WalkingSkeletonTests {
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    @Test func documentsDroppedAtAArriveAtBSignedAndTheUnknownRecipientFails() async throws {
        let world = try TwoAgencies()
        try world.startAxis()
        try world.startDaemon(TwoAgencies.codeA)
        try world.startDaemon(TwoAgencies.codeB)

        let pdf = TestPDF.make(note: "cong van 12")
        let docx = [0x50, 0x4b, 0x03, 0x04] + Self.randomBytes(300_000)
        let lost = TestPDF.make(note: "lost")
        // Each document says its number (số) in a metadata file: the demo configuration has no filename pattern.
        for (number, name, folder) in [
            (12, "Công văn 12.pdf", TwoAgencies.codeB), (13, "bien-ban.docx", TwoAgencies.codeB),
            (14, "nham-noi.pdf", "000.00.00.Z99"),
        ] {
            try world.dropSidecar("so: \(number)\n", for: name, into: folder, of: TwoAgencies.codeA)
        }
        try world.drop(pdf, named: "Công văn 12.pdf", into: TwoAgencies.codeB, of: TwoAgencies.codeA)
        try world.drop(docx, named: "bien-ban.docx", into: TwoAgencies.codeB, of: TwoAgencies.codeA)
        try world.drop(lost, named: "nham-noi.pdf", into: "000.00.00.Z99", of: TwoAgencies.codeA)

        let inboxB = world.share(TwoAgencies.codeB) + "/inbox"
        let arrived = await eventually(timeout: 90) {
            world.files(under: inboxB).filter { $0.hasSuffix("document.json") }.count >= 2
        }
        #expect(arrived, "B's inbox did not receive both documents:\n\(world.files(under: inboxB))\n\(world.logs)")
        let failedA = world.share(TwoAgencies.codeA) + "/failed"
        #expect(
            await eventually(timeout: 30) { world.files(under: failedA).contains("nham-noi.pdf.error.txt") },
            "the unknown recipient did not reach failed/:\n\(world.files(under: failedA))\n\(world.logs)")

        // Both documents are in B's inbox, under A's code. The PDF carries the agency's PAdES signature as an
        // incremental update (the original is an exact prefix) that lienthong verify accepts; the DOCX arrives
        // byte-identical with a .p7s that openssl verifies.
        let received = world.files(under: inboxB)
        // The demo's certificate authority issued A's certificate; B trusts it out of the box.
        let certificate = world.root + "/ca/ca-cert.pem"
        func delivered(_ name: String) throws -> String {
            let path = try #require(
                received.first { $0.hasPrefix(TwoAgencies.codeA + "/") && $0.hasSuffix("/" + name) },
                "\(name) not in B's inbox: \(received)")
            return inboxB + "/" + path
        }
        let signedPDF = try delivered("Công văn 12.pdf")
        let pdfBytes = Array(try Data(contentsOf: URL(fileURLWithPath: signedPDF)))
        #expect(pdfBytes.count > pdf.count && Array(pdfBytes.prefix(pdf.count)) == pdf, "the PDF was rewritten")
        #expect(!FileManager.default.fileExists(atPath: signedPDF + ".p7s"), "a signed PDF needs no .p7s")
        let pdfCheck = try runCommand(world.lienthong, ["verify", signedPDF, "--trust", certificate])
        #expect(pdfCheck.status == 0 && pdfCheck.output.contains("VALID"), "lienthong verify: \(pdfCheck.output)")
        let report = try String(
            contentsOfFile: (signedPDF as NSString).deletingLastPathComponent + "/signatures.txt", encoding: .utf8)
        #expect(report.contains("HỢP LỆ / VALID") && !report.contains("CẢNH BÁO"), "a genuine document:\n\(report)")
        // One byte changed inside the signed range: the newcomer's tampering test.
        var tampered = pdfBytes
        let index = try #require(tampered.firstIndex(of: UInt8(ascii: "c")), "no 'c' in the PDF")
        tampered[index] = UInt8(ascii: "k")
        let tamperedPath = world.root + "/tampered.pdf"
        try Data(tampered).write(to: URL(fileURLWithPath: tamperedPath))
        let tamperedCheck = try runCommand(world.lienthong, ["verify", tamperedPath, "--trust", certificate])
        #expect(tamperedCheck.status != 0, "a tampered PDF verified: \(tamperedCheck.output)")

        let docxPath = try delivered("bien-ban.docx")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: docxPath))) == docx, "the DOCX arrived altered")
        let signature = docxPath + ".p7s"
        #expect(FileManager.default.fileExists(atPath: signature), "bien-ban.docx.p7s missing")
        let verify = try runCommand(
            "/usr/bin/openssl",
            [
                "cms", "-verify", "-binary", "-inform", "DER", "-in", signature, "-content", docxPath, "-CAfile",
                certificate, "-purpose", "any", "-out", "/dev/null",
            ])
        #expect(verify.status == 0, "openssl cms -verify failed for bien-ban.docx: \(verify.output)")

        // The originals moved to A's sent/<date>/ with receipts naming the axis DocId.
        let sentA = world.share(TwoAgencies.codeA) + "/sent"
        let sent = world.files(under: sentA)
        #expect(
            await eventually(timeout: 10) {
                world.files(under: sentA).filter { $0.hasSuffix(".receipt.txt") }.count == 2
            })
        #expect(sent.contains { $0.hasSuffix("/Công văn 12.pdf") }, "sent/: \(sent)")
        #expect(sent.contains { $0.hasSuffix("/Công văn 12_signed.pdf") }, "the signed copy is not in sent/: \(sent)")
        #expect(sent.contains { $0.hasSuffix("/Công văn 12.pdf.meta.yaml") }, "the metadata file was lost: \(sent)")

        // B answered with status 01 (arrived); A's receipt says so, for the clerk and for software.
        let receiptPath = try #require(sent.first { $0.hasSuffix("/Công văn 12.pdf.receipt.txt") }).description
        let receiptText = { (try? String(contentsOfFile: sentA + "/" + receiptPath, encoding: .utf8)) ?? "" }
        #expect(
            await eventually(timeout: 30) { receiptText().contains("status 01 from \(TwoAgencies.codeB)") },
            "no status 01 in A's receipt:\n\(receiptText())\n\(world.logs)")
        let receiptJSON = try Data(
            contentsOf: URL(fileURLWithPath: sentA + "/" + receiptPath.replacingOccurrences(of: ".txt", with: ".json")))
        let statuses = (try JSONSerialization.jsonObject(with: receiptJSON) as? [String: Any])?["statuses"] as? [Any]
        #expect(statuses?.count == 1, "receipt.json statuses: \(String(describing: statuses))")
        // Nothing is left in the outbox; DANG-CHO-GUI.txt goes a second after the last document.
        #expect(
            await eventually(timeout: 15) { world.files(under: world.share(TwoAgencies.codeA) + "/outbox").isEmpty },
            "\(world.files(under: world.share(TwoAgencies.codeA) + "/outbox"))")

        // The unknown recipient: the original in failed/ and a reason quoting the axis, Vietnamese then English.
        let reason = try String(contentsOfFile: failedA + "/nham-noi.pdf.error.txt", encoding: .utf8)
        #expect(reason.contains("000.00.00.Z99"), "reason: \(reason)")
        #expect(reason.contains("Trục liên thông") && reason.contains("national axis"), "reason: \(reason)")
        let failedCopy = try Data(contentsOf: URL(fileURLWithPath: failedA + "/nham-noi.pdf"))
        #expect(Array(failedCopy) == lost)

        // The axis stored each accepted document exactly once, and B acknowledged both.
        let stats = try world.admin.stats()
        let bySender = stats["documents_by_sender"] as? [String: Int] ?? [:]
        #expect(bySender[TwoAgencies.codeA] == 2, "stats: \(stats)")
        #expect(stats["duplicate_documents"] as? Int == 0, "stats: \(stats)")
        #expect(
            await eventually(timeout: 15) {
                let pending = (try? world.admin.stats()["pending_by_recipient"]) as? [String: Int] ?? [:]
                return (pending[TwoAgencies.codeB] ?? 0) == 0
            }, "B did not acknowledge: \(stats)")

        // The CLI tells the same story.
        let list = try runCommand(world.lienthong, ["list", "--config", world.config(TwoAgencies.codeA)])
        #expect(list.status == 0)
        #expect(list.output.split(separator: "\n").filter { $0.contains("\tfiled\t") }.count == 2, "\(list.output)")
        #expect(list.output.contains("\tfailed\t"), "\(list.output)")
    }
}
