import Foundation
import Testing

@testable import Signing

/// Signing through the ``SigningKey`` protocol with a key that never enters the signer: a stand-in for a PKCS#11
/// token or a remote signing service.
@Suite struct SigningKeyTests {
    let pki: TestPKI
    let ca: TestPKI.Issued
    let corpus: PDFCorpus

    init() throws {
        pki = try TestPKI()
        ca = try pki.makeRootCA()
        corpus = PDFCorpus(directory: pki.directory, caPath: ca.certificatePath)
    }

    func remote(_ keyType: TestPKI.KeyType) throws -> (RemoteKey, RemoteSigningService, SigningIdentity) {
        let agency = try pki.issue(
            name: "agency-\(keyType)", subject: TestPKI.agencySubject, keyType: keyType, by: ca)
        let identity = try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)
        let service = RemoteSigningService(identity: identity)
        return (try RemoteKey(certificatePEM: agency.certificatePath, service: service), service, identity)
    }

    @Test(arguments: [TestPKI.KeyType.rsa2048, .ecP256])
    func remoteKeySignsPDFThatPassesPdfsigPyHankoAndMatchesAKeyFileSignature(keyType: TestPKI.KeyType) throws {
        let (key, service, identity) = try remote(keyType)
        let original = try corpus.reportlab("original.pdf")
        let remoteSigned = corpus.path("remote.pdf")
        let localSigned = corpus.path("local.pdf")

        try PAdESSigner(key: key).sign(pdfAt: original, to: remoteSigned)
        try PAdESSigner(identity: identity).sign(pdfAt: original, to: localSigned)

        #expect(service.requestCount == 1)
        #expect(try corpus.qpdfCheck(remoteSigned).succeeded)
        let pdfsig = try corpus.pdfsig(remoteSigned)
        #expect(pdfsig.output.contains("Signature Validation: Signature is Valid."), "pdfsig: \(pdfsig.output)")
        let pyhanko = try corpus.pyhanko(remoteSigned)
        #expect(pyhanko.output.contains("The signature is judged VALID"), "pyHanko: \(pyhanko.output)")
        let remoteReport = try #require(
            try PDFSignatureVerifier.verify(pdfAt: remoteSigned, trustedCertificatePaths: [ca.certificatePath]).first)
        let localReport = try #require(
            try PDFSignatureVerifier.verify(pdfAt: localSigned, trustedCertificatePaths: [ca.certificatePath]).first)
        #expect(remoteReport.isValid, "\(remoteReport.problems)")
        #expect(remoteReport.isValid == localReport.isValid)
        #expect(remoteReport.signerSubject == localReport.signerSubject)
        #expect(remoteReport.signerSerialHex == localReport.signerSerialHex)
    }

    @Test func remoteKeySignsP7sThatOpenSSLVerifies() throws {
        let (key, service, _) = try remote(.ecP256)
        let document = try pki.write("document.docx", "Công văn số 123/UBND-VP")

        let signature = try CMSSigner(key: key).detachedSignature(ofFileAt: document)

        #expect(service.requestCount == 1)
        #expect(try pki.opensslVerifies(signature: signature, content: document, caFile: ca.certificatePath))
        let report = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: [ca.certificatePath])
        #expect(report.chainValid, "\(report.chainProblem ?? "")")
        #expect(report.signingTime.map { abs($0.timeIntervalSinceNow) < 120 } == true)
    }

    @Test func serviceSigningWithTheWrongKeyIsRefusedAndNoFileIsWritten() throws {
        let (_, _, otherIdentity) = try remote(.ecP256)
        let agency = try pki.issue(name: "claimed", subject: TestPKI.agencySubject, by: ca, serial: "0x77")
        let mismatched = try RemoteKey(
            certificatePEM: agency.certificatePath, service: RemoteSigningService(identity: otherIdentity))
        let original = try corpus.reportlab("original.pdf")
        let output = corpus.path("never.pdf")

        #expect {
            try PAdESSigner(key: mismatched).sign(pdfAt: original, to: output)
        } throws: { error in
            guard case .signing(.keyUnavailable(let detail)) = error as? PAdESError else { return false }
            return detail.contains("does not verify with the certificate")
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
