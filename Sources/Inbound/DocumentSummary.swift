import Config
import EdXML
import Foundation
import StateStore

/// What a received document is, for people (`document.txt`) and software (`document.json`).
struct DocumentSummary {
    let axisDocId: String
    let header: DocumentHeader
    let attachments: [DeliveredAttachment]
    let warnings: [String]
    let receivedAt: Date
    /// Every signature on the attachments; nil for summaries made without checking them.
    var signatures: AttachmentSignatures? = nil
    /// The policy's warning, put first in `document.txt`; empty for none.
    var warning: [String] = []
    /// `TraceHeaderList/Bussiness`: a new document, or a revoke, update or replace request.
    var business: BusinessInfo? = nil
    /// The agency's `time_zone`: the time received, and the folder's day when the document names no date.
    var timeZone: CivilTimeZone = .vietnam

    var codeNotation: String {
        let number = header.code?.codeNumber?.trimmingCharacters(in: .whitespaces) ?? ""
        let notation = header.code?.codeNotation?.trimmingCharacters(in: .whitespaces) ?? ""
        return [number, notation].filter { !$0.isEmpty }.joined(separator: "/")
    }

    /// `<yyyy-mm-dd>_<number-notation>`, from the promulgation date (or the day received).
    var folderName: String {
        let date = Self.isoDay(header.promulgationInfo?.promulgationDate) ?? timeZone.day(of: receivedAt)
        let code = codeNotation.replacingOccurrences(of: "/", with: "-")
        return code.isEmpty ? date : "\(date)_\(code)"
    }

    var text: String {
        var lines = warning.isEmpty ? [] : warning + [""]
        lines += [
            "VĂN BẢN ĐẾN / RECEIVED DOCUMENT",
            "Nơi gửi / From:                \(header.from.organName ?? "") (\(header.from.organId))",
            "Số, ký hiệu / Number, notation: \(codeNotation)",
            "Ngày ban hành / Date:          \(header.promulgationInfo?.promulgationDate ?? "")",
            "Loại văn bản / Type:           \(header.documentType?.typeName ?? "")",
            "Trích yếu / Subject:           \(header.subject ?? "")",
            "Người ký / Signed by:          \(header.signerInfo?.fullName ?? "")",
            "Mã trên trục / Axis DocId:     \(axisDocId)",
            "Nhận lúc / Received at:        \(timeZone.iso8601(receivedAt))",
            "",
            "Tệp đính kèm / Attachments:",
        ]
        lines += attachments.map { "  - \($0.file) (\($0.size) bytes)" }
        lines += businessLines
        if let signatures {
            let valid = signatures.checks.filter { $0.coversWholeFile }.count
            let invalid = signatures.checks.count - valid
            lines += [
                "",
                "Chữ ký số / Signatures:        \(valid) hợp lệ / valid, \(invalid) không hợp lệ / not valid, "
                    + "\(signatures.unsigned.count) tệp không ký / unsigned files (signatures.txt)",
            ]
        }
        if !warnings.isEmpty {
            lines += ["", "Cảnh báo / Warnings:"] + warnings.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `Bussiness` block of a request (types 1, 2, 3) for `document.txt`; nothing for a new document.
    var businessLines: [String] {
        guard let business, let kind = business.docTypeKind, kind != .new else { return [] }
        let request =
            switch kind {
            case .revoke: "thu hồi / revoke"
            case .update: "cập nhật / update"
            case .replace: "thay thế / replace"
            case .new: ""
            }
        let concerned = BusinessNotice.concernedDocumentIds(kind: kind, business: business, header: header)
        var lines = [
            "",
            "Yêu cầu / Request:             \(request) (\(BusinessNotice.fileName))",
            "Văn bản liên quan / Concerns:  \(concerned.joined(separator: "; "))",
        ]
        if let reason = business.docReason, !reason.isEmpty { lines.append("Lý do / Reason:                \(reason)") }
        if let changed = business.documentInfo?.documentInfo, !changed.isEmpty {
            lines.append("Thay đổi / What changed:       \(changed)")
        }
        return lines
    }

    var json: [UInt8] {
        struct Body: Encodable {
            var axisDocId: String
            var receivedAt: String
            var codeNotation: String
            var header: DocumentHeader
            var attachments: [DeliveredAttachment]
            var warnings: [String]
            var signatures: Signatures?
            var business: BusinessInfo?
            enum CodingKeys: String, CodingKey {
                case axisDocId = "axis_doc_id"
                case receivedAt = "received_at"
                case codeNotation = "code_notation"
                case header, attachments, warnings, signatures, business
            }
        }
        struct Signatures: Encodable {
            var verdict: SignatureVerdict
            var checks: [SignatureCheck]
            var withoutSignature: [String]
            var checkedFiles: [String]
            enum CodingKeys: String, CodingKey {
                case verdict, checks
                case withoutSignature = "without_signature"
                case checkedFiles = "checked_files"
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let body = Body(
            axisDocId: axisDocId, receivedAt: timeZone.iso8601(receivedAt), codeNotation: codeNotation,
            header: header,
            attachments: attachments, warnings: warnings,
            signatures: signatures.map {
                Signatures(
                    verdict: $0.verdict, checks: $0.checks, withoutSignature: $0.unsigned, checkedFiles: $0.signable)
            }, business: business)
        return ((try? encoder.encode(body)).map(Array.init) ?? []) + [0x0a]
    }

    /// `yyyy/MM/dd` or `yyyy-MM-dd` → `yyyy-MM-dd`; nil when it is neither.
    static func isoDay(_ text: String?) -> String? {
        guard let text else { return nil }
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == "/" || $0 == "-" })
        guard parts.count == 3, parts[0].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else {
            return nil
        }
        return "\(parts[0])-\(parts[1].count == 1 ? "0" : "")\(parts[1])-\(parts[2].count == 1 ? "0" : "")\(parts[2])"
    }

}
