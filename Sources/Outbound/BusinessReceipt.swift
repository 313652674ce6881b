import Config
import Foundation
import Logging
import StateStore
import SystemSupport

/// What receipts say about revoke, update and replace requests.
///
/// The request's own receipt (`sent/…/x.pdf.receipt.txt`) says what it is and which document it concerns. Once the
/// request is on the axis, the concerned document's receipt gets one line for it, after which the recipients'
/// answers (status 15 agree, 16 refuse, which name that document's DocumentId) are added by the inbound side.
enum BusinessReceipt {
    /// The first lines of a receipt: "SENT" for a new document, the kind of request and what it concerns otherwise.
    static func heading(for document: DocumentRecord) -> String {
        guard let operation = operation(of: document) else { return "ĐÃ GỬI / SENT" }
        var lines = [
            "ĐÃ GỬI YÊU CẦU \(operation.vietnamese.uppercased()) / \(operation.name.uppercased()) REQUEST SENT",
            "Văn bản liên quan / Concerns:  #\(document.relatedDocumentId.map(String.init) ?? "?") "
                + "(DocumentId \(document.businessDocumentId ?? "?"))",
        ]
        if let reason = document.businessReason { lines.append("Lý do / Reason:               \(reason)") }
        return lines.joined(separator: "\n")
    }

    /// Extra fields of `x.pdf.receipt.json` for a request; none for a new document.
    static func jsonFields(for document: DocumentRecord) -> [String: Any] {
        guard let operation = operation(of: document) else { return [:] }
        return [
            "business": [
                "type": Int(operation.rawValue) ?? 0,
                "operation": operation.name,
                "related_document_id": document.relatedDocumentId ?? 0,
                "related_edxml_document_id": document.businessDocumentId ?? "",
                "reason": document.businessReason ?? "",
            ] as [String: Any]
        ]
    }

    /// Adds the line "request #N sent" to the concerned document's receipt and history, once: a filing repeated
    /// after a crash finds the line and adds nothing.
    static func noteOnConcernedDocument(
        of request: DocumentRecord, store: DocumentStore, logger: Logger, now: Date, timeZone: CivilTimeZone
    ) {
        guard let operation = operation(of: request), let requestId = request.id,
            let concernedId = request.relatedDocumentId
        else { return }
        let marker = "\(operation.name) request #\(requestId) sent"
        let line =
            "yêu cầu \(operation.vietnamese) #\(requestId) đã gửi / \(marker) (DocId \(request.axisDocId ?? ""))"
            + (request.businessReason.map { ": \($0)" } ?? "")
        do {
            guard let concerned = try store.document(concernedId) else { return }
            if !(try store.events(of: concernedId).contains { $0.message.hasPrefix(marker) }) {
                try store.annotate(concernedId, note: "\(marker) (DocId \(request.axisDocId ?? ""))")
            }
            guard concerned.state == .filed, let sentCopy = concerned.destinationPath else { return }
            try appendOnce(line, marker: marker, request: request, stamp: timeZone.stamp(now), toReceiptOf: sentCopy)
        } catch {
            // The request is in the database and `lienthong show` either way; only the clerk's copy is behind.
            logger.warning(
                "cannot add the \(operation.name) request to the receipt of #\(concernedId): \(error)",
                metadata: ["DOC_ID": "\(requestId)"])
        }
    }

    private static func appendOnce(
        _ line: String, marker: String, request: DocumentRecord, stamp: String, toReceiptOf sentCopy: String
    ) throws {
        try ReceiptFile(besides: sentCopy).update { receipt in
            if let text = receipt.text, !text.contains(marker) { receipt.text = text + "\(stamp) \(line)\n" }
            guard var object = receipt.json else { return }
            var requests = object["requests"] as? [Any] ?? []
            let listed = requests.contains { (($0 as? [String: Any])?["id"] as? Int).map(Int64.init) == request.id }
            if listed { return }
            requests.append(
                [
                    "time": stamp, "id": request.id ?? 0, "operation": operation(of: request)?.name ?? "",
                    "axis_doc_id": request.axisDocId ?? "", "reason": request.businessReason ?? "",
                ] as [String: Any])
            object["requests"] = requests
            receipt.json = object
        }
    }

    private static func operation(of document: DocumentRecord) -> BusinessOperation? {
        guard document.relatedDocumentId != nil else { return nil }
        return document.businessDocType.flatMap(BusinessOperation.init(rawValue:))
    }
}
