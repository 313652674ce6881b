import Foundation
import Testing

@testable import Signing

@Suite struct CMSSignerTests {
    let pki: TestPKI
    let ca: TestPKI.Issued

    init() throws {
        pki = try TestPKI()
        ca = try pki.makeRootCA()
    }

    private func signer(_ keyType: TestPKI.KeyType) throws -> (CMSSigner, TestPKI.Issued) {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, keyType: keyType, by: ca)
        let identity = try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)
        return (CMSSigner(identity: identity), agency)
    }

    @Test(arguments: [TestPKI.KeyType.rsa2048, .ecP256])
    func smallFileSignatureVerifiesWithOpenSSLAndCMSVerifier(keyType: TestPKI.KeyType) throws {
        let (signer, _) = try signer(keyType)
        let document = try pki.write("Công văn 123.docx", "Nội dung công văn số 123/UBND-VP\r\nkhông đổi\n")

        let signature = try signer.detachedSignature(ofFileAt: document)

        #expect(try pki.opensslVerifies(signature: signature, content: document, caFile: ca.certificatePath))
        let report = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: [ca.certificatePath]
        )
        #expect(report.signerSubject == "CN=Văn phòng UBND tỉnh Nghệ An, O=UBND tỉnh Nghệ An, C=VN")
        #expect(report.signerSerialHex == (signer.key as? SigningIdentity)?.serialNumberHex)
        #expect(report.chainValid)
        #expect(report.chainProblem == nil)
        let signingTime = try #require(report.signingTime)
        #expect(abs(signingTime.timeIntervalSinceNow) < 120)
    }

    @Test func tamperingOneByteMakesBothVerifiersFail() throws {
        let (signer, _) = try signer(.rsa2048)
        let document = try pki.write("report.xlsx", String(repeating: "dữ liệu bảng tính ", count: 200))
        let signature = try signer.detachedSignature(ofFileAt: document)
        try pki.tamper(document, at: 1000)

        #expect(try !pki.opensslVerifies(signature: signature, content: document, caFile: ca.certificatePath))
        let error = #expect(throws: SigningError.self) {
            try CMSVerifier.verifyDetached(
                signature: signature, contentPath: document, trustedCertificatePaths: [ca.certificatePath]
            )
        }
        guard case .signatureMismatch(document, _) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
    }

    /// Also proves the whole file is digested: the tampered byte is the very last one.
    @Test func twentyMegabyteFileSignsInBoundedMemoryAndLastByteTamperingIsDetected() throws {
        let (signer, _) = try signer(.ecP256)
        let document = try pki.writeLargeFile("scan.tif", size: 20 << 20)

        let peakBefore = try PeakMemory.resetAndRead()
        let start = ContinuousClock.now
        let signature = try signer.detachedSignature(ofFileAt: document)
        let elapsed = ContinuousClock.now - start
        let growth = try PeakMemory.read() - peakBefore
        print("signing 20 MiB took \(elapsed); peak resident memory grew by \(growth / 1024) KiB")
        #expect(growth < 8 << 20, "peak memory grew by \(growth) bytes while signing a 20 MiB file")

        #expect(try pki.opensslVerifies(signature: signature, content: document, caFile: ca.certificatePath))
        let report = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: [ca.certificatePath]
        )
        #expect(report.chainValid)

        try pki.tamper(document, at: -1)
        #expect(try !pki.opensslVerifies(signature: signature, content: document, caFile: ca.certificatePath))
        #expect(throws: SigningError.self) {
            try CMSVerifier.verifyDetached(
                signature: signature, contentPath: document, trustedCertificatePaths: [ca.certificatePath]
            )
        }
    }

    @Test func signatureIsDetachedSHA256WithSignedAttributesAndCertificates() throws {
        let (signer, agency) = try signer(.rsa2048)
        let document = try pki.write("memo.txt", "line one\nline two\n")
        let signature = try signer.detachedSignature(ofFileAt: document)
        let signaturePath = pki.path("memo.txt.p7s")
        try Data(signature).write(to: URL(fileURLWithPath: signaturePath))

        let dump = try pki.openssl("cms", "-cmsout", "-print", "-inform", "DER", "-in", signaturePath)

        #expect(dump.contains("eContent: <ABSENT>"))
        #expect(dump.contains("algorithm: sha256"))
        for attribute in ["contentType", "signingTime", "messageDigest", "id-smime-aa-signingCertificateV2"] {
            #expect(dump.contains("object: \(attribute)"), "signed attribute \(attribute) missing")
        }
        #expect(!dump.contains("SMIMECapabilities"))

        let certificates = try pki.openssl("pkcs7", "-inform", "DER", "-in", signaturePath, "-print_certs")
        let agencyPEM = try String(contentsOfFile: agency.certificatePath, encoding: .utf8)
        #expect(certificates.contains(agencyPEM))
    }

    @Test func binaryContentIsSignedByteForByteWithoutLineEndingCanonicalisation() throws {
        let (signer, _) = try signer(.rsa2048)
        let document = try pki.write("mixed.txt", "a\nb\r\nc\rd\n")
        let signature = try signer.detachedSignature(ofFileAt: document)
        let unixOnly = try pki.write("unix.txt", "a\r\nb\r\nc\rd\r\n")

        #expect(try pki.opensslVerifies(signature: signature, content: document, caFile: ca.certificatePath))
        #expect(try !pki.opensslVerifies(signature: signature, content: unixOnly, caFile: ca.certificatePath))
    }

    @Test func intermediateChainIsIncludedSoTheRootAloneVerifies() throws {
        let intermediate = try pki.issue(
            name: "intermediate", subject: "/CN=Test Intermediate CA", by: ca, serial: "0x02", extensions: "ca"
        )
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: intermediate)
        let document = try pki.write("decision.odt", "Quyết định")

        let withChain = try SigningIdentity.load(
            privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath,
            chainPath: intermediate.certificatePath
        )
        let signature = try CMSSigner(identity: withChain).detachedSignature(ofFileAt: document)
        #expect(try pki.opensslVerifies(signature: signature, content: document, caFile: ca.certificatePath))
        let report = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: [ca.certificatePath]
        )
        #expect(report.chainValid)

        let withoutChain = try SigningIdentity.load(
            privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath
        )
        let bare = try CMSSigner(identity: withoutChain).detachedSignature(ofFileAt: document)
        #expect(try !pki.opensslVerifies(signature: bare, content: document, caFile: ca.certificatePath))
        let bareReport = try CMSVerifier.verifyDetached(
            signature: bare, contentPath: document, trustedCertificatePaths: [ca.certificatePath]
        )
        #expect(!bareReport.chainValid)
        // No timestamp: the chain is checked now, the only time that is not the signer's own claim.
        #expect(bareReport.chainProblem?.hasPrefix("unable to get local issuer certificate now;") == true)
    }

    @Test func pkcs12IdentitySignsVerifiably() throws {
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, by: ca)
        let bundle = pki.path("agency.p12")
        try pki.openssl(
            "pkcs12", "-export", "-inkey", agency.keyPath, "-in", agency.certificatePath,
            "-out", bundle, "-passout", "pass:x")
        try pki.setMode(0o600, bundle)
        let identity = try SigningIdentity.load(
            privateKeyPath: bundle, certificatePath: "", passwordFile: try pki.write("password", "x")
        )
        let document = try pki.write("file.pdf.bin", "%PDF-1.7 not really")
        let signature = try CMSSigner(identity: identity).detachedSignature(ofFileAt: document)
        #expect(try pki.opensslVerifies(signature: signature, content: document, caFile: ca.certificatePath))
    }

    @Test func missingDocumentIsReportedAsMissingContent() throws {
        let (signer, _) = try signer(.ecP256)
        let missing = pki.path("gone.docx")
        let error = #expect(throws: SigningError.self) { try signer.detachedSignature(ofFileAt: missing) }
        guard case .fileMissing(missing, .content) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
    }

    @Test func concurrentSignaturesWithOneIdentityAllVerify() async throws {
        let (signer, _) = try signer(.ecP256)
        let documents = try (0..<8).map { try pki.write("doc-\($0).txt", "document \($0)") }
        let signatures = try await withThrowingTaskGroup(of: (String, [UInt8]).self) { group in
            for document in documents {
                group.addTask { (document, try signer.detachedSignature(ofFileAt: document)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(signatures.count == documents.count)
        for (document, signature) in signatures {
            let report = try CMSVerifier.verifyDetached(
                signature: signature, contentPath: document, trustedCertificatePaths: [ca.certificatePath]
            )
            #expect(report.chainValid)
        }
    }
}
