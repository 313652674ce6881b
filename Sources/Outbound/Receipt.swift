import Config
import Foundation
import StateStore

/// The receipt written next to a sent document: `x.pdf.receipt.txt` for people, `x.pdf.receipt.json` for software.
/// Written (and later added to) only through ``ReceiptFile``, which serialises the writers of one receipt.
struct Receipt {
    let document: DocumentRecord
    /// When the axis took it (the `sent` transition).
    let sentAt: Date
    let filedAt: Date
    /// The agency's `time_zone`.
    let timeZone: CivilTimeZone

    var text: String {
        """
        \(BusinessReceipt.heading(for: document))
        Văn bản / Document:           \(document.fileName)
        Mã văn bản trên trục / Axis DocId: \(document.axisDocId ?? "")
        Số, ký hiệu / Number, notation: \(document.codeNotation ?? "")
        Nơi nhận / Recipients:        \(document.recipients.joined(separator: ", "))
        Thời điểm gửi / Sent at:      \(timeZone.iso8601(sentAt))
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
            "sent_at": timeZone.iso8601(sentAt),
            "filed_at": timeZone.iso8601(filedAt),
            "statuses": [Any](),
        ].merging(BusinessReceipt.jsonFields(for: document)) { current, _ in current }
    }

}
