import Foundation
import Testing

@testable import Signing

/// What lienthong says about a signature followed by later incremental updates, compared signature by signature
/// with pyHanko's own validation of the same file (its difference analysis and DocMDP check), on a corpus made at
/// test time: a leader's signature made by pyHanko, then each kind of later update.
@Suite struct LaterChangesTests {
    /// What lienthong must say about the first signature, beyond agreeing with pyHanko.
    enum Expected: Equatable, Sendable {
        case permitted(including: PDFPermittedChange)
        case notPermitted(PDFChangeProblem)

        func matches(_ changes: PDFLaterChanges) -> Bool {
            switch (self, changes) {
            case (.permitted(let kind), .permitted(let kinds)): kinds.contains(kind)
            case (.notPermitted(let expected), .notPermitted(let found)): expected == found
            default: false
            }
        }
    }

    /// The updates made after the leader's approval signature.
    enum ApprovalCase: String, CaseIterable, Sendable {
        case pageContentChanged
        case annotationAdded
        case textFieldFilled
        case signedAgainByPyHanko
        case signedAgainByLienthong
        case signedAgainByLienthongWithTheBox
        case validationDataAdded
        case documentTimestampAdded
        /// The issue's case: the page changed by an unsigned update, then the sending agency signs the whole file.
        case pageContentChangedThenSignedByLienthong

        var expected: Expected {
            switch self {
            case .pageContentChanged, .pageContentChangedThenSignedByLienthong: .notPermitted(.pageContent(page: 1))
            case .annotationAdded: .notPermitted(.annotation(page: 1))
            case .textFieldFilled: .permitted(including: .formFilling)
            case .signedAgainByPyHanko, .signedAgainByLienthong, .signedAgainByLienthongWithTheBox:
                .permitted(including: .signature)
            case .validationDataAdded: .permitted(including: .validationData)
            case .documentTimestampAdded: .permitted(including: .documentTimestamp)
            }
        }
    }

    let pki: TestPKI
    let ca: TestPKI.Issued
    let leader: TestPKI.Issued
    let tsa: TestPKI.Issued
    let tool: PyHankoTool
    let signer: PAdESSigner

