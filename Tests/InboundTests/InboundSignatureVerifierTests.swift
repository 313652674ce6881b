import Foundation
import Testing

@testable import Inbound

/// The verifier on real signatures made by the Signing module, then altered the way an attacker or a broken
/// transfer would.
@Suite struct InboundSignatureVerifierTests {
    static let docx = [0x50, 0x4b, 0x03, 0x04] + Array("biên bản họp".utf8)

    @Test func aTrustedSignersPDFAndP7sAreValidWithNameOrganisationSerialAndTime() throws {
        let fixtures = try SignedFixtures()
        defer { fixtures.remove() }
        let folder = try fixtures.folder("doc")
        try fixtures.writeSignedPDF("cong-van.pdf", in: folder)
        try fixtures.writeSignedFile(Self.docx, "bien-ban.docx", in: folder)

        let found = try InboundSignatureVerifier(trustedRoots: [fixtures.certificate])
            .check(folder: folder, files: ["cong-van.pdf", "bien-ban.docx", "bien-ban.docx.p7s"])
        #expect(found.signable == ["cong-van.pdf", "bien-ban.docx"])
        #expect(found.unsigned.isEmpty)
        #expect(found.verdict == .allValid)
        #expect(found.checks.map(\.kind) == [.pdf, .detached])
        for check in found.checks {
            #expect(check.outcome == .valid, "\(check)")
            #expect(check.signerName == SignedFixtures.commonName)
            #expect(check.organization == SignedFixtures.organisation)
            #expect(check.serial == "5403a1f0c2")
            #expect(check.signingTime?.hasSuffix("+07:00") == true)
            #expect(!check.changedAfterSigning)
        }
        #expect(found.checks[1].signatureFile == "bien-ban.docx.p7s")
    }

    @Test func withoutTheSignersRootTheSameSignaturesAreUntrusted() throws {
        let fixtures = try SignedFixtures()
        defer { fixtures.remove() }
        let folder = try fixtures.folder("doc")
        try fixtures.writeSignedPDF("a.pdf", in: folder)
        try fixtures.writeSignedFile(Self.docx, "b.docx", in: folder)
        let found = try InboundSignatureVerifier(trustedRoots: []).check(
            folder: folder, files: ["a.pdf", "b.docx", "b.docx.p7s"])
        #expect(found.checks.map(\.outcome) == [.untrusted, .untrusted])
        #expect(found.checks.allSatisfy { $0.problems.contains { $0.contains("certificate chain") } })
        #expect(found.verdict == .noneValid)
    }

    @Test func aByteChangedInsideTheSignedPDFBreaksIntegrity() throws {
        let fixtures = try SignedFixtures()
        defer { fixtures.remove() }
        let folder = try fixtures.folder("doc")
        try fixtures.writeSignedPDF("a.pdf", in: folder)
        var bytes = try fixtures.read("a.pdf", in: folder)
        let text = try #require(bytes.indices.first { Array(bytes[$0..<$0 + 7]) == Array("inbound".utf8) })
        bytes[text] = UInt8(ascii: "I")
        try fixtures.write(bytes, "a.pdf", in: folder)
        let found = try InboundSignatureVerifier(trustedRoots: [fixtures.certificate]).check(
            folder: folder, files: ["a.pdf"])
        #expect(found.checks.map(\.outcome) == [.integrityBroken])
        #expect(found.verdict == .tampered)
    }

    @Test func aDOCXChangedAfterItsP7sWasMadeBreaksIntegrityAndTheMessageNamesTheFileNotThePath() throws {
        let fixtures = try SignedFixtures()
        defer { fixtures.remove() }
        let folder = try fixtures.folder("doc")
        try fixtures.writeSignedFile(Self.docx, "b.docx", in: folder)
        try fixtures.write(Self.docx + [0x20], "b.docx", in: folder)
        let found = try InboundSignatureVerifier(trustedRoots: [fixtures.certificate]).check(
            folder: folder, files: ["b.docx", "b.docx.p7s"])
        let check = try #require(found.checks.first)
        #expect(check.outcome == .integrityBroken)
        #expect(check.problems.allSatisfy { !$0.contains(folder) }, "\(check.problems)")
        #expect(found.verdict == .tampered)
    }

    @Test func bytesAppendedWithoutANewRevisionChangeNothingShownAndTheSignatureStaysValid() throws {
        let fixtures = try SignedFixtures()
        defer { fixtures.remove() }
        let folder = try fixtures.folder("doc")
        try fixtures.writeSignedPDF("a.pdf", in: folder)
        let bytes = try fixtures.read("a.pdf", in: folder)
        // No new cross-reference section: readers still show the signed revision (pyHanko agrees: no modification).
        let text = String(decoding: bytes, as: UTF8.self)
        let marker = try #require(text.range(of: "startxref\n", options: .backwards))
        let offset = text[marker.upperBound...].prefix { $0.isNumber }
        try fixtures.write(bytes + Array("% later edit\nstartxref\n\(offset)\n%%EOF\n".utf8), "a.pdf", in: folder)
        let found = try InboundSignatureVerifier(trustedRoots: [fixtures.certificate]).check(
            folder: folder, files: ["a.pdf"])
        let check = try #require(found.checks.first)
        #expect(check.outcome == .valid)
        #expect(!check.changedAfterSigning)
        #expect(check.laterChanges?.status == SignatureCheck.LaterChanges.Status.none)
        #expect(found.verdict == .allValid)
    }

