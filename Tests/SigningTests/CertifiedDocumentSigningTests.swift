import Foundation
import Testing

@testable import Signing

/// Signing documents that their author certified (DocMDP), judged by pyHanko and by lienthong: the agency's
/// signature must be valid and the author's certification still intact.
@Suite struct CertifiedDocumentSigningTests {
    let pki: TestPKI
    let ca: TestPKI.Issued
    let author: TestPKI.Issued
    let tool: PyHankoTool
    let signer: PAdESSigner
    let box: VisibleSignatureBox

    init() throws {
        pki = try TestPKI()
        ca = try pki.makeRootCA()
        author = try pki.issue(name: "author", subject: "/C=VN/O=Sở Tư pháp/CN=Tác giả", by: ca, serial: "0x21")
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, keyType: .rsa2048, by: ca)
        signer = PAdESSigner(
            identity: try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath))
        tool = try PyHankoTool(directory: pki.directory, caPath: ca.certificatePath)
        box = try VisibleSignatureBox(numberNotation: "15/QĐ-UBND")
    }

    private func certified(_ level: Int) throws -> String {
        try tool.sign(try tool.make("original.pdf"), "certified.pdf", as: author, field: "TacGia", certify: level)
    }

    @Test(arguments: [2, 3], [true, false])
    func theAgencySignatureKeepsTheAuthorsCertificationIntactPerPyHankoAndLienthong(level: Int, boxAsked: Bool)
        throws
    {
        let input = try certified(level)
        let signed = tool.path("signed.pdf")

        let field = try signer.sign(
            pdfAt: input, to: signed, options: PAdESOptions(visibleBox: boxAsked ? box : nil))

        #expect(field.name == "Signature1")
        #expect(!field.isVisible, "a new visible field would break the certification for pyHanko")
        let verdicts = try tool.validate(signed)
        #expect(verdicts.map(\.field) == ["TacGia", "Signature1"])
        #expect(verdicts.allSatisfy { $0.bottomLine }, "\(verdicts)")
        #expect(verdicts.first?.docmdp == level)
        let reports = try PDFSignatureVerifier.verify(pdfAt: signed, trustedCertificatePaths: [ca.certificatePath])
        #expect(reports.allSatisfy { $0.isValid }, "\(reports.map(\.laterChanges))")
        #expect(reports.first?.docMDP?.rawValue == level)
        #expect(reports.first?.laterChanges == .permitted([.signature]))
    }

    /// What pyHanko objects to in the box on a certified document is the new visible signature field itself (its
    /// default policy allows new signature fields after a certification only when they are invisible; pyHanko's own
    /// visible signature is refused the same way); with that one rule relaxed as Acrobat does, the box's page
    /// `/Annots` entry, AcroForm, appearance stream and fonts are all accepted.
    @Test(arguments: [2, 3])
    func theBoxOnACertifiedDocumentWouldOnlyAddANewVisibleFieldWhichPyHankoRefusesByDefault(level: Int) throws {
        let input = try certified(level)
        let signed = tool.path("boxed.pdf")
        var options = PAdESOptions(visibleBox: box)
        options.drawsBoxOnCertifiedDocuments = true

        let field = try signer.sign(pdfAt: input, to: signed, options: options)

        #expect(field.isVisible)
        let strict = try tool.validate(signed)
        #expect(strict.map(\.bottomLine) == [false, true], "\(strict)")
        #expect(strict.first?.objection?.contains("only allowed after an approval signature") == true, "\(strict)")
        let acrobatLike = try tool.validate(signed, acrobatLike: true)
        #expect(acrobatLike.map(\.bottomLine) == [true, true], "\(acrobatLike)")
        let reports = try PDFSignatureVerifier.verify(pdfAt: signed, trustedCertificatePaths: [ca.certificatePath])
        #expect(reports.first?.laterChanges == .notPermitted(.visibleSignatureAfterCertification))
        #expect(reports.last?.isValid == true)
    }

    @Test func aCertificationThatAllowsNoChangesIsRefusedWithTheReason() throws {
        let input = try certified(1)

        #expect(throws: PAdESError.self) {
            try signer.sign(pdfAt: input, to: tool.path("signed.pdf"), options: PAdESOptions(visibleBox: box))
        }
        do {
            try signer.sign(pdfAt: input, to: tool.path("signed.pdf"))
            Issue.record("a document certified with P=1 was signed")
        } catch {
            guard case .pdf(.certifiedWithoutChanges(let path)) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == input)
            #expect(error.description.contains("allows no changes"))
        }
        #expect(!FileManager.default.fileExists(atPath: tool.path("signed.pdf")))
    }

    /// A signature field the author prepared before certifying takes the box: filling it is permitted by P=2 and
    /// P=3, for pyHanko's default policy as for lienthong.
    @Test(arguments: [2, 3])
    func theBoxGoesIntoASignatureFieldTheAuthorPreparedAndTheCertificationStaysIntact(level: Int) throws {
        let original = try tool.make("original.pdf")
        let prepared = try tool.update(
            "addfield", original, "prepared.pdf", ["ChuKyCoQuan", "380", "740", "560", "790"])
        let input = try tool.sign(prepared, "certified.pdf", as: author, field: "TacGia", certify: level)
        let signed = tool.path("signed.pdf")

        let field = try signer.sign(pdfAt: input, to: signed, options: PAdESOptions(visibleBox: box))

        #expect(field == PAdESSignedField(name: "ChuKyCoQuan", isVisible: true))
        let verdicts = try tool.validate(signed)
        #expect(Set(verdicts.map(\.field)) == ["TacGia", "ChuKyCoQuan"])
        #expect(verdicts.allSatisfy { $0.bottomLine }, "\(verdicts)")
        let reports = try PDFSignatureVerifier.verify(pdfAt: signed, trustedCertificatePaths: [ca.certificatePath])
        #expect(reports.allSatisfy { $0.isValid }, "\(reports.map(\.laterChanges))")
        let authorReport = try #require(reports.first { $0.fieldName == "TacGia" })
        #expect(authorReport.docMDP?.rawValue == level)
        #expect(authorReport.laterChanges == .permitted([.signature]))
        let document = try PDFDocument(path: signed)
        let widget = try #require(
            try PDFSignatureVerifier.signatureFields(document).first { $0.name == "ChuKyCoQuan" })
        #expect(widget.signature["SubFilter"]?.name == "ETSI.CAdES.detached")
        let check = try ExternalTools.run("qpdf", ["--check", signed], in: pki.directory)
        #expect(check.succeeded, "\(check.output)")
    }
}
