import Foundation
import Testing

extension TwoAgencies {
    /// Rewrites an agency's generated `lienthong.yaml` before its daemon starts.
    func editConfig(_ code: String, _ edit: (String) throws -> String) throws {
        let path = config(code)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try edit(text).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Replaces the demo's `inbound.trusted_roots` (its certificate authority) with `paths`; `[]` trusts nothing.
    func trustOnly(_ paths: [String], at code: String) throws {
        try editConfig(code) { yaml in
            let line = try #require(yaml.firstRange(of: /\n  trusted_roots: [^\n]*\n/), "no trusted_roots:\n\(yaml)")
            let list = paths.map { "\"\($0)\"" }.joined(separator: ", ")
            return yaml.replacingCharacters(in: line, with: "\n  trusted_roots: [\(list)]\n")
        }
    }

    /// The text of `name` in every folder of B's inbox that holds one, by folder.
    func inboxFiles(named name: String, of code: String) -> [String: String] {
        let inbox = share(code) + "/inbox"
        var found: [String: String] = [:]
        for path in files(under: inbox) where (path as NSString).lastPathComponent == name {
            found[(path as NSString).deletingLastPathComponent] = try? String(
                contentsOfFile: inbox + "/" + path, encoding: .utf8)
        }
        return found
    }
}

/// Verification of received signatures on the real binaries: A (the demo configuration) signs a PDF with PAdES and
/// a DOCX with a detached .p7s and sends both to B; B writes signatures.txt and applies its inbound_policy.
@Suite(.serialized) struct InboundVerificationTests {
    static let signerA = "UBND tỉnh Nghệ An (000.00.00.H41)"

    /// Sends "Công văn 31.pdf" and "bien-ban-32.docx" from A to B (each with its number in a metadata file).
    static func sendPDFAndDOCX(_ world: TwoAgencies) throws {
        let b = TwoAgencies.codeB
        let a = TwoAgencies.codeA
        try world.dropSidecar("so: 31\n", for: "Công văn 31.pdf", into: b, of: a)
        try world.dropSidecar("so: 32\n", for: "bien-ban-32.docx", into: b, of: a)
        try world.drop(TestPDF.make(note: "chu ky"), named: "Công văn 31.pdf", into: b, of: a)
        try world.drop(
            [0x50, 0x4b, 0x03, 0x04] + Array("not really a docx, but signed as one".utf8), named: "bien-ban-32.docx",
            into: b, of: a)
    }

    static func start(_ world: TwoAgencies) throws {
        try world.startAxis()
        try world.startDaemon(TwoAgencies.codeA)
        try world.startDaemon(TwoAgencies.codeB)
    }

    @Test func whenBTrustsAsCertificateSignaturesTxtSaysValidWithAsNameForThePDFAndTheDOCX() async throws {
        let world = try TwoAgencies()
        let certificateA = world.home(TwoAgencies.codeA) + "/agency-cert.pem"
        try world.trustOnly([certificateA], at: TwoAgencies.codeB)
        try Self.start(world)
        try Self.sendPDFAndDOCX(world)

        #expect(
            await eventually(timeout: 90) {
                world.inboxFiles(named: "signatures.txt", of: TwoAgencies.codeB).count >= 2
            },
            "B did not receive both documents:\n\(world.files(under: world.share(TwoAgencies.codeB)))\n\(world.logs)")
        let reports = world.inboxFiles(named: "signatures.txt", of: TwoAgencies.codeB)
        let pdfReport = try #require(
            reports.values.first { $0.contains("Tệp / File:                     Công văn 31.pdf") })
        let docxReport = try #require(reports.values.first { $0.contains("bien-ban-32.docx.p7s") })
        for report in [pdfReport, docxReport] {
            #expect(report.hasPrefix("CHỮ KÝ SỐ TRÊN VĂN BẢN ĐẾN"), "a warning was put first:\n\(report)")
            #expect(report.contains("Người ký / Signer:              \(Self.signerA)"), "\(report)")
            #expect(report.contains("Tổ chức / Organisation:         UBND tỉnh Nghệ An"), "\(report)")
            #expect(report.contains("Kết quả / Result:               HỢP LỆ / VALID"), "\(report)")
            #expect(!report.contains("NOT VALID") && !report.contains("without a digital signature"), "\(report)")
        }
        #expect(pdfReport.contains("chữ ký trong PDF / signature in the PDF"), "\(pdfReport)")
        #expect(docxReport.contains("Tệp / File:                     bien-ban-32.docx"), "\(docxReport)")

