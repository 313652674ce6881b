import Foundation
import StateStore

/// The receipt written next to a sent document: `x.pdf.receipt.txt` for people, `x.pdf.receipt.json` for software.
/// Written (and later added to) only through ``ReceiptFile``, which serialises the writers of one receipt.
struct Receipt {
    let document: DocumentRecord
    let filedAt: Date

    var text: String {
        """
        \(BusinessReceipt.heading(for: document))
        Văn bản / Document:           \(document.fileName)
        Mã văn bản trên trục / Axis DocId: \(document.axisDocId ?? "")
        Số, ký hiệu / Number, notation: \(document.codeNotation ?? "")
        Nơi nhận / Recipients:        \(document.recipients.joined(separator: ", "))
        Thời điểm gửi / Sent at:      \(Self.timestamp(document.updatedAt))
        SHA-256:                      \(document.sha256 ?? "")
        Mã lienthong / lienthong id:  \(document.id.map(String.init) ?? "")

        Trạng thái xử lý ở nơi nhận sẽ được ghi thêm vào đây. / Statuses from recipients are added below.

        """
    }

    /// What `x.pdf.receipt.json` holds at first; ``ReceiptFile`` encodes it.
    var jsonObject: [String: Any] {
        [
            "id": document.id ?? 0,
            "file_name": document.fileName,
            "axis_doc_id": document.axisDocId ?? "",
            "edxml_document_id": document.edxmlDocumentId ?? "",
            "code_notation": document.codeNotation ?? "",
            "recipients": document.recipients,
            "sha256": document.sha256 ?? "",
            "sent_at": Self.timestamp(document.updatedAt),
            "filed_at": Self.timestamp(filedAt),
            "statuses": [Any](),
        ].merging(BusinessReceipt.jsonFields(for: document)) { current, _ in current }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
