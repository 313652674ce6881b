import Signing
import SystemSupport

/// `signatures.txt` in an inbox folder: who signed which attachment and whether each signature is valid, for
/// clerks. Vietnamese first, then English, on every line; one block per signature, then the attachments without one.
struct SignaturesReport {
    let signatures: AttachmentSignatures
    /// Lines put first (the policy's warning), empty for none.
    let warning: [String]

    var text: String {
        var lines: [String] = []
        if !warning.isEmpty { lines += warning + [""] }
        lines.append("CHỮ KÝ SỐ TRÊN VĂN BẢN ĐẾN / DIGITAL SIGNATURES ON THE RECEIVED DOCUMENT")
        if signatures.checks.isEmpty {
            lines += ["", "Không có chữ ký số nào. / No digital signature was found."]
        }
        for check in signatures.checks {
            lines.append("")
            lines += Self.block(check)
        }
        if !signatures.unsigned.isEmpty {
            lines += ["", "Tệp không có chữ ký số / Attachments without a digital signature:"]
            lines += signatures.unsigned.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func block(_ check: SignatureCheck) -> [String] {
        let kind =
            switch check.kind {
            case .pdf: "chữ ký trong PDF / signature in the PDF" + (check.field.map { " (\($0))" } ?? "")
            case .detached: "chữ ký rời / detached signature " + (check.signatureFile ?? "")
            }
        var lines = [
            "Tệp / File:                     \(check.file)",
            "Loại / Kind:                    \(kind)",
            "Người ký / Signer:              \(check.signerName ?? "(không rõ / unknown)")",
            "Tổ chức / Organisation:         \(check.organization ?? "(không rõ / unknown)")",
            "Số sê-ri chứng thư / Serial:    \(check.serial ?? "(không rõ / unknown)")",
            "Thời điểm ký / Signing time:    \(check.signingTime ?? "(không ghi / not stated)")",
            "Dấu thời gian / Timestamp:      \(timestamp(check.timestamp))",
            "Kết quả / Result:               \(verdict(check))",
        ]
        if let changes = laterChangesLine(check) { lines.append("Thay đổi sau khi ký / Later changes: \(changes)") }
        // Problems and notes come from the verifier in English; a trusted root or a file it names is the server's.
        lines += check.problems.map { "  - \(ServerPaths.redacted($0, placeholder: ServerPaths.clerkPlaceholder))" }
        lines += check.notes.map { "  * \(ServerPaths.redacted($0, placeholder: ServerPaths.clerkPlaceholder))" }
        return lines
    }

    /// The permitted changes made after a PDF signature, and the author's certification level; nil when neither
    /// applies. A change that is not permitted is the verdict itself.
    static func laterChangesLine(_ check: SignatureCheck) -> String? {
        let certification = check.docMDP.map { level in
            " (chữ ký chứng nhận, DocMDP P=\(level) / certification signature, DocMDP P=\(level))"
        }
        guard let changes = check.laterChanges else { return nil }
        switch changes.status {
        case .none:
            return certification.map { "không có / none" + $0 }
        case .notPermitted:
            return "KHÔNG được phép, xem kết quả / NOT permitted, see the result" + (certification ?? "")
        case .permitted:
            let kinds = changes.kinds.compactMap(PDFPermittedChange.init(rawValue:))
            return "được phép: \(kinds.map(\.vietnamese).joined(separator: ", ")) / permitted: "
                + kinds.map(\.english).joined(separator: ", ") + (certification ?? "")
        }
    }

    /// When an authority says the signature was made; only this time is proven (the signing time is the signer's).
    static func timestamp(_ timestamp: SignatureCheck.Timestamp?) -> String {
        guard let timestamp else { return "không có / none" }
        let time = timestamp.time ?? "(không đọc được / unreadable)"
        let authority = timestamp.authority.map { ", \($0)" } ?? ""
        return timestamp.valid
            ? "\(time)\(authority) (hợp lệ / valid)"
            : "\(time)\(authority) (KHÔNG HỢP LỆ / NOT VALID)"
    }

    /// "valid or why not", Vietnamese then English.
    static func verdict(_ check: SignatureCheck) -> String {
        switch check.outcome {
        case .modifiedAfterSigning:
            "KHÔNG HỢP LỆ: \(check.laterChanges?.reasonVietnamese ?? "tệp bị sửa sau khi ký"); điều người ký đã ký "
                + "không phải điều nhận được / NOT VALID: \(check.laterChanges?.reasonEnglish ?? "changed after signing")"
                + "; what the signer signed is not what arrived"
        case .valid:
            "HỢP LỆ / VALID"
        case .untrusted:
            "KHÔNG HỢP LỆ: chứng thư không dẫn về chứng thư gốc tin cậy / "
                + "NOT VALID: untrusted root (the certificate does not chain to inbound.trusted_roots)"
        case .integrityBroken:
            "KHÔNG HỢP LỆ: toàn vẹn bị phá vỡ, nội dung đã bị sửa / "
                + "NOT VALID: integrity broken, the signed content was altered"
        case .unreadable:
            "KHÔNG KIỂM TRA ĐƯỢC: tệp hoặc chữ ký bị hỏng / "
                + "CANNOT BE CHECKED: the file or the signature is damaged or unsupported"
        }
    }
}
