import EdXML
import Foundation
import StateStore

/// The readable notice (`THONG-BAO.txt`, Vietnamese then English) for a received revoke, update or replace request
/// (`Bussiness` with `BussinessDocType` 1, 2 or 3): what the sender asks, which earlier document it concerns and
/// where we delivered it, and how to answer (15 agree, 16 refuse).
struct BusinessNotice {
    static let fileName = "THONG-BAO.txt"

    /// An earlier document the request concerns: its DocumentId and, when we received it, our record of it.
    struct Earlier {
        let documentId: String
        let record: DocumentRecord?
    }

    let kind: BusinessInfo.DocType
    let business: BusinessInfo
    let header: DocumentHeader
    /// Our record id of the request itself, for `lienthong answer`.
    let requestId: Int64
    let earlier: [Earlier]

    /// A notice for `business` when it is a request (types 1, 2, 3); nil for new documents.
    init?(business: BusinessInfo?, header: DocumentHeader, requestId: Int64, lookUp: (String) -> DocumentRecord?) {
        guard let business, let kind = business.docTypeKind, kind != .new else { return nil }
        self.kind = kind
        self.business = business
        self.header = header
        self.requestId = requestId
        earlier = Self.concernedDocumentIds(kind: kind, business: business, header: header)
            .map { Earlier(documentId: $0, record: lookUp($0)) }
    }

