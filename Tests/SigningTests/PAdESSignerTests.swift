import Foundation
import Testing

@testable import Signing

/// PAdES B-B signing judged by independent validators: qpdf, poppler's pdfsig and pyHanko.
@Suite struct PAdESSignerTests {
    enum Producer: String, CaseIterable, Sendable {
        case reportlabXrefTable
        case qpdfObjectStreams
        case qpdfLinearized
    }

    let pki: TestPKI
    let ca: TestPKI.Issued
    let corpus: PDFCorpus
    let signer: PAdESSigner

    init() throws {
        pki = try TestPKI()
        ca = try pki.makeRootCA()
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, keyType: .rsa2048, by: ca)
        let identity = try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)
        signer = PAdESSigner(identity: identity)
        corpus = PDFCorpus(directory: pki.directory, caPath: ca.certificatePath)
    }

    func make(_ producer: Producer) throws -> String {
        let original = try corpus.reportlab("reportlab.pdf")
        switch producer {
        case .reportlabXrefTable: return original
        case .qpdfObjectStreams: return try corpus.qpdf(original, "objstm.pdf", ["--object-streams=generate"])
        case .qpdfLinearized: return try corpus.qpdf(original, "linearized.pdf", ["--linearize"])
        }
    }

    private func expectAcceptedByAllValidators(_ file: String, signatures: Int) throws {
        let check = try corpus.qpdfCheck(file)
        #expect(check.succeeded, "qpdf --check: \(check.output)")
        let pdfsig = try corpus.pdfsig(file)
        #expect(
            pdfsig.output.components(separatedBy: "Signature Validation: Signature is Valid.").count - 1
                == signatures, "pdfsig: \(pdfsig.output)")
        #expect(
            !pdfsig.output.contains("Certificate Validation: Certificate issuer isn't Trusted"),
            "pdfsig: \(pdfsig.output)")
        let pyhanko = try corpus.pyhanko(file)
        #expect(pyhanko.succeeded, "pyHanko: \(pyhanko.output)")
        #expect(
            pyhanko.output.components(separatedBy: "The signature is judged VALID").count - 1 == signatures,
            "pyHanko: \(pyhanko.output)")
    }

    @Test(arguments: Producer.allCases)
    func signedPDFKeepsOriginalAsPrefixAndPassesQpdfPdfsigAndPyHanko(producer: Producer) throws {
        let original = try make(producer)
        let signed = corpus.path("signed-\(producer.rawValue).pdf")

        let field = try signer.sign(
            pdfAt: original, to: signed, options: PAdESOptions(reason: "Phát hành văn bản", location: "Nghệ An"))

        #expect(field.name == "Signature1")
        let originalBytes = try Data(contentsOf: URL(fileURLWithPath: original))
        let signedBytes = try Data(contentsOf: URL(fileURLWithPath: signed))
        #expect(signedBytes.count > originalBytes.count)
        #expect(signedBytes.prefix(originalBytes.count) == originalBytes)
        try expectAcceptedByAllValidators(signed, signatures: 1)
    }

    @Test func signingAnAlreadySignedPDFKeepsTheFirstSignatureValid() throws {
        let original = try make(.qpdfObjectStreams)
        let once = corpus.path("once.pdf")
        let twice = corpus.path("twice.pdf")
        try signer.sign(pdfAt: original, to: once)

        let field = try signer.sign(pdfAt: once, to: twice, options: PAdESOptions(reason: "Ký lần hai"))

        #expect(field.name == "Signature2")
        let onceBytes = try Data(contentsOf: URL(fileURLWithPath: once))
        #expect(try Data(contentsOf: URL(fileURLWithPath: twice)).prefix(onceBytes.count) == onceBytes)
        try expectAcceptedByAllValidators(twice, signatures: 2)
        let reports = try PDFSignatureVerifier.verify(pdfAt: twice, trustedCertificatePaths: [ca.certificatePath])
        #expect(reports.map(\.fieldName) == ["Signature1", "Signature2"])
        let problems = reports.flatMap { $0.problems }
        #expect(reports.allSatisfy { $0.isValid }, "\(problems)")
        #expect(reports.map(\.modifiedAfterSigning) == [true, false])
        #expect(reports.map(\.laterRevisions) == [1, 0])
        #expect(reports[1].signedRevision == reports[0].signedRevision + 1)
    }

    @Test func signingTimeReasonAndLocationAreWrittenAndTheCMSHasNoSigningTimeAttribute() throws {
        let original = try make(.reportlabXrefTable)
        let signed = corpus.path("signed.pdf")
        let time = Date(timeIntervalSince1970: 1_795_000_000)
        try signer.sign(pdfAt: original, to: signed, options: PAdESOptions(reason: "Phát hành", signingTime: time))

        let reports = try PDFSignatureVerifier.verify(pdfAt: signed, trustedCertificatePaths: [ca.certificatePath])
        let report = try #require(reports.first)
        #expect(report.signingTime == time)
        #expect(report.subFilter == "ETSI.CAdES.detached")

        let document = try PDFDocument(path: signed)
        let signature = try #require(try PDFSignatureVerifier.signatureFields(document).first?.signature)
        #expect(signature["Reason"] == PDFObject.textString("Phát hành"))
        #expect(signature["M"] == PDFObject.textString("D:20261118180640+07'00'"))
        let der = try #require(signature["Contents"]?.stringBytes)
        let derPath = corpus.path("signature.der")
        try Data(der).write(to: URL(fileURLWithPath: derPath))
        let dump = try pki.openssl("cms", "-cmsout", "-print", "-inform", "DER", "-in", derPath)
        #expect(dump.contains("eContent: <ABSENT>"))
        for attribute in ["contentType", "messageDigest", "id-smime-aa-signingCertificateV2"] {
            #expect(dump.contains("object: \(attribute)"), "signed attribute \(attribute) missing")
        }
        #expect(!dump.contains("object: signingTime"))
    }

    /// The 32 MiB stream is never held in memory: the original is copied and hashed in 64 KiB blocks.
    @Test func thirtyTwoMegabytePDFIsSignedInBoundedMemory() throws {
        let size = 32 << 20
        let pdf = MinimalPDF.onePage(extraObjects: [
            "<< /Length \(size) >>\nstream\n" + String(repeating: "0", count: size) + "\nendstream"
        ])
        let original = corpus.path("large.pdf")
        try pdf.write(to: original)
        let signed = corpus.path("large-signed.pdf")

        let peakBefore = try PeakMemory.resetAndRead()
        try signer.sign(pdfAt: original, to: signed)
        let growth = try PeakMemory.read() - peakBefore
        print("signing a 32 MiB PDF grew peak resident memory by \(growth / 1024) KiB")

        #expect(growth < 16 << 20, "peak memory grew by \(growth) bytes while signing a 32 MiB PDF")
        let reports = try PDFSignatureVerifier.verify(pdfAt: signed, trustedCertificatePaths: [ca.certificatePath])
        #expect(reports.count == 1 && reports[0].isValid)
    }

    /// The usual Decree 30 order: a person signs first with other software (here pyHanko), then the agency.
    @Test func signatureMadeByPyHankoStaysValidAfterTheAgencySigns() throws {
        let person = try pki.issue(
            name: "person", subject: "/C=VN/O=\(TestPKI.vietnameseOrganisation)/CN=Nguyễn Văn A", by: ca,
            serial: "0x77")
        let original = try make(.reportlabXrefTable)
        let personSigned = corpus.path("person-signed.pdf")
        let sign = try ExternalTools.run(
            "pyhanko",
            [
                "sign", "addsig", "--field", "ChuKyCaNhan", "pemder", "--key", person.keyPath, "--cert",
                person.certificatePath, "--no-pass", original, personSigned,
            ],
            in: pki.directory)
        try #require(sign.succeeded, "pyHanko signing failed: \(sign.output)")
        let signed = corpus.path("agency-signed.pdf")

        try signer.sign(pdfAt: personSigned, to: signed)

        try expectAcceptedByAllValidators(signed, signatures: 2)
        let reports = try PDFSignatureVerifier.verify(pdfAt: signed, trustedCertificatePaths: [ca.certificatePath])
        #expect(reports.map(\.fieldName) == ["ChuKyCaNhan", "Signature1"])
        #expect(reports.map(\.subFilter) == ["adbe.pkcs7.detached", "ETSI.CAdES.detached"])
        let problems = reports.flatMap { $0.problems }
        #expect(reports.allSatisfy { $0.isValid }, "\(problems)")
        #expect(reports[0].signerSubject?.contains("Nguyễn Văn A") == true)
        #expect(reports[0].modifiedAfterSigning && !reports[1].modifiedAfterSigning)
    }
}