    @Test func aPageChangedByAnUnsignedRevisionBreaksTheSignatureEvenWhenAnotherSignatureCoversTheFile() throws {
        let fixtures = try SignedFixtures()
        defer { fixtures.remove() }
        let folder = try fixtures.folder("doc")
        try fixtures.writeSignedPDF("a.pdf", in: folder)
        try fixtures.appendPageContentRevision("a.pdf", in: folder)
        try fixtures.signAgain("a.pdf", in: folder)

        let found = try InboundSignatureVerifier(trustedRoots: [fixtures.certificate]).check(
            folder: folder, files: ["a.pdf"])

        #expect(found.checks.map(\.outcome) == [.modifiedAfterSigning, .valid])
        let leader = try #require(found.checks.first)
        #expect(leader.changedAfterSigning)
        #expect(leader.laterChanges?.status == .notPermitted)
        #expect(leader.laterChanges?.reasonEnglish == "the content of page 1 was changed after signing")
        #expect(found.checks[1].laterChanges?.status == SignatureCheck.LaterChanges.Status.none)
        #expect(found.verdict == .tampered)
        let verdict = SignaturesReport.verdict(leader)
        #expect(verdict.hasPrefix("KHÔNG HỢP LỆ: nội dung trang 1 bị thay đổi sau khi ký"), "\(verdict)")
        #expect(verdict.contains("NOT VALID: the content of page 1 was changed after signing"), "\(verdict)")
        let vietnamese = try #require(verdict.range(of: "nội dung trang 1"))
        let english = try #require(verdict.range(of: "the content of page 1"))
        #expect(vietnamese.lowerBound < english.lowerBound)
    }

    @Test func aSecondSignatureIsAPermittedChangeAndBothCoverTheFile() throws {
        let fixtures = try SignedFixtures()
        defer { fixtures.remove() }
        let folder = try fixtures.folder("doc")
        try fixtures.writeSignedPDF("a.pdf", in: folder)
        try fixtures.signAgain("a.pdf", in: folder)

        let found = try InboundSignatureVerifier(trustedRoots: [fixtures.certificate]).check(
            folder: folder, files: ["a.pdf"])

        #expect(found.checks.map(\.outcome) == [.valid, .valid])
        #expect(found.checks[0].laterChanges == SignatureCheck.LaterChanges(status: .permitted, kinds: ["signature"]))
        #expect(found.verdict == .allValid)
        let block = SignaturesReport.block(found.checks[0])
        #expect(
            block.contains(
                "Thay đổi sau khi ký / Later changes: được phép: chữ ký số khác / permitted: another signature"))
    }

    @Test func aDamagedPDFAndAMalformedP7sCannotBeCheckedButDoNotThrow() throws {
        let fixtures = try SignedFixtures()
        defer { fixtures.remove() }
        let folder = try fixtures.folder("doc")
        try fixtures.write(Array("%PDF-1.7\nthis is not a PDF body".utf8), "hong.pdf", in: folder)
        try fixtures.write(Self.docx, "b.docx", in: folder)
        try fixtures.write(Array("not CMS".utf8), "b.docx.p7s", in: folder)
        let found = try InboundSignatureVerifier(trustedRoots: [fixtures.certificate]).check(
            folder: folder, files: ["hong.pdf", "b.docx", "b.docx.p7s"])
        #expect(found.checks.map(\.outcome) == [.unreadable, .unreadable])
        #expect(found.checks[0].problems.first?.contains("hong.pdf") == true)
        #expect(found.verdict == .noneValid)
    }

    @Test func aP7sWithoutItsFileIsAnOrdinaryUnsignedAttachmentAndAnUnsignedPDFIsListed() throws {
        let fixtures = try SignedFixtures()
        defer { fixtures.remove() }
        let folder = try fixtures.folder("doc")
        try fixtures.write(SignedFixtures.pdf(), "plain.pdf", in: folder)
        try fixtures.write(Array("x".utf8), "orphan.p7s", in: folder)
        let found = try InboundSignatureVerifier(trustedRoots: [fixtures.certificate]).check(
            folder: folder, files: ["plain.pdf", "orphan.p7s"])
        #expect(found.checks.isEmpty)
        #expect(found.unsigned == ["plain.pdf", "orphan.p7s"])
        #expect(found.verdict == .noneValid)
    }

    @Test func aMissingTrustedRootIsThisMachinesFaultAndRetried() throws {
        let fixtures = try SignedFixtures()
        defer { fixtures.remove() }
        let folder = try fixtures.folder("doc")
        try fixtures.writeSignedPDF("a.pdf", in: folder)
        #expect {
            try InboundSignatureVerifier(trustedRoots: [fixtures.directory + "/absent.pem"]).check(
                folder: folder, files: ["a.pdf"])
        } throws: { error in
            guard case InboundFailure.transient(let reason) = error else { return false }
            return reason.contains("absent.pem")
        }
    }
}
