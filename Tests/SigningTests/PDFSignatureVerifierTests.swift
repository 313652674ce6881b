import Foundation
import Testing

@testable import Signing

/// lienthong's own verification of PDF signatures, cross-checked with pdfsig and pyHanko on tampered files.
@Suite struct PDFSignatureVerifierTests {
    let pki: TestPKI
    let ca: TestPKI.Issued
    let corpus: PDFCorpus
    let signer: PAdESSigner

    init() throws {
        pki = try TestPKI()
        ca = try pki.makeRootCA()
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, keyType: .ecP256, by: ca)
        let identity = try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)
        signer = PAdESSigner(identity: identity)
        corpus = PDFCorpus(directory: pki.directory, caPath: ca.certificatePath)
    }

    private func signedReportlab() throws -> String {
        let original = try corpus.reportlab("original.pdf")
        let signed = corpus.path("signed.pdf")
        try signer.sign(pdfAt: original, to: signed)
        return signed
    }

    /// Replaces the first occurrence of `marker` in the file with `replacement` (same length).
    private func replace(_ marker: String, with replacement: String, in path: String) throws -> Int {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let needle = Array(marker.utf8)
        let index = try #require(
            (0...(bytes.count - needle.count)).first { Array(bytes[$0..<$0 + needle.count]) == needle })
        bytes.replaceSubrange(index..<index + needle.count, with: Array(replacement.utf8))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return index
    }

    @Test func validSignatureReportsSignerSerialTimeAndFullCoverage() throws {
        let signed = try signedReportlab()

        let reports = try PDFSignatureVerifier.verify(pdfAt: signed, trustedCertificatePaths: [ca.certificatePath])

        let report = try #require(reports.first)
        #expect(reports.count == 1)
        #expect(report.isValid, "\(report.problems)")
        #expect(report.problems.isEmpty)
        #expect(report.fieldName == "Signature1")
        #expect(report.signerSubject == "CN=Văn phòng UBND tỉnh Nghệ An, O=UBND tỉnh Nghệ An, C=VN")
        #expect(report.signerSerialHex == (signer.key as? SigningIdentity)?.serialNumberHex)
        let time = try #require(report.signingTime)
        #expect(abs(time.timeIntervalSinceNow) < 120)
        #expect(!report.modifiedAfterSigning)
        #expect(report.laterRevisions == 0)
        #expect(report.signedRevision == 2)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: signed)[.size] as? Int)
        #expect(report.byteRange[0] == 0 && report.byteRange[2] + report.byteRange[3] == Int64(size))
    }

    @Test func untrustedRootGivesIntactButUntrustedSignature() throws {
        let signed = try signedReportlab()
        let otherCA = try pki.makeRootCA(name: "other", commonName: "Other Root")

        let report = try #require(
            try PDFSignatureVerifier.verify(pdfAt: signed, trustedCertificatePaths: [otherCA.certificatePath]).first)

        #expect(report.integrityValid)
        #expect(!report.chainValid)
        #expect(!report.isValid)
        #expect(report.problems.contains { $0.hasPrefix("certificate chain:") })
    }

    @Test func tamperingOneByteInTheOriginalIsReportedByLienthongPdfsigAndPyHanko() throws {
        let signed = try signedReportlab()
        let offset = try replace("ReportLab", with: "ReportLaB", in: signed)

        let report = try #require(
            try PDFSignatureVerifier.verify(pdfAt: signed, trustedCertificatePaths: [ca.certificatePath]).first)
        #expect(report.byteRange[1] > Int64(offset), "the tampered byte must be inside the first signed range")
        #expect(!report.integrityValid)
        #expect(!report.isValid)
        #expect(report.problems.contains { $0.contains("do not match the signed digest") })

        let pdfsig = try corpus.pdfsig(signed)
        #expect(!pdfsig.output.contains("Signature is Valid."), "pdfsig: \(pdfsig.output)")
        #expect(pdfsig.output.contains("Signature Validation:"), "pdfsig: \(pdfsig.output)")
        let pyhanko = try corpus.pyhanko(signed)
        #expect(!pyhanko.succeeded, "pyHanko: \(pyhanko.output)")
        #expect(!pyhanko.output.contains("judged VALID"), "pyHanko: \(pyhanko.output)")
    }

    @Test func tamperingTheSignatureDictionaryInTheSecondRangeIsDetected() throws {
        let signed = try signedReportlab()
        _ = try replace("/Filter /Adobe.PPKLite", with: "/Filter /Adobe.PPKLitf", in: signed)

        let report = try #require(
            try PDFSignatureVerifier.verify(pdfAt: signed, trustedCertificatePaths: [ca.certificatePath]).first)
        #expect(!report.integrityValid)
        let pdfsig = try corpus.pdfsig(signed)
        #expect(!pdfsig.output.contains("Signature is Valid."), "pdfsig: \(pdfsig.output)")
    }

    @Test func bytesAppendedAfterSigningAreReportedAsModification() throws {
        let signed = try signedReportlab()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: signed))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("% appended\n".utf8))
        try handle.close()

        let report = try #require(
            try PDFSignatureVerifier.verify(pdfAt: signed, trustedCertificatePaths: [ca.certificatePath]).first)
        #expect(report.integrityValid)
        #expect(report.modifiedAfterSigning)
    }

    @Test func unsignedPDFHasNoReports() throws {
        let original = try corpus.reportlab("original.pdf")
        #expect(try PDFSignatureVerifier.verify(pdfAt: original, trustedCertificatePaths: [ca.certificatePath]).isEmpty)
    }

    /// A hand-made "signature" whose ByteRange leaves out more than its /Contents string.
    @Test func byteRangeThatSkipsMoreThanContentsIsReportedInvalid() throws {
        let pdf = MinimalPDF.onePage(
            catalogExtra: "/AcroForm << /Fields [4 0 R] /SigFlags 3 >>",
            extraObjects: [
                "<< /FT /Sig /T (Forged) /V 5 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R >>",
                "<< /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 200 20] /Contents <3000> >>",
            ])
        let path = corpus.path("forged.pdf")
        try pdf.write(to: path)

        let report = try #require(
            try PDFSignatureVerifier.verify(pdfAt: path, trustedCertificatePaths: [ca.certificatePath]).first)

        #expect(report.fieldName == "Forged")
        #expect(!report.integrityValid && !report.isValid)
        #expect(report.problems.contains { $0.contains("not exactly the /Contents string") })
    }
}
