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
        lines += check.problems.map { "  - \($0)" }
        lines += check.notes.map { "  * \($0)" }
        return lines
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
        case .valid where check.changedAfterSigning:
            "KHÔNG HỢP LỆ: tệp bị sửa sau khi ký (chữ ký chỉ đúng với bản trước) / "
                + "NOT VALID: changed after signing (the signature covers an earlier version only)"
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
