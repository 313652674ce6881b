import Foundation
import Testing

@testable import Signing

/// PAdES B-T and CAdES-T: RFC 3161 signature timestamps from a test TSA (`openssl ts -reply`), judged by qpdf,
/// pdfsig, pyHanko, `openssl cms -verify` and lienthong's own verification.
@Suite struct TimestampSigningTests {
    let pki: TestPKI
    let ca: TestPKI.Issued
    let tsa: TestPKI.Issued
    let identity: SigningIdentity
    let corpus: PDFCorpus

    init() throws {
        pki = try TestPKI()
        ca = try pki.makeRootCA()
        tsa = try pki.makeTSA(by: ca)
        let agency = try pki.issue(name: "agency", subject: TestPKI.agencySubject, keyType: .rsa2048, by: ca)
        identity = try SigningIdentity.load(privateKeyPath: agency.keyPath, certificatePath: agency.certificatePath)
        corpus = PDFCorpus(directory: pki.directory, caPath: ca.certificatePath)
    }

    func timestamper(_ behaviour: CommandLineTSA.Behaviour = .honest) throws -> Timestamper {
        try Timestamper(authority: CommandLineTSA(pki: pki, tsa: tsa, behaviour: behaviour))
    }

    /// The time as a freshly started child process reads it (`date +%s`).
    static func childProcessClock(in directory: URL) throws -> Date {
        let result = try ExternalTools.run("date", ["+%s"], in: directory)
        let seconds = try #require(TimeInterval(result.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        return Date(timeIntervalSince1970: seconds)
    }

    func size(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    }