        let summaries = world.inboxFiles(named: "document.json", of: TwoAgencies.codeB)
        #expect(summaries.count == 2)
        for json in summaries.values {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            let signatures = object?["signatures"] as? [String: Any]
            #expect(signatures?["verdict"] as? String == "all_valid", "\(json)")
            #expect(object?["axis_doc_id"] != nil && object?["header"] != nil, "existing keys lost: \(json)")
        }
        let texts = world.inboxFiles(named: "document.txt", of: TwoAgencies.codeB).values
        #expect(texts.allSatisfy { $0.hasPrefix("VĂN BẢN ĐẾN / RECEIVED DOCUMENT") }, "\(texts)")
    }

    @Test func withoutTrustedRootsSignaturesAreUntrustedAndTheDefaultPolicyDeliversWithAWarning() async throws {
        let world = try TwoAgencies()
        try world.trustOnly([], at: TwoAgencies.codeB)
        try Self.start(world)
        try Self.sendPDFAndDOCX(world)

        #expect(
            await eventually(timeout: 90) {
                world.inboxFiles(named: "signatures.txt", of: TwoAgencies.codeB).count >= 2
            },
            "B did not receive both documents:\n\(world.files(under: world.share(TwoAgencies.codeB)))\n\(world.logs)")
        let reports = world.inboxFiles(named: "signatures.txt", of: TwoAgencies.codeB)
        for report in reports.values {
            #expect(report.hasPrefix("!!! CẢNH BÁO: không tệp đính kèm nào có chữ ký số hợp lệ"), "\(report)")
            #expect(report.contains("NOT VALID: untrusted root"), "\(report)")
            #expect(report.contains("Người ký / Signer:              \(Self.signerA)"), "\(report)")
            #expect(!report.contains("HỢP LỆ / VALID"), "\(report)")
        }
        for text in world.inboxFiles(named: "document.txt", of: TwoAgencies.codeB).values {
            #expect(text.hasPrefix("!!! CẢNH BÁO"), "document.txt has no warning first:\n\(text)")
            #expect(text.contains("!!! WARNING: no attachment carries a valid digital signature"), "\(text)")
        }
        let logB = world.daemons[TwoAgencies.codeB]?.log ?? ""
        #expect(logB.contains("lacking a valid signature") && logB.contains("DOC_ID"), "B's log:\n\(logB)")
    }

    @Test func underTheQuarantinePolicyAnUntrustedDocumentIsQuarantinedAndAcknowledgedFail() async throws {
        let world = try TwoAgencies()
        try world.trustOnly([], at: TwoAgencies.codeB)
        let started = Date()
        try world.editConfig(TwoAgencies.codeB) { yaml in
            let agency = "  - code: \"\(TwoAgencies.codeB)\"\n"
            guard yaml.contains(agency) else { throw IntegrationError("no agency entry in B's config:\n\(yaml)") }
            return yaml.replacingOccurrences(of: agency, with: agency + "    inbound_policy: quarantine\n")
        }
        try Self.start(world)
        let b = TwoAgencies.codeB
        try world.dropSidecar("so: 33\n", for: "Công văn 33.pdf", into: b, of: TwoAgencies.codeA)
        try world.drop(TestPDF.make(note: "cach ly"), named: "Công văn 33.pdf", into: b, of: TwoAgencies.codeA)

        let quarantine = world.share(b) + "/quarantine"
        #expect(
            await eventually(timeout: 90) {
                world.files(under: quarantine).contains { $0.hasSuffix("/signatures.txt") }
            },
            "nothing was quarantined at B:\n\(world.files(under: world.share(b)))\n\(world.logs)")
        let files = world.files(under: quarantine)
        let reasonPath = try #require(files.first { $0.hasSuffix("/reason.txt") }, "\(files)")
        let reason = try String(contentsOfFile: quarantine + "/" + reasonPath, encoding: .utf8)
        #expect(reason.contains("Không tệp đính kèm nào có chữ ký số hợp lệ"), "\(reason)")
        #expect(reason.contains("No attachment carries a valid digital signature (inbound_policy: quarantine)"))
        #expect(files.contains { $0.hasSuffix("/envelope.edxml") }, "\(files)")
        let signaturesPath = try #require(files.first { $0.hasSuffix("/signatures.txt") })
        let signatures = try String(contentsOfFile: quarantine + "/" + signaturesPath, encoding: .utf8)
        #expect(signatures.contains("untrusted root") && signatures.contains(Self.signerA), "\(signatures)")
        #expect(world.files(under: world.share(b) + "/inbox").isEmpty, "a quarantined document was delivered")

        #expect(
            await eventually(timeout: 30) {
                let pending = (try? world.admin.stats()["pending_by_recipient"]) as? [String: Int] ?? [:]
                return (pending[b] ?? 0) == 0
            }, "B did not acknowledge the quarantined document: \((try? world.admin.stats()) ?? [:])\n\(world.logs)")
        // Both daemons poll twice (edoc, status) every 2 s: waiting for the next poll must not spin.
        let calls = (try world.admin.stats()["calls"] as? [String: Int])?["getReceivedEdocList"] ?? 0
        let seconds = Date().timeIntervalSince(started)
        #expect(calls < Int(4 * seconds) + 40, "\(calls) getReceivedEdocList calls in \(Int(seconds)) s")
        let list = try runCommand(world.lienthong, ["list", "--config", world.config(b)])
        #expect(list.output.contains("\tquarantined\t"), "\(list.output)")
        // The verdict stays in the database for the monthly report, whatever becomes of the quarantine folder.
        let database = StateDatabase(path: world.home(b) + "/state/state.db")
        let verdict = try database.query(
            "SELECT signature_verdict FROM documents WHERE state = 'quarantined' AND message_type = 'edoc'")
        #expect(verdict == "none_valid", "\(verdict)")
    }

    /// The case on the real binaries: a leader signs, the page is changed by an unsigned update, then A
    /// signs the whole file and sends it. B's default policy (warn) must quarantine it: what the leader signed is
    /// not what arrived, and A's signature over the whole file does not make that right.
    @Test func aPDFChangedAfterTheLeaderSignedIsQuarantinedUnderWarnWithTheReasonInVietnameseThenEnglish()
        async throws
    {
        let world = try TwoAgencies()
        let a = TwoAgencies.codeA
        let b = TwoAgencies.codeB
        let unsigned = world.home(a) + "/leader-unsigned.pdf"
        let leaderSigned = world.home(a) + "/leader-signed.pdf"
        try Data(TestPDF.make(note: "duyet chi 10 trieu")).write(to: URL(fileURLWithPath: unsigned))
        let sign = try runCommand(
            world.lienthong, ["sign", "--config", world.config(a), unsigned, "--out", leaderSigned])
        try #require(sign.status == 0, "lienthong sign: \(sign.output)")
        let changed = try TestPDF.changingPageContent(
            of: Array(try Data(contentsOf: URL(fileURLWithPath: leaderSigned))), to: "duyet chi 90 trieu")
        try Self.start(world)
        try world.dropSidecar("so: 34\n", for: "Công văn 34.pdf", into: b, of: a)
        try world.drop(changed, named: "Công văn 34.pdf", into: b, of: a)

        let quarantine = world.share(b) + "/quarantine"
        #expect(
            await eventually(timeout: 90) { world.files(under: quarantine).contains { $0.hasSuffix("/reason.txt") } },
            "nothing was quarantined at B:\n\(world.files(under: world.share(b)))\n\(world.logs)")
        let files = world.files(under: quarantine)
        let reasonPath = try #require(files.first { $0.hasSuffix("/reason.txt") }, "\(files)")
        let reason = try String(contentsOfFile: quarantine + "/" + reasonPath, encoding: .utf8)
        let vietnamese = try #require(
            reason.range(of: "Signature1): nội dung trang 1 bị thay đổi sau khi ký"), "\(reason)")
        let english = try #require(reason.range(of: "Signature1): the content of page 1 was changed after signing"))
        #expect(vietnamese.upperBound < english.lowerBound, "\(reason)")
        #expect(
            reason.contains(
                "Chữ ký số bị phá vỡ (nội dung bị sửa sau khi ký hoặc chữ ký không thuộc tệp): Công văn 34.pdf."),
            "\(reason)")
        let signaturesPath = try #require(files.first { $0.hasSuffix("/signatures.txt") }, "\(files)")
        let signatures = try String(contentsOfFile: quarantine + "/" + signaturesPath, encoding: .utf8)
        #expect(signatures.hasPrefix("!!! CẢNH BÁO: có chữ ký số bị phá vỡ"), "\(signatures)")
        #expect(
            signatures.contains(
                "Kết quả / Result:               KHÔNG HỢP LỆ: nội dung trang 1 bị thay đổi sau khi ký; điều người ký "
                    + "đã ký không phải điều nhận được / NOT VALID: the content of page 1 was changed after signing"),
            "\(signatures)")
        // The leader's signature (Signature1) is broken; A's own signature over the whole file (Signature2) is
        // valid, since B trusts the demo CA that issued A's certificate, and does not make the document valid.
        let blocks = signatures.components(separatedBy: "\n\n")
        let leader = try #require(blocks.first { $0.contains("(Signature1)") }, "\(signatures)")
        let agency = try #require(blocks.first { $0.contains("(Signature2)") }, "\(signatures)")
        #expect(!leader.contains("HỢP LỆ / VALID"), "\(leader)")
        #expect(agency.contains("Kết quả / Result:               HỢP LỆ / VALID"), "\(agency)")
        #expect(world.files(under: world.share(b) + "/inbox").isEmpty, "a document changed after signing was delivered")
        let forged = world.home(a) + "/forged.pdf"
        try Data(changed).write(to: URL(fileURLWithPath: forged))
        let verify = try runCommand(world.lienthong, ["verify", forged, "--trust", world.home(a) + "/agency-cert.pem"])
        #expect(verify.status != 0, "\(verify.output)")
        #expect(
            verify.output.contains("NOT VALID: the content of page 1 was changed after signing"), "\(verify.output)")
    }
}
