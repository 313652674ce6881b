import Config
import Foundation
import StateStore
import Testing

@testable import Inbound

@Suite struct SignaturePolicyTests {
    static func check(_ file: String, _ outcome: SignatureCheck.Outcome, changed: Bool = false) -> SignatureCheck {
        SignatureCheck(
            file: file, kind: .pdf, field: "Signature1", subject: "CN=A, O=B", serial: "01", outcome: outcome,
            changedAfterSigning: changed, problems: [])
    }

    static func signatures(_ checks: [SignatureCheck], files: [String]) -> AttachmentSignatures {
        let signed = Set(checks.map(\.file))
        return AttachmentSignatures(checks: checks, unsigned: files.filter { !signed.contains($0) }, signable: files)
    }

    @Test func theVerdictComesFromTheWeakestAttachmentAndABrokenSignatureDominates() {
        let files = ["a.pdf", "b.docx"]
        #expect(
            Self.signatures([Self.check("a.pdf", .valid), Self.check("b.docx", .valid)], files: files).verdict
                == .allValid)
        #expect(Self.signatures([Self.check("a.pdf", .valid)], files: files).verdict == .partlyValid)
        #expect(Self.signatures([Self.check("a.pdf", .untrusted)], files: files).verdict == .noneValid)
        #expect(Self.signatures([Self.check("a.pdf", .unreadable)], files: files).verdict == .noneValid)
        #expect(Self.signatures([], files: files).verdict == .noneValid)
        #expect(Self.signatures([], files: []).verdict == .noneValid)
        #expect(
            Self.signatures(
                [Self.check("a.pdf", .valid), Self.check("b.docx", .valid), Self.check("a.pdf", .integrityBroken)],
                files: files
            ).verdict == .tampered)
    }

    @Test func aValidSignatureOnAFileChangedAfterSigningDoesNotCoverIt() {
        let changed = Self.signatures([Self.check("a.pdf", .valid, changed: true)], files: ["a.pdf"])
        #expect(changed.verdict == .noneValid)
        #expect(changed.filesWithoutValidSignature == ["a.pdf"])
        let resigned = Self.signatures(
            [Self.check("a.pdf", .valid, changed: false), Self.check("a.pdf", .untrusted)], files: ["a.pdf"])
        #expect(resigned.verdict == .allValid)
    }

    @Test(arguments: [
        (InboundPolicy.accept, SignatureVerdict.allValid, SignaturePolicy.Decision.deliver),
        (.accept, .partlyValid, .deliver),
        (.accept, .noneValid, .deliver),
        (.accept, .tampered, .deliver),
        (.warn, .allValid, .deliver),
        (.warn, .partlyValid, .deliverWithWarning),
        (.warn, .noneValid, .deliverWithWarning),
        (.warn, .tampered, .quarantine),
        (.quarantine, .allValid, .deliver),
        (.quarantine, .partlyValid, .deliverWithWarning),
        (.quarantine, .noneValid, .quarantine),
        (.quarantine, .tampered, .quarantine),
    ])
    func theDecisionTableIsTheDocumentedOne(
        policy: InboundPolicy, verdict: SignatureVerdict, expected: SignaturePolicy.Decision
    ) {
        #expect(SignaturePolicy.decide(policy: policy, verdict: verdict) == expected)
    }

    @Test func theWarningNamesTheFilesWithoutAValidSignatureInVietnameseThenEnglish() {
        let partly = Self.signatures([Self.check("a.pdf", .valid)], files: ["a.pdf", "b.docx"])
        let lines = SignaturePolicy.warning(for: partly)
        #expect(lines.count == 2)
        #expect(lines[0].contains("CẢNH BÁO") && lines[0].contains("b.docx") && !lines[0].contains("a.pdf"))
        #expect(lines[1].contains("WARNING") && lines[1].contains("b.docx"))
        #expect(SignaturePolicy.warning(for: Self.signatures([Self.check("a.pdf", .valid)], files: ["a.pdf"])).isEmpty)
    }

    @Test func aTamperedDocumentsQuarantineReasonNamesTheBrokenFile() {
        let tampered = Self.signatures(
            [Self.check("a.pdf", .valid), Self.check("b.docx", .integrityBroken)], files: ["a.pdf", "b.docx"])
        let reason = SignaturePolicy.quarantineReason(policy: .warn, signatures: tampered)
        #expect(reason.contains("b.docx") && !reason.contains("a.pdf"))
        #expect(reason.hasPrefix("Chữ ký số bị phá vỡ"))
        let unsigned = SignaturePolicy.quarantineReason(
            policy: .quarantine, signatures: Self.signatures([], files: ["a.pdf"]))
        #expect(unsigned.contains("inbound_policy: quarantine") && unsigned.contains("No attachment"))
    }

    @Test func aPDFChangedAfterSigningInAWayTheSignatureDoesNotPermitIsTamperedAndItsReasonIsGiven() {
        var leader = Self.check("a.pdf", .modifiedAfterSigning, changed: true)
        leader.field = "LanhDao"
        leader.laterChanges = SignatureCheck.LaterChanges(.notPermitted(.pageContent(page: 1)))
        let signatures = Self.signatures([leader, Self.check("a.pdf", .valid)], files: ["a.pdf"])

        #expect(signatures.verdict == .tampered)
        #expect(SignaturePolicy.decide(policy: .warn, verdict: signatures.verdict) == .quarantine)
        #expect(SignaturePolicy.decide(policy: .quarantine, verdict: signatures.verdict) == .quarantine)
        let reason = SignaturePolicy.quarantineReason(policy: .warn, signatures: signatures)
        let lines = reason.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(reason)")
        #expect(lines[0].hasPrefix("Chữ ký số bị phá vỡ") && lines[0].hasSuffix("a.pdf."))
        #expect(lines[1] == "  a.pdf (LanhDao): nội dung trang 1 bị thay đổi sau khi ký.")
        #expect(lines[2].hasPrefix("Broken digital signature"))
        #expect(lines[3] == "  a.pdf (LanhDao): the content of page 1 was changed after signing.")
    }
}