    /// The DocumentIds of the earlier documents: the `ReplacementInfoList` of a replacement; otherwise the block's
    /// `DocumentId` (a revoke or update names the document it is about), falling back to the header's.
    static func concernedDocumentIds(
        kind: BusinessInfo.DocType, business: BusinessInfo, header: DocumentHeader
    ) -> [String] {
        let own = business.documentId?.trimmingCharacters(in: .whitespaces)
        if kind == .replace {
            let listed = business.replacements.compactMap { $0.documentId?.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            if !listed.isEmpty { return listed }
            if let own, !own.isEmpty, own != header.documentId { return [own] }
            return []
        }
        if let own, !own.isEmpty { return [own] }
        return [header.documentId].compactMap { $0 }.filter { !$0.isEmpty }
    }

    private var sender: String { "\(header.from.organName ?? header.from.organId) (\(header.from.organId))" }
    private var reason: String? {
        business.docReason.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    var title: (vietnamese: String, english: String) {
        switch kind {
        case .revoke: ("YÊU CẦU THU HỒI VĂN BẢN", "REQUEST TO REVOKE A DOCUMENT")
        case .update: ("YÊU CẦU CẬP NHẬT VĂN BẢN", "REQUEST TO UPDATE A DOCUMENT")
        case .replace: ("VĂN BẢN THAY THẾ", "REPLACEMENT OF A DOCUMENT")
        case .new: ("VĂN BẢN MỚI", "NEW DOCUMENT")
        }
    }

    /// The whole notice for the request's own folder.
    var text: String {
        var lines = ["THÔNG BÁO: \(title.vietnamese)", "NOTICE: \(title.english)", ""]
        lines += asks
        lines += ["", "Văn bản liên quan / Document concerned:"]
        if earlier.isEmpty { lines.append("  (nơi gửi không ghi rõ / the sender did not say which)") }
        for document in earlier { lines += describe(document) }
        lines += ["", "Cách trả lời / How to answer:"] + howToAnswer
        return lines.joined(separator: "\n") + "\n"
    }

    /// The notice left in the earlier document's folder when its sender asks to revoke it.
    var earlierFolderText: String {
        let notation = Self.codeNotation(of: header)
        var lines = [
            "THÔNG BÁO: NƠI GỬI YÊU CẦU THU HỒI VĂN BẢN NÀY",
            "NOTICE: THE SENDER ASKS TO REVOKE THIS DOCUMENT",
            "",
            "\(sender) yêu cầu thu hồi văn bản trong thư mục này.",
            "\(sender) asks to revoke the document in this folder.",
        ]
        if let reason { lines += ["Lý do / Reason: \(reason)"] }
        lines +=
            [
                "",
                "Yêu cầu là văn bản đến số \(requestId)\(notation.isEmpty ? "" : " (\(notation))"); "
                    + "trả lời trong thư mục của yêu cầu đó.",
                "The request is received document #\(requestId)\(notation.isEmpty ? "" : " (\(notation))"); "
                    + "answer it in that request's folder.",
                "",
            ] + howToAnswer
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the sender asks, Vietnamese then English.
    private var asks: [String] {
        var lines: [String]
        switch kind {
        case .revoke, .new:
            lines = [
                "\(sender) yêu cầu thu hồi văn bản đã gửi trước đây.",
                "\(sender) asks to revoke a document it sent earlier.",
            ]
        case .update:
            lines = [
                "\(sender) gửi văn bản này để cập nhật văn bản đã gửi trước đây.",
                "\(sender) sends this document to update a document it sent earlier.",
            ]
            if let info = business.documentInfo {
                if let changed = info.documentInfo?.trimmingCharacters(in: .whitespaces), !changed.isEmpty {
                    lines.append("Nội dung thay đổi / What changed: \(changed)")
                }
                if let receiver = info.documentReceiver?.trimmingCharacters(in: .whitespaces), !receiver.isEmpty {
                    lines.append("Nơi nhận / Receivers: \(receiver)")
                }
                let organs = info.receivers.compactMap(\.organId).filter { !$0.isEmpty }
                if !organs.isEmpty {
                    lines.append("Cơ quan liên quan / Agencies concerned: \(organs.joined(separator: ", "))")
                }
            }
        case .replace:
            lines = [
                "\(sender) gửi văn bản này để thay thế văn bản đã gửi trước đây.",
                "\(sender) sends this document to replace a document it sent earlier.",
            ]
        }
        if let reason { lines.append("Lý do / Reason: \(reason)") }
        return lines
    }

    /// An inbox folder as clerks reach it on the share, `inbox/<sender>/<folder>`, not as the server names it
    /// (`/srv/lienthong/<agency>/inbox/…`).
    static func asClerksSeeIt(_ folder: String) -> String {
        folder.split(separator: "/").suffix(3).joined(separator: "/")
    }

    private func describe(_ document: Earlier) -> [String] {
        let parsed = try? DocumentIdentifier(parsing: document.documentId)
        let notation =
            document.record?.codeNotation
            ?? [parsed?.codeNumber, parsed?.codeNotation].compactMap { $0 }.joined(separator: "/")
        var lines = [
            "  Mã văn bản / DocumentId:          \(document.documentId)",
            "  Số, ký hiệu / Number, notation:   \(notation)",
            "  Ngày ban hành / Date:             \(parsed?.promulgationDate ?? "")",
        ]
        if let record = document.record, let folder = record.destinationPath {
            lines.append("  Đã nhận vào / Delivered to:       \(Self.asClerksSeeIt(folder)) (#\(record.id ?? 0))")
        } else {
            lines.append("  Đã nhận vào / Delivered to:       chưa nhận văn bản này / not received by lienthong")
        }
        return lines
    }

    private var howToAnswer: [String] {
        [
            "  Đồng ý: đặt tệp answer-15.txt (hoặc tra-loi-15.txt) vào thư mục của yêu cầu,",
            "    hoặc quản trị chạy: lienthong answer \(requestId) 15",
            "  Từ chối: đặt tệp answer-16.txt có ghi lý do,",
            "    hoặc quản trị chạy: lienthong answer \(requestId) 16 --reason \"...\"",
            "  Agree: drop a file answer-15.txt into the request's folder,",
            "    or an administrator runs: lienthong answer \(requestId) 15",
            "  Refuse: drop answer-16.txt containing the reason,",
            "    or an administrator runs: lienthong answer \(requestId) 16 --reason \"...\"",
        ]
    }

    static func codeNotation(of header: DocumentHeader) -> String {
        [header.code?.codeNumber, header.code?.codeNotation].compactMap { $0?.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "/")
    }
}
