import EdXML
import Foundation
import Signing
import Testing

@testable import Inbound

@Suite struct SignaturesReportTests {
    static let signedAt = Date(timeIntervalSince1970: 1_795_638_600)  // 2026-11-25T20:30:00Z

    static let valid = SignatureCheck(
        file: "Công văn 12.pdf", kind: .pdf, field: "Signature1",
        subject: "CN=Văn phòng UBND tỉnh Nghệ An, O=UBND tỉnh Nghệ An\\, Việt Nam, C=VN", serial: "5403a1f0",
        signingTime: signedAt, outcome: .valid, changedAfterSigning: false, problems: [])
    static let untrusted = SignatureCheck(
        file: "bien-ban.docx", kind: .detached, signatureFile: "bien-ban.docx.p7s", subject: "CN=Sở Nội vụ, C=VN",
        serial: "0a", signingTime: nil, outcome: .untrusted, changedAfterSigning: false,
        problems: ["certificate chain: self-signed certificate"])
    static let signatures = AttachmentSignatures(
        checks: [valid, untrusted], unsigned: ["phu-luc.xlsx"],
        signable: ["Công văn 12.pdf", "bien-ban.docx", "phu-luc.xlsx"])

    @Test func theSignerNameAndOrganisationComeFromTheSubjectWithEscapesUndone() {
        #expect(Self.valid.signerName == "Văn phòng UBND tỉnh Nghệ An")
        #expect(Self.valid.organization == "UBND tỉnh Nghệ An, Việt Nam")
        #expect(Self.untrusted.organization == nil)
        #expect(DistinguishedName("CN=a\\2Cb + O=c").commonName == "a,b")
        #expect(DistinguishedName("CN=a\\2Cb + O=c").organization == "c")
        #expect(DistinguishedName("garbage without equals").attributes.isEmpty)
    }