    @Test func timestampedPDFPassesQpdfPdfsigAndPyHankoAndLienthongReportsTheTimeAndAuthority() throws {
        let original = try corpus.reportlab("original.pdf")
        let plain = corpus.path("b-b.pdf")
        let stamped = corpus.path("b-t.pdf")
        try PAdESSigner(identity: identity).sign(pdfAt: original, to: plain)
        let clock = ContinuousClock()
        let started = clock.now
        try PAdESSigner(identity: identity, timestamper: try timestamper()).sign(pdfAt: original, to: stamped)
        let elapsed = clock.now - started

        #expect(try corpus.qpdfCheck(stamped).succeeded)
        let pdfsig = try corpus.pdfsig(stamped)
        #expect(pdfsig.output.contains("Signature Validation: Signature is Valid."), "pdfsig: \(pdfsig.output)")
        let pyhanko = try corpus.pyhanko(stamped)
        #expect(pyhanko.succeeded, "pyHanko: \(pyhanko.output)")
        #expect(pyhanko.output.contains("The signature is judged VALID"), "pyHanko: \(pyhanko.output)")
        #expect(pyhanko.output.contains("Signature timestamp token: "), "pyHanko: \(pyhanko.output)")
        #expect(pyhanko.output.contains("The timestamp token is cryptographically sound."), "\(pyhanko.output)")
        #expect(pyhanko.output.contains("The TSA certificate is trusted."), "pyHanko: \(pyhanko.output)")

        let report = try #require(
            try PDFSignatureVerifier.verify(pdfAt: stamped, trustedCertificatePaths: [ca.certificatePath]).first)
        #expect(report.isValid, "\(report.problems)")
        let timestamp = try #require(report.timestamp)
        #expect(timestamp.isValid, "\(timestamp.problems)")
        // The authority's clock is a child process's (`openssl ts`), and so is the reference: under libfaketime
        // each process's clock starts at the faked time when that process starts, so this test process's clock has
        // run ahead of any child's by as long as the suite has been running.
        #expect(
            abs(try #require(timestamp.time).timeIntervalSince(try Self.childProcessClock(in: pki.directory))) < 120)
        #expect(timestamp.authority == "CN=Test Timestamp Authority, O=Test TSA, C=VN")
        let plainReport = try #require(
            try PDFSignatureVerifier.verify(pdfAt: plain, trustedCertificatePaths: [ca.certificatePath]).first)
        #expect(plainReport.timestamp == nil)
        print(
            "PAdES B-T: +\(try size(stamped) - size(plain)) bytes over B-B (reservation "
                + "+\(2 * Timestamper.reservation) hex characters), signed in \(elapsed) with the openssl ts TSA")
    }

    @Test func timestampedP7sPassesOpenSSLAndReportsTheTimestamp() throws {
        let document = try pki.write("document.docx", "Công văn số 123/UBND-VP")
        let signature = try CMSSigner(identity: identity, timestamper: try timestamper())
            .detachedSignature(ofFileAt: document)
        let plain = try CMSSigner(identity: identity).detachedSignature(ofFileAt: document)

        #expect(try pki.opensslVerifies(signature: signature, content: document, caFile: ca.certificatePath))
        let report = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: [ca.certificatePath])
        #expect(report.chainValid, "\(report.chainProblem ?? "")")
        let timestamp = try #require(report.timestamp)
        #expect(timestamp.isValid, "\(timestamp.problems)")
        #expect(timestamp.authority?.contains("Test Timestamp Authority") == true)
        print("CAdES-T .p7s: \(signature.count) bytes, \(signature.count - plain.count) more than without timestamp")
    }

    @Test func authorityThatStampsAnotherImprintIsRejectedAndNoFileIsWritten() throws {
        let original = try corpus.reportlab("original.pdf")
        let output = corpus.path("never.pdf")

        #expect {
            try PAdESSigner(identity: identity, timestamper: try timestamper(.stampsAnotherImprint))
                .sign(pdfAt: original, to: output)
        } throws: { error in
            guard case .signing(.timestampRejected(_, let detail)) = error as? PAdESError else { return false }
            return detail.contains("imprint does not match")
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func authorityThatIsDownGivesATransientErrorAndNoFile() throws {
        let original = try corpus.reportlab("original.pdf")
        let output = corpus.path("never.pdf")
        let document = try pki.write("document.txt", "nội dung")

        #expect {
            try PAdESSigner(identity: identity, timestamper: try timestamper(.down)).sign(pdfAt: original, to: output)
        } throws: { error in
            guard case .signing(.timestampUnavailable(_, let detail)) = error as? PAdESError else { return false }
            return detail.contains("connection refused")
        }
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(throws: SigningError.self) {
            try CMSSigner(identity: identity, timestamper: try timestamper(.down)).detachedSignature(ofFileAt: document)
        }
    }

    @Test func authorityThatRefusesIsReportedWithItsStatus() throws {
        let document = try pki.write("document.txt", "nội dung")

        #expect {
            try CMSSigner(identity: identity, timestamper: try timestamper(.refuses))
                .detachedSignature(ofFileAt: document)
        } throws: { error in
            guard case .timestampRejected(_, let detail) = error as? SigningError else { return false }
            return detail.contains("refused") && detail.contains("Rejected")
        }
    }

    /// The token's `genTime` is changed to another valid time (the tens of its seconds), so the date on which the
    /// test runs cannot turn the alteration into an unreadable time.
    @Test func tamperedTokenInAPDFIsReportedWhileTheDocumentStaysIntact() throws {
        let stamped = try timestampedPDF()
        try GeneralizedTimeInHex.alter(inFileAt: stamped) { time in
            time[12] = UInt8(ascii: "0") + (time[12] - UInt8(ascii: "0") + 1) % 6
        }

        let (report, timestamp) = try brokenTimestampReport(of: stamped)
        #expect(timestamp.problems.contains { $0.contains("altered") }, "\(timestamp.problems)")
        #expect(report.problems.contains { $0.hasPrefix("the signature timestamp is not valid") }, "\(report.problems)")
    }

    /// What a date-dependent version of the test above once produced by accident: a token whose `genTime` is no
    /// date (day 00) is still reported, as not valid, and the document's own integrity stays intact.
    @Test func tokenWithAnUnreadableTimeIsReportedAsNotValid() throws {
        let stamped = try timestampedPDF()
        try GeneralizedTimeInHex.alter(inFileAt: stamped) { time in
            time[6] = UInt8(ascii: "0")
            time[7] = UInt8(ascii: "0")
        }

        let (_, timestamp) = try brokenTimestampReport(of: stamped)
        #expect(timestamp.problems.contains { $0.contains("no readable time") }, "\(timestamp.problems)")
    }

    /// The report of a PDF whose signature is intact but whose timestamp token is not: neither counts as valid.
    private func brokenTimestampReport(of path: String) throws -> (PDFSignatureReport, TimestampReport) {
        let report = try #require(
            try PDFSignatureVerifier.verify(pdfAt: path, trustedCertificatePaths: [ca.certificatePath]).first)
        #expect(report.integrityValid)
        #expect(!report.isValid)
        let timestamp = try #require(report.timestamp)
        #expect(!timestamp.isValid)
        return (report, timestamp)
    }

    private func timestampedPDF() throws -> String {
        let original = try corpus.reportlab("original.pdf")
        let stamped = corpus.path("b-t.pdf")
        try PAdESSigner(identity: identity, timestamper: try timestamper()).sign(pdfAt: original, to: stamped)
        return stamped
    }

    @Test func tokenOfAnotherSignatureIsReportedAsAWrongImprint() throws {
        let document = try pki.write("document.txt", "nội dung")
        let plain = try CMSSigner(identity: identity).detachedSignature(ofFileAt: document)
        let foreign = try timestamper().token(forSignatureValue: Array("another signature value".utf8))
        let signature = try CMSSignedDataBuilder.addingTimestampToken(foreign, to: plain)

        let report = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: [ca.certificatePath])

        #expect(!report.chainValid)
        let timestamp = try #require(report.timestamp)
        #expect(timestamp.problems.contains { $0.contains("imprint does not match") }, "\(timestamp.problems)")
        #expect(report.chainProblem?.contains("imprint does not match") == true)
    }

    @Test func authorityNotTrustedByTheVerifierIsReported() throws {
        let otherRoot = try pki.makeRootCA(name: "other", commonName: "Unrelated TSA Root")
        let foreignTSA = try pki.makeTSA(name: "foreign-tsa", commonName: "Foreign TSA", by: otherRoot)
        let document = try pki.write("document.txt", "nội dung")
        let signature = try CMSSigner(
            identity: identity,
            timestamper: try Timestamper(authority: CommandLineTSA(pki: pki, tsa: foreignTSA))
        ).detachedSignature(ofFileAt: document)

        let report = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: [ca.certificatePath])

        #expect(!report.chainValid)
        let timestamp = try #require(report.timestamp)
        #expect(!timestamp.isValid)
        #expect(timestamp.problems.contains { $0.contains("not trusted") }, "\(timestamp.problems)")
    }

    @Test func signerRefusesAuthorityOutsideItsConfiguredRoots() throws {
        let otherRoot = try pki.makeRootCA(name: "other", commonName: "Unrelated TSA Root")
        let foreignTSA = try pki.makeTSA(name: "foreign-tsa", commonName: "Foreign TSA", by: otherRoot)
        let document = try pki.write("document.txt", "nội dung")
        let strict = try Timestamper(
            authority: CommandLineTSA(pki: pki, tsa: foreignTSA), trustedCertificatePaths: [ca.certificatePath])

        #expect {
            try CMSSigner(identity: identity, timestamper: strict).detachedSignature(ofFileAt: document)
        } throws: { error in
            guard case .timestampRejected(_, let detail) = error as? SigningError else { return false }
            return detail.contains("not trusted")
        }
    }

    @Test func certificateThatExpiredAfterTheTimestampStillVerifiesWithANote() throws {
        let now = Date()
        let expiring = try pki.issue(
            name: "expiring", subject: "/C=VN/O=Test/CN=Expiring Agency", by: ca,
            notBefore: now.addingTimeInterval(-86_400), notAfter: now.addingTimeInterval(3_600))
        let key = try SigningIdentity.load(privateKeyPath: expiring.keyPath, certificatePath: expiring.certificatePath)
        let document = try pki.write("document.txt", "nội dung")
        let signature = try CMSSigner(identity: key, timestamper: try timestamper()).detachedSignature(
            ofFileAt: document)
        let untimestamped = try CMSSigner(identity: key).detachedSignature(ofFileAt: document)
        let later = now.addingTimeInterval(2 * 3_600)

        let report = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: [ca.certificatePath], now: later)
        let claimedOnly = try CMSVerifier.verifyDetached(
            signature: untimestamped, contentPath: document, trustedCertificatePaths: [ca.certificatePath],
            now: later)

        #expect(report.chainValid, "\(report.chainProblem ?? "")")
        #expect(report.notes.contains { $0.contains("after the timestamped signing time") }, "\(report.notes)")
        #expect(!claimedOnly.chainValid)
        #expect(claimedOnly.chainProblem?.contains("no valid timestamp") == true, "\(claimedOnly.chainProblem ?? "")")
    }

    /// A signer whose clock is behind claims a time before its certificate existed; the certificate is valid now,
    /// so the signature counts, with a note.
    @Test func aClaimedTimeOutsideTheCertificateIsANoteWhenTheCertificateIsValidNow() throws {
        let now = Date()
        let fresh = try pki.issue(
            name: "fresh", subject: "/C=VN/O=Test/CN=Fresh Agency", by: ca,
            notBefore: now.addingTimeInterval(-3_600), notAfter: now.addingTimeInterval(86_400))
        let key = try SigningIdentity.load(privateKeyPath: fresh.keyPath, certificatePath: fresh.certificatePath)
        let document = try pki.write("document.txt", "nội dung")
        let signature = try CMSSignedDataBuilder.signature(
            digest: try CMSSigner.sha256(ofFileAt: document), key: key,
            signingTime: now.addingTimeInterval(-2 * 86_400), timestamper: nil, now: now)

        let report = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: [ca.certificatePath])

        #expect(report.chainValid, "\(report.chainProblem ?? "")")
        #expect(report.notes.contains { $0.contains("clock may be wrong") }, "\(report.notes)")
    }

    @Test func timestampedPDFOutlivesItsCertificateWhileAnUntimestampedOneDoesNot() throws {
        let now = Date()
        let expiring = try pki.issue(
            name: "expiring", subject: "/C=VN/O=Test/CN=Expiring Agency", by: ca,
            notBefore: now.addingTimeInterval(-86_400), notAfter: now.addingTimeInterval(3_600))
        let key = try SigningIdentity.load(privateKeyPath: expiring.keyPath, certificatePath: expiring.certificatePath)
        let original = try corpus.reportlab("original.pdf")
        let stamped = corpus.path("b-t.pdf")
        let plain = corpus.path("b-b.pdf")
        try PAdESSigner(identity: key, timestamper: try timestamper()).sign(pdfAt: original, to: stamped)
        try PAdESSigner(identity: key).sign(pdfAt: original, to: plain)
        let later = now.addingTimeInterval(2 * 3_600)

        let stampedReport = try #require(
            try PDFSignatureVerifier.verify(pdfAt: stamped, trustedCertificatePaths: [ca.certificatePath], now: later)
                .first)
        let plainReport = try #require(
            try PDFSignatureVerifier.verify(pdfAt: plain, trustedCertificatePaths: [ca.certificatePath], now: later)
                .first)

        #expect(stampedReport.isValid, "\(stampedReport.problems)")
        #expect(stampedReport.notes.contains { $0.contains("after the timestamped signing time") })
        // Without a timestamp the claimed time proves nothing: anyone holding the expired key could backdate it.
        #expect(plainReport.timestamp == nil)
        #expect(!plainReport.isValid)
        #expect(plainReport.problems.contains { $0.contains("no valid timestamp") }, "\(plainReport.problems)")
    }

    @Test func certificateExpiredBeforeTheTimestampIsInvalidWithThatReason() throws {
        let now = Date()
        let expired = try pki.issue(
            name: "expired", subject: "/C=VN/O=Test/CN=Expired Agency", by: ca,
            notBefore: now.addingTimeInterval(-10 * 86_400), notAfter: now.addingTimeInterval(-86_400))
        let back = now.addingTimeInterval(-5 * 86_400)
        // A signer whose clock is five days behind: the certificate looks valid to it, the TSA's clock disagrees.
        let key = try SigningIdentity.load(
            privateKeyPath: expired.keyPath, certificatePath: expired.certificatePath, chainPath: nil,
            passwordFile: nil, now: back)
        let document = try pki.write("document.txt", "nội dung")
        let signature = try CMSSignedDataBuilder.signature(
            digest: try CMSSigner.sha256(ofFileAt: document), key: key, signingTime: back,
            timestamper: try timestamper(), now: back)
        let report = try CMSVerifier.verifyDetached(
            signature: signature, contentPath: document, trustedCertificatePaths: [ca.certificatePath])

        #expect(report.timestamp?.isValid == true)
        #expect(!report.chainValid)
        let problem = try #require(report.chainProblem)
        #expect(problem.contains("certificate has expired at the signing time"), "\(problem)")
        #expect(problem.contains("(the timestamp)"), "\(problem)")
    }
}