    init() throws {
        pki = try TestPKI()
        ca = try pki.makeRootCA()
        leader = try pki.issue(
            name: "leader", subject: "/C=VN/O=\(TestPKI.vietnameseOrganisation)/CN=Chủ tịch UBND", by: ca,
            serial: "0x11")
        // pyHanko's test timestamp authority signs with RSA only.
        tsa = try pki.issue(
            name: "tsa", subject: "/C=VN/O=Test TSA/CN=Test TSA", keyType: .rsa2048, by: ca, serial: "0x75A1",
            extensions: "timestamping")
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        signer = PAdESSigner(
            identity: try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath))
        tool = try PyHankoTool(directory: pki.directory, caPath: ca.certificatePath)
    }

    private var box: VisibleSignatureBox { get throws { try VisibleSignatureBox(numberNotation: "15/QĐ-UBND") } }

    /// lienthong's reports for every signature pyHanko judges, after checking that both give the same verdict.
    @discardableResult
    private func expectSameVerdictsAsPyHanko(_ file: String) throws -> [String: PDFSignatureReport] {
        let verdicts = try tool.validate(file)
        let reports = try PDFSignatureVerifier.verify(pdfAt: file, trustedCertificatePaths: [ca.certificatePath])
        let byField = Dictionary(reports.map { ($0.fieldName, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(!verdicts.isEmpty)
        for verdict in verdicts {
            let report = try #require(byField[verdict.field], "lienthong did not report \(verdict.field)")
            print(
                "\((file as NSString).lastPathComponent) \(verdict.field): pyHanko \(verdict.modificationLevel ?? "-") "
                    + "docmdp_ok=\(verdict.docmdpOK.map(String.init) ?? "-") bottom_line=\(verdict.bottomLine); "
                    + "lienthong \(report.isValid ? "VALID" : "NOT VALID") \(report.laterChanges)")
            #expect(
                report.isValid == verdict.bottomLine,
                "\(verdict.field): pyHanko \(verdict), lienthong \(report.laterChanges) \(report.problems)")
            #expect(report.laterChanges.isPermitted == (verdict.docmdpOK ?? true), "\(verdict.field): \(verdict)")
            #expect(report.docMDP?.rawValue == verdict.docmdp, "\(verdict.field)")
        }
        return byField
    }

    private func make(_ approvalCase: ApprovalCase) throws -> String {
        let original = try tool.make("original.pdf")
        let signed = try tool.sign(original, "leader.pdf", as: leader, field: "LanhDao")
        let name = "\(approvalCase.rawValue).pdf"
        switch approvalCase {
        case .pageContentChanged:
            return try tool.update("content", signed, name)
        case .annotationAdded:
            return try tool.update("annotation", signed, name)
        case .textFieldFilled:
            return try tool.update("fill", signed, name, ["ghichu", "Đã xem"])
        case .signedAgainByPyHanko:
            let person = try pki.issue(name: "person", subject: "/C=VN/CN=Nguyễn Văn A", by: ca, serial: "0x12")
            return try tool.sign(signed, name, as: person, field: "CaNhan")
        case .signedAgainByLienthong:
            try signer.sign(pdfAt: signed, to: tool.path(name))
            return tool.path(name)
        case .signedAgainByLienthongWithTheBox:
            let field = try signer.sign(pdfAt: signed, to: tool.path(name), options: PAdESOptions(visibleBox: try box))
            #expect(field.isVisible)
            return tool.path(name)
        case .validationDataAdded:
            return try tool.update("dss", signed, name, [leader.certificatePath, ca.certificatePath])
        case .documentTimestampAdded:
            return try tool.update("timestamp", signed, name, [tsa.keyPath, tsa.certificatePath])
        case .pageContentChangedThenSignedByLienthong:
            let changed = try tool.update("content", signed, "changed.pdf")
            try signer.sign(pdfAt: changed, to: tool.path(name))
            return tool.path(name)
        }
    }

    @Test(arguments: ApprovalCase.allCases)
    func theLeadersSignatureIsJudgedAsPyHankoJudgesIt(approvalCase: ApprovalCase) throws {
        let file = try make(approvalCase)

        let reports = try expectSameVerdictsAsPyHanko(file)

        let leaderReport = try #require(reports["LanhDao"])
        #expect(leaderReport.integrityValid && leaderReport.chainValid, "\(leaderReport.problems)")
        #expect(approvalCase.expected.matches(leaderReport.laterChanges), "\(leaderReport.laterChanges)")
        #expect(leaderReport.docMDP == nil)
    }

    /// The issue's case end to end: the agency's signature over the whole file does not make the leader's valid.
    @Test func aChangedPageIsNotMadeValidByALaterSignatureOverTheWholeFile() throws {
        let file = try make(.pageContentChangedThenSignedByLienthong)

        let reports = try PDFSignatureVerifier.verify(pdfAt: file, trustedCertificatePaths: [ca.certificatePath])

        #expect(reports.map(\.fieldName) == ["LanhDao", "Signature1"])
        #expect(reports[0].laterChanges == .notPermitted(.pageContent(page: 1)))
        #expect(!reports[0].isValid)
        #expect(reports[1].isValid && reports[1].laterChanges == PDFLaterChanges.none)
        #expect(try tool.validate(file).map(\.bottomLine) == [false, true])
    }

    /// Certification levels against the changes they permit, compared with pyHanko.
    @Test(arguments: [
        (1, "timestamp", Expected.permitted(including: .documentTimestamp)),
        (1, "fill", .notPermitted(.formFillingForbidden)),
        (2, "fill", .permitted(including: .formFilling)),
        (2, "annotation", .notPermitted(.annotation(page: 1))),
        (2, "content", .notPermitted(.pageContent(page: 1))),
        (2, "visibleSignature", .notPermitted(.visibleSignatureAfterCertification)),
        (2, "invisibleSignature", .permitted(including: .signature)),
        (3, "fill", .permitted(including: .formFilling)),
    ])
    func aCertificationSignatureIsJudgedByItsDocMDPLevelAsPyHankoJudgesIt(
        level: Int, change: String, expected: Expected
    ) throws {
        let original = try tool.make("original.pdf")
        let certified = try tool.sign(original, "certified.pdf", as: leader, field: "TacGia", certify: level)
        let file: String
        switch change {
        case "visibleSignature", "invisibleSignature":
            let person = try pki.issue(name: "person", subject: "/C=VN/CN=Nguyễn Văn A", by: ca, serial: "0x12")
            file = try tool.sign(
                certified, "changed.pdf", as: person, field: "CaNhan", visible: change == "visibleSignature")
        case "fill":
            file = try tool.update("fill", certified, "changed.pdf", ["ghichu", "Đã xem"])
        case "timestamp":
            file = try tool.update("timestamp", certified, "changed.pdf", [tsa.keyPath, tsa.certificatePath])
        default:
            file = try tool.update(change, certified, "changed.pdf")
        }

        let reports = try expectSameVerdictsAsPyHanko(file)

        let author = try #require(reports["TacGia"])
        #expect(author.docMDP?.rawValue == level)
        #expect(expected.matches(author.laterChanges), "\(author.laterChanges)")
    }

    /// ISO 32000 and Acrobat permit annotations after a certification with P=3; pyHanko's policy, by its own
    /// warning "not designed to support DocMDP level 3", rejects them. lienthong follows the standard here.
    @Test func annotationsAfterACertificationWithP3ArePermittedWherePyHankoDisagrees() throws {
        let original = try tool.make("original.pdf")
        let certified = try tool.sign(original, "certified.pdf", as: leader, field: "TacGia", certify: 3)
        let file = try tool.update("annotation", certified, "annotated.pdf")

        let author = try #require(
            try PDFSignatureVerifier.verify(pdfAt: file, trustedCertificatePaths: [ca.certificatePath]).first)

        #expect(Expected.permitted(including: .annotations).matches(author.laterChanges), "\(author.laterChanges)")
        #expect(author.isValid)
        let pyhanko = try #require(try tool.validate(file).first)
        #expect(pyhanko.modificationLevel == "OTHER" && pyhanko.docmdpOK == false, "\(pyhanko)")
        let underP2 = try tool.sign(original, "certified2.pdf", as: leader, field: "TacGia", certify: 2)
        let annotatedUnderP2 = try tool.update("annotation", underP2, "annotated2.pdf")
        let strict = try #require(
            try PDFSignatureVerifier.verify(pdfAt: annotatedUnderP2, trustedCertificatePaths: [ca.certificatePath])
                .first)
        #expect(strict.laterChanges == .notPermitted(.annotation(page: 1)))
    }

    /// Appends an unsigned revision with a classic cross-reference table defining `objects` and freeing `freed`;
    /// `offsetShift` moves every entry's offset, to make a damaged revision.
    private func appendRevision(
        to path: String, objects: [(number: Int, body: String)], freed: [Int] = [], offsetShift: Int = 0
    ) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let text = String(decoding: bytes, as: UTF8.self)
        let marker = try #require(text.range(of: "startxref", options: .backwards))
        let previous = text[marker.upperBound...].drop { !$0.isNumber }.prefix { $0.isNumber }
        let sizeKey = try #require(text.range(of: "/Size ", options: .backwards))
        let oldSize = try #require(Int(text[sizeKey.upperBound...].prefix { $0.isNumber }))
        let size = max(oldSize, (objects.map(\.number).max() ?? 0) + 1)
        var entries: [(Int, String)] = freed.map { ($0, "0000000000 65535 f \n") }
        for object in objects {
            let offset = String(bytes.count + offsetShift)
            entries.append((object.number, String(repeating: "0", count: 10 - offset.count) + offset + " 00000 n \n"))
            bytes += Array("\(object.number) 0 obj\n\(object.body)\nendobj\n".utf8)
        }
        let xref = bytes.count
        var table = "xref\n0 1\n0000000000 65535 f \n"
        for (number, line) in entries.sorted(by: { $0.0 < $1.0 }) { table += "\(number) 1\n" + line }
        table += "trailer\n<< /Size \(size) /Root 1 0 R /Prev \(previous) >>\nstartxref\n\(xref)\n%%EOF\n"
        try Data(bytes + Array(table.utf8)).write(to: URL(fileURLWithPath: path))
    }

    /// A one-page PDF signed by lienthong; with `dangling`, the page's `/Contents` also names a stream (object 40)
    /// that does not exist.
    private func signedPage(dangling: Bool = false) throws -> String {
        let content = "BT /F1 12 Tf 72 720 Td (duyet chi 10 trieu) Tj ET"
        let pdf = MinimalPDF(objects: [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
                + "/Contents [4 0 R\(dangling ? " 40 0 R" : "")] >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ])
        let original = tool.path("dangling.pdf")
        try pdf.write(to: original)
        let signed = tool.path("dangling-signed.pdf")
        try signer.sign(pdfAt: original, to: signed)
        return signed
    }

    /// A reference the signed revision left dangling, filled in afterwards, draws on the page without any object
    /// of the signed revision changing (a "shadow" attack): not permitted.
    /// pyHanko cannot judge this file: its difference analysis stops at the reference it cannot resolve.
    @Test func anObjectDefinedLaterWhereTheSignedRevisionReferredToAMissingOneIsNotPermitted() throws {
        let file = try signedPage(dangling: true)
        let forged = "BT /F1 12 Tf 72 700 Td (chi 90 trieu) Tj ET"
        try appendRevision(
            to: file, objects: [(40, "<< /Length \(forged.utf8.count) >>\nstream\n\(forged)\nendstream")])

        let report = try #require(
            try PDFSignatureVerifier.verify(pdfAt: file, trustedCertificatePaths: [ca.certificatePath]).first)

        #expect(report.integrityValid && report.chainValid)
        #expect(report.laterChanges == .notPermitted(.object(number: 40, type: nil)))
        #expect(!report.isValid)
    }

    @Test func anObjectFreedAfterSigningIsNotPermitted() throws {
        let file = try signedPage()
        try appendRevision(to: file, objects: [], freed: [5])

        let reports = try expectSameVerdictsAsPyHanko(file)

        #expect(reports["Signature1"]?.laterChanges == .notPermitted(.objectDeleted(number: 5)))
    }

    /// A later revision whose cross-reference data points at the wrong bytes is reported, never thrown: nothing
    /// shows that what it changes is permitted.
    @Test func aDamagedLaterRevisionCannotBeAnalysedAndTheSignatureIsNotValid() throws {
        let file = try signedPage()
        try appendRevision(
            to: file, objects: [(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>")], offsetShift: 7)

        let report = try #require(
            try PDFSignatureVerifier.verify(pdfAt: file, trustedCertificatePaths: [ca.certificatePath]).first)

        #expect(report.integrityValid && report.chainValid)
        guard case .notPermitted(.unanalysable(let detail)) = report.laterChanges else {
            Issue.record("\(report.laterChanges)")
            return
        }
        #expect(!detail.isEmpty)
        #expect(!report.isValid)
    }

    @Test func aFontReplacedAfterSigningIsAChangeToThePagesResources() throws {
        let file = try signedPage()
        try appendRevision(to: file, objects: [(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>")])

        let reports = try expectSameVerdictsAsPyHanko(file)

        #expect(reports["Signature1"]?.laterChanges == .notPermitted(.pageResources(page: 1)))
    }
}