    @Test func signaturesTextHasOneBlockPerSignatureVietnameseFirstAndListsUnsignedFiles() throws {
        let text = SignaturesReport(signatures: Self.signatures, warning: []).text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "CHỮ KÝ SỐ TRÊN VĂN BẢN ĐẾN / DIGITAL SIGNATURES ON THE RECEIVED DOCUMENT")
        #expect(lines.filter { $0.hasPrefix("Tệp / File:") }.count == 2)
        #expect(lines.contains("Người ký / Signer:              Văn phòng UBND tỉnh Nghệ An"))
        #expect(lines.contains("Tổ chức / Organisation:         UBND tỉnh Nghệ An, Việt Nam"))
        #expect(lines.contains("Số sê-ri chứng thư / Serial:    5403a1f0"))
        #expect(lines.contains("Thời điểm ký / Signing time:    2026-11-26T03:30:00+07:00"))
        #expect(lines.contains("Kết quả / Result:               HỢP LỆ / VALID"))
        #expect(lines.contains { $0.hasPrefix("Kết quả / Result:") && $0.contains("untrusted root") })
        #expect(lines.contains("  - certificate chain: self-signed certificate"))
        #expect(lines.contains("Thời điểm ký / Signing time:    (không ghi / not stated)"))
        let unsignedHeader = lines.firstIndex { $0.hasPrefix("Tệp không có chữ ký số") }
        #expect(unsignedHeader.map { lines[$0 + 1] } == "  - phu-luc.xlsx")
        // Every line with words says it in Vietnamese first: the Vietnamese label comes before the slash.
        #expect(lines.filter { $0.hasPrefix("Kết quả") }.allSatisfy { $0.contains(" / ") })
    }

    @Test func aTimestampIsShownWithItsAuthorityAndVerdictAndNotesFollowTheProblems() throws {
        let stamped = SignatureCheck(
            file: "a.pdf", kind: .pdf, subject: "CN=A", signingTime: Self.signedAt, outcome: .valid,
            changedAfterSigning: false, problems: [],
            timestamp: TimestampReport(time: Self.signedAt, authority: "CN=TSA, O=Test", isValid: true, problems: []),
            notes: ["the signer certificate expired, after the timestamped signing time"])
        let broken = SignatureCheck(
            file: "b.pdf", kind: .pdf, subject: "CN=A", outcome: .untrusted, changedAfterSigning: false,
            problems: ["the signature timestamp is not valid: wrong imprint"],
            timestamp: TimestampReport(time: nil, authority: nil, isValid: false, problems: ["wrong imprint"]))
        let text = SignaturesReport(
            signatures: AttachmentSignatures(checks: [stamped, broken, Self.valid], unsigned: [], signable: []),
            warning: []
        ).text
        let lines = text.split(separator: "\n").map(String.init)
        let label = "Dấu thời gian / Timestamp:      "
        #expect(lines.contains(label + "2026-11-26T03:30:00+07:00, CN=TSA, O=Test (hợp lệ / valid)"))
        #expect(lines.contains(label + "(không đọc được / unreadable) (KHÔNG HỢP LỆ / NOT VALID)"))
        #expect(lines.contains(label + "không có / none"))
        #expect(lines.contains("  * the signer certificate expired, after the timestamped signing time"))

        let json = String(decoding: try JSONEncoder().encode(stamped), as: UTF8.self)
        #expect(json.contains("\"timestamp\":{"))
        #expect(json.contains("\"valid\":true"))
        #expect(json.contains("\"notes\":["))
    }

    @Test func theWarningComesFirstInSignaturesTextAndDocumentText() {
        let warning = ["!!! CẢNH BÁO: x", "!!! WARNING: x"]
        #expect(SignaturesReport(signatures: Self.signatures, warning: warning).text.hasPrefix(warning[0] + "\n"))
        let header = DocumentHeader(from: Organization(organId: "000.00.00.H41", organName: "UBND tỉnh Nghệ An"))
        let summary = DocumentSummary(
            axisDocId: "d1", header: header, attachments: [], warnings: [], receivedAt: Self.signedAt,
            signatures: Self.signatures, warning: warning)
        #expect(summary.text.hasPrefix(warning.joined(separator: "\n") + "\n\nVĂN BẢN ĐẾN / RECEIVED DOCUMENT"))
        #expect(summary.text.contains("1 hợp lệ / valid, 1 không hợp lệ / not valid, 1 tệp không ký / unsigned files"))
        let plain = DocumentSummary(
            axisDocId: "d1", header: header, attachments: [], warnings: [], receivedAt: Self.signedAt)
        #expect(plain.text.hasPrefix("VĂN BẢN ĐẾN / RECEIVED DOCUMENT"))
    }

    @Test func documentJSONCarriesTheSignaturesBesideTheExistingKeys() throws {
        let header = DocumentHeader(from: Organization(organId: "000.00.00.H41", organName: "UBND tỉnh Nghệ An"))
        let summary = DocumentSummary(
            axisDocId: "d1", header: header, attachments: [], warnings: [], receivedAt: Self.signedAt,
            signatures: Self.signatures)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(summary.json)) as? [String: Any])
        #expect(
            Set(json.keys).isSuperset(of: [
                "axis_doc_id", "received_at", "code_notation", "header", "attachments",
                "warnings", "signatures",
            ]))
        let signatures = try #require(json["signatures"] as? [String: Any])
        #expect(signatures["verdict"] as? String == "partly_valid")
        #expect(signatures["without_signature"] as? [String] == ["phu-luc.xlsx"])
        let checks = try #require(signatures["checks"] as? [[String: Any]])
        #expect(checks.count == 2)
        #expect(checks[0]["signer_name"] as? String == "Văn phòng UBND tỉnh Nghệ An")
        #expect(checks[0]["organization"] as? String == "UBND tỉnh Nghệ An, Việt Nam")
        #expect(checks[0]["serial"] as? String == "5403a1f0")
        #expect(checks[0]["signing_time"] as? String == "2026-11-26T03:30:00+07:00")
        #expect(checks[0]["outcome"] as? String == "valid")
        #expect(checks[0]["kind"] as? String == "pdf")
        #expect(checks[1]["outcome"] as? String == "untrusted")
        #expect(checks[1]["signature_file"] as? String == "bien-ban.docx.p7s")
        let plain = DocumentSummary(
            axisDocId: "d1", header: header, attachments: [], warnings: [], receivedAt: Self.signedAt)
        let plainJSON = try #require(try JSONSerialization.jsonObject(with: Data(plain.json)) as? [String: Any])
        #expect(plainJSON["signatures"] == nil)
    }

    @Test func aChangeAfterSigningIsInDocumentJSONWithItsReasonInBothLanguages() throws {
        var broken = SignatureCheck(
            file: "cong-van.pdf", kind: .pdf, field: "LanhDao", subject: "CN=A", outcome: .modifiedAfterSigning,
            changedAfterSigning: true, problems: [], laterChanges: .notPermitted(.annotation(page: 2)))
        broken.docMDP = 2
        let signed = SignatureCheck(
            file: "cong-van.pdf", kind: .pdf, field: "Signature1", subject: "CN=B", outcome: .valid,
            changedAfterSigning: false, problems: [], laterChanges: .permitted([.signature, .formFilling]))
        let header = DocumentHeader(from: Organization(organId: "000.00.00.H41", organName: "UBND tỉnh Nghệ An"))
        let summary = DocumentSummary(
            axisDocId: "d1", header: header, attachments: [], warnings: [], receivedAt: Self.signedAt,
            signatures: AttachmentSignatures(checks: [broken, signed], unsigned: [], signable: ["cong-van.pdf"]))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(summary.json)) as? [String: Any])

        let signatures = try #require(json["signatures"] as? [String: Any])
        #expect(signatures["verdict"] as? String == "tampered")
        let checks = try #require(signatures["checks"] as? [[String: Any]])
        #expect(checks[0]["outcome"] as? String == "modified_after_signing")
        #expect(checks[0]["changed_after_signing"] as? Bool == true)
        #expect(checks[0]["docmdp"] as? Int == 2)
        let changes = try #require(checks[0]["later_changes"] as? [String: Any])
        #expect(changes["status"] as? String == "not_permitted")
        #expect(changes["reason_vi"] as? String == "chú thích trên trang 2 bị thêm, sửa hoặc xóa sau khi ký")
        #expect(
            changes["reason_en"] as? String == "an annotation on page 2 was added, changed or removed after signing")
        let permitted = try #require(checks[1]["later_changes"] as? [String: Any])
        #expect(permitted["status"] as? String == "permitted")
        #expect(permitted["kinds"] as? [String] == ["signature", "form_filling"])
        let text = SignaturesReport(signatures: summary.signatures!, warning: []).text
        #expect(text.contains("Kết quả / Result:               KHÔNG HỢP LỆ: chú thích trên trang 2"))
        #expect(text.contains("(chữ ký chứng nhận, DocMDP P=2 / certification signature, DocMDP P=2)"))
    }
}
