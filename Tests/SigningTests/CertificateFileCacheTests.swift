import Foundation
import Testing

@testable import Signing

/// Trust anchors are parsed once per content of their file, and a file an admin replaces or breaks is still heard
/// at the next verification, as when every verification parsed it afresh.
@Suite struct CertificateFileCacheTests {
    let pki: TestPKI
    let ca: TestPKI.Issued

    init() throws {
        pki = try TestPKI()
        ca = try pki.makeRootCA()
    }

    @Test func theSameBytesGiveTheCertificatesParsedBefore() throws {
        let first = try X509Certificate.load(path: ca.certificatePath, role: .trustedCertificate)
        let second = try X509Certificate.load(path: ca.certificatePath, role: .trustedCertificate)
        #expect(first.count == 1)
        #expect(first.map(ObjectIdentifier.init) == second.map(ObjectIdentifier.init))
    }

    @Test func aTrustFileReplacedInPlaceIsHeardAtTheNextVerification() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let otherRoot = try pki.makeRootCA(name: "other", commonName: "Unrelated Root")
        let identity = try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)
        let document = try pki.write("a.txt", "content")
        let signature = try CMSSigner(identity: identity).detachedSignature(ofFileAt: document)
        let anchors = pki.path("anchors.pem")
        try Data(contentsOf: URL(fileURLWithPath: otherRoot.certificatePath)).write(to: URL(fileURLWithPath: anchors))

        let before = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: [anchors])
        #expect(!before.chainValid)

        try Data(contentsOf: URL(fileURLWithPath: ca.certificatePath)).write(to: URL(fileURLWithPath: anchors))
        let after = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: [anchors])
        #expect(after.chainValid, "\(after.chainProblem ?? "")")

        try Data("not a certificate\n".utf8).write(to: URL(fileURLWithPath: anchors))
        #expect(throws: SigningError.self) {
            try CMSVerifier.verifyDetached(
                signature: signature, contentPath: document, trustedCertificatePaths: [anchors])
        }
    }
}
