import Foundation
import Testing

@testable import Signing

/// The PDF reader on real producers' output and on damaged, encrypted and hostile files.
@Suite struct PDFReaderTests {
    let pki: TestPKI
    let corpus: PDFCorpus
    let signer: PAdESSigner

    init() throws {
        pki = try TestPKI()
        let ca = try pki.makeRootCA()
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let identity = try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)
        signer = PAdESSigner(identity: identity)
        corpus = PDFCorpus(directory: pki.directory, caPath: ca.certificatePath)
    }

    /// Signs `input` expecting a ``PDFError``; also proves no output or temporary file is left behind.
    private func signingError(_ input: String) throws -> PDFError? {
        let output = corpus.path("refused-output.pdf")
        let before = try FileManager.default.contentsOfDirectory(atPath: pki.directory.path).count
        var caught: PDFError?
        do {
            try signer.sign(pdfAt: input, to: output)
        } catch {
            if case .pdf(let pdfError) = error { caught = pdfError } else { Issue.record("unexpected \(error)") }
        }
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try FileManager.default.contentsOfDirectory(atPath: pki.directory.path).count == before)
        return caught
    }

    @Test func objectStreamPDFIsReadThroughItsXrefStreamAndFindsPageOneInAnObjectStream() throws {
        let original = try corpus.reportlab("original.pdf")
        let packed = try corpus.qpdf(original, "objstm.pdf", ["--object-streams=generate"])

        let document = try PDFDocument(path: packed)

        #expect(document.usesXrefStreams)
        let page = try document.firstPage()
        #expect(page.dictionary["Type"]?.name == "Page")
        guard case .inObjectStream? = document.xref[page.reference.number] else {
            Issue.record("qpdf was expected to pack page 1 into an object stream")
            return
        }
        #expect(try !PDFDocument(path: original).usesXrefStreams)
    }

    @Test func encryptedPDFIsRefusedBySignerAndVerifier() throws {
        let original = try corpus.reportlab("original.pdf")
        let encrypted = try corpus.qpdf(original, "encrypted.pdf", ["--encrypt", "u", "o", "256", "--"])

        let error = try signingError(encrypted)

        #expect(error == .encrypted(path: encrypted))
        #expect(error?.description.contains("password-protected") == true)
        #expect(throws: PAdESError.self) {
            try PDFSignatureVerifier.verify(pdfAt: encrypted, trustedCertificatePaths: [corpus.caPath])
        }
    }

    @Test func truncatedPDFIsRefusedAsDamaged() throws {
        let original = try corpus.reportlab("original.pdf")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: original))
        let truncated = corpus.path("truncated.pdf")
        try bytes.prefix(bytes.count * 2 / 3).write(to: URL(fileURLWithPath: truncated))

        guard case .damaged(truncated, let detail)? = try signingError(truncated) else {
            Issue.record("a truncated PDF must be refused as damaged")
            return
        }
        #expect(detail.contains("truncated"))
    }

    @Test func startxrefPointingAtTheWrongPlaceIsRefusedAsDamaged() throws {
        var pdf = MinimalPDF.onePage()
        pdf.startXrefOverride = 20
        let path = corpus.path("wrong-startxref.pdf")
        try pdf.write(to: path)

        guard case .damaged(path, _)? = try signingError(path) else {
            Issue.record("a wrong startxref must be refused as damaged")
            return
        }
    }

    @Test func prevChainThatLoopsIsRefusedAsDamaged() throws {
        var pdf = MinimalPDF.onePage()
        pdf.trailerExtra = "/Prev \(pdf.xrefOffset)"
        let path = corpus.path("loop.pdf")
        try pdf.write(to: path)

        guard case .damaged(path, let detail)? = try signingError(path) else {
            Issue.record("a looping /Prev chain must be refused as damaged")
            return
        }
        #expect(detail.contains("loops"))
    }

    @Test func deeplyNestedObjectIsRefusedByTheDepthLimit() throws {
        let nesting = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        let path = corpus.path("nested.pdf")
        try MinimalPDF.onePage(catalogExtra: "/Hostile \(nesting)").write(to: path)

        guard case .limitExceeded(path, _)? = try signingError(path) else {
            Issue.record("500 levels of nesting must hit the depth limit")
            return
        }
    }

    @Test func textFileIsNotAPDF() throws {
        let text = try pki.write("note.pdf", "not a PDF at all\n")
        let original = try corpus.reportlab("original.pdf")

        #expect(try signingError(text) == .notPDF(path: text))
        #expect(PDFKind.isPDF(path: original))
        #expect(!PDFKind.isPDF(path: text))
        #expect(!PDFKind.isPDF(path: corpus.path("missing.pdf")))
        #expect(!PDFKind.isPDF(path: pki.directory.path))
    }

    @Test func indirectAcroFormWithAnExistingFieldGetsANewRevisionKeepingTheField() throws {
        let pdf = MinimalPDF.onePage(
            catalogExtra: "/AcroForm 4 0 R",
            extraObjects: [
                "<< /Fields [5 0 R] /DA (/Helv 0 Tf 0 g) >>",
                "<< /FT /Tx /T (SoVanBan) /V (123/UBND-VP) /Rect [0 0 0 0] /Type /Annot /Subtype /Widget /P 3 0 R >>",
            ])
        let original = corpus.path("acroform.pdf")
        try pdf.write(to: original)
        let signed = corpus.path("acroform-signed.pdf")

        try signer.sign(pdfAt: original, to: signed)

        let document = try PDFDocument(path: signed)
        let acroForm = try #require(try document.resolve(document.catalog()["AcroForm"]).dictionary)
        #expect(try document.catalog()["AcroForm"] == .reference(PDFReference(number: 4, generation: 0)))
        #expect(acroForm["Fields"]?.array?.count == 2)
        #expect(acroForm["SigFlags"] == .integer(3))
        #expect(acroForm["DA"] != nil)
        #expect(try corpus.qpdfCheck(signed).succeeded)
        let pdfsig = try corpus.pdfsig(signed)
        #expect(pdfsig.output.contains("Signature Validation: Signature is Valid."), "pdfsig: \(pdfsig.output)")
        let reports = try PDFSignatureVerifier.verify(pdfAt: signed, trustedCertificatePaths: [corpus.caPath])
        #expect(reports.count == 1 && reports[0].isValid)
    }

    @Test func documentCertifiedWithNoChangesAllowedIsRefused() throws {
        let pdf = MinimalPDF.onePage(
            catalogExtra: "/Perms << /DocMDP 4 0 R >>",
            extraObjects: [
                "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /Contents <00> "
                    + "/ByteRange [0 1 2 3] /Reference [<< /Type /SigRef /TransformMethod /DocMDP "
                    + "/TransformParams << /Type /TransformParams /P 1 /V /1.2 >> >>] >>"
            ])
        let path = corpus.path("certified.pdf")
        try pdf.write(to: path)

        #expect(try signingError(path) == .certifiedWithoutChanges(path: path))
    }
}
