import Foundation
import Testing

@testable import Signing

@Suite struct CMSVerifierTests {
    let pki: TestPKI
    let ca: TestPKI.Issued

    init() throws {
        pki = try TestPKI()
        ca = try pki.makeRootCA()
    }

    @Test func signatureFromAnotherAuthorityVerifiesButIsReportedUntrusted() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let otherRoot = try pki.makeRootCA(name: "other", commonName: "Unrelated Root")
        let identity = try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)
        let document = try pki.write("a.txt", "content")
        let signature = try CMSSigner(identity: identity).detachedSignature(ofFileAt: document)

        let report = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: [otherRoot.certificatePath]
        )
        #expect(!report.chainValid)
        #expect(report.chainProblem != nil)
        #expect(report.signerSerialHex == identity.serialNumberHex)

        let untrusted = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: []
        )
        #expect(!untrusted.chainValid)
    }

    /// An admin may trust a partner agency's own certificate instead of its CA: it is an anchor where it sits. A
    /// different certificate of the same CA is not.
    @Test func aTrustedSignerCertificateIsAnAnchorWithoutItsRoot() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let sibling = try pki.issue(name: "sibling", subject: "/C=VN/O=Other/CN=Other agency", by: ca, serial: "0x77")
        let identity = try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)
        let document = try pki.write("a.txt", "content")
        let signature = try CMSSigner(identity: identity).detachedSignature(ofFileAt: document)

        let trustingSigner = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: [agency.certificatePath])
        #expect(trustingSigner.chainValid, "\(trustingSigner.chainProblem ?? "")")
        let trustingSibling = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: [sibling.certificatePath])
        #expect(!trustingSibling.chainValid)
    }

    @Test func signatureOfAnotherFileIsAMismatch() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let identity = try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)
        let signed = try pki.write("a.txt", "first document")
        let other = try pki.write("b.txt", "second document")
        let signature = try CMSSigner(identity: identity).detachedSignature(ofFileAt: signed)

        #expect(throws: SigningError.self) {
            try CMSVerifier.verifyDetached(
                signature: signature, contentPath: other, trustedCertificatePaths: [ca.certificatePath]
            )
        }
    }

    @Test func bytesThatAreNotCMSAreAMalformedSignature() throws {
        let document = try pki.write("a.txt", "content")
        let error = #expect(throws: SigningError.self) {
            try CMSVerifier.verifyDetached(
                signature: Array("-----BEGIN PKCS7-----".utf8), contentPath: document,
                trustedCertificatePaths: [ca.certificatePath]
            )
        }
        guard case .malformedSignature = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
    }

    @Test func signatureWithEmbeddedContentIsRefusedAsNotDetached() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let document = try pki.write("a.txt", "content")
        let attached = pki.path("attached.p7m")
        try pki.openssl(
            "cms", "-sign", "-binary", "-nodetach", "-outform", "DER", "-in", document,
            "-signer", agency.certificatePath, "-inkey", agency.keyPath, "-out", attached)
        let signature = [UInt8](try Data(contentsOf: URL(fileURLWithPath: attached)))

        let error = #expect(throws: SigningError.self) {
            try CMSVerifier.verifyDetached(
                signature: signature, contentPath: document, trustedCertificatePaths: [ca.certificatePath]
            )
        }
        guard case .malformedSignature = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
    }

    @Test func signatureMadeByOpenSSLCommandLineVerifies() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, keyType: .ecP256, by: ca)
        let document = try pki.write("a.txt", "content from another signing tool")
        let detached = pki.path("a.txt.p7s")
        try pki.openssl(
            "cms", "-sign", "-binary", "-outform", "DER", "-in", document, "-md", "sha256",
            "-signer", agency.certificatePath, "-inkey", agency.keyPath, "-out", detached)
        let signature = [UInt8](try Data(contentsOf: URL(fileURLWithPath: detached)))

        let report = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: [ca.certificatePath]
        )
        #expect(report.chainValid)
        #expect(report.signerSubject == "CN=Văn phòng UBND tỉnh Nghệ An, O=UBND tỉnh Nghệ An, C=VN")
        #expect(report.signingTime != nil)
    }
}
