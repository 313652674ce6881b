import SystemSupport

/// A message for the clerks who read `failed/x.pdf.error.txt`: Vietnamese first, English second.
///
/// The Vietnamese paragraph is Vietnamese only: a technical reason (English, from a library or the system) goes in
/// the English paragraph and in the technical detail at the end, never inside the Vietnamese sentences. Neither
/// carries a path of the server (``ServerPaths``): the clerk reaches the share through Samba, and the admin has the
/// whole reason in the journal and in `lienthong show`.
struct ClerkMessage: Sendable {
    let vietnamese: String
    let english: String
    /// Text for both languages after the explanations, e.g. an example metadata file to fill in.
    var appendix: String? = nil

    func text(fileName: String, detail: String) -> String {
        let appendix = self.appendix.map { "\n\($0)\n" } ?? ""
        return """
            Văn bản: \(fileName)
            \(vietnamese)

            Document: \(fileName)
            \(english)
            \(appendix)
            Chi tiết kỹ thuật / Technical detail: \(Self.withoutServerPaths(detail))

            """
    }

    /// `text` with every path of the server replaced by a placeholder.
    static func withoutServerPaths(_ text: String) -> String {
        ServerPaths.redacted(text, placeholder: ServerPaths.clerkPlaceholder)
    }

    static func unknownRecipientFolder(_ folder: String) -> ClerkMessage {
        ClerkMessage(
            vietnamese: """
                Không gửi được: thư mục "\(folder)" không phải là mã định danh của đơn vị nhận.
                Hãy đặt tệp vào thư mục outbox/<mã đơn vị nhận>/ (ví dụ outbox/000.00.00.H26/) rồi chép lại.
                """,
            english: """
                Not sent: the folder "\(folder)" is not a recipient agency code.
                Put the file in outbox/<recipient code>/ (for example outbox/000.00.00.H26/) and copy it again.
                """)
    }

    /// A secret document (văn bản mật): Decision 28/2018 keeps it off the axis.
    static func secret(_ marking: SecretMarking) -> ClerkMessage {
        let (vietnameseWhy, englishWhy) =
            switch marking {
            case .folder(let folder):
                (
                    "tệp được đặt trong thư mục outbox/\(folder)/, thư mục dành cho văn bản mật",
                    "it was put in outbox/\(folder)/, the folder for secret documents"
                )
            case .metadata(let level):
                ("tệp mô tả ghi độ mật \"\(level)\"", "its metadata file gives the secrecy level \"\(level)\"")
            }
        return ClerkMessage(
            vietnamese: """
                Không ký số và không gửi: đây là văn bản mật (\(vietnameseWhy)). Theo Quyết định 28/2018/QĐ-TTg, văn
                bản mật không được gửi qua Trục liên thông văn bản quốc gia. Hãy chuyển văn bản theo đường văn bản
                mật của cơ quan. Nếu văn bản không mật, bỏ độ mật (do_mat) hoặc chép tệp vào thư mục khác của
                outbox/.
                """,
            english: """
                Not signed and not sent: this is a secret document (\(englishWhy)). Under Decision 28/2018/QĐ-TTg,
                secret documents never go on the national document axis. Send it through the agency's channel for
                secret documents. If it is not secret, remove the secrecy level (do_mat) or copy the file into
                another folder of outbox/.
                """)
    }

    static func rejectedByAxis(_ axisMessage: String) -> ClerkMessage {
        ClerkMessage(
            vietnamese: """
                Trục liên thông từ chối văn bản. Thông báo của trục: "\(axisMessage)".
                Kiểm tra mã đơn vị nhận và thông tin văn bản, rồi chép lại tệp vào outbox/ hoặc báo quản trị viên.
                """,
            english: """
                The national axis refused the document. The axis said: "\(axisMessage)".
                Check the recipient code and the document details, then copy the file into outbox/ again or tell
                the administrator.
                """)
    }

    static func unsafeFile(_ reason: String) -> ClerkMessage {
        ClerkMessage(
            vietnamese: """
                Không gửi được: đây không phải là một tệp bình thường (có thể là lối tắt, liên kết hoặc thư mục). Hãy \
                chép bản gốc của tệp.
                """,
            english:
                "Not sent: this is not an ordinary file (\(withoutServerPaths(reason))). Copy the original file itself."
        )
    }

    static func unsignablePDF(_ reason: String) -> ClerkMessage {
        ClerkMessage(
            vietnamese: """
                Không ký số được tệp PDF này. Tệp có thể đã đặt mật khẩu, bị hỏng, hoặc bị khóa không cho
                sửa. Hãy xuất lại PDF từ phần mềm soạn thảo (không đặt mật khẩu) rồi chép lại vào outbox/.
                """,
            english: """
                This PDF cannot be signed (\(withoutServerPaths(reason))). It may be password-protected, damaged, or
                locked against changes. Export the PDF again from the editor (without a password) and copy it into
                outbox/ again.
                """)
    }

    /// The number/notation cannot be written in the Decree 30 visible signature box.
    static func unprintableNotation(_ reason: String) -> ClerkMessage {
        ClerkMessage(
            vietnamese: """
                Không tạo được ô chữ ký số hiển thị (Nghị định 30) vì số và ký hiệu văn bản có ký tự không in được. Hãy
                sửa số, ký hiệu trong tệp mô tả hoặc tên tệp rồi chép lại vào outbox/.
                """,
            english: """
                The visible signature box (Decree 30) cannot show the number and notation (\(reason)). Correct the
                number or notation in the metadata file or the file name and copy the file into outbox/ again.
                """)
    }

    static func tooLarge(limit: Int64) -> ClerkMessage {
        ClerkMessage(
            vietnamese: "Không gửi được: tệp lớn hơn giới hạn \(limit / 1_048_576) MiB.",
            english: "Not sent: the file is larger than the \(limit / 1_048_576) MiB limit.")
    }

    static func internalError(_ what: String) -> ClerkMessage {
        ClerkMessage(
            vietnamese: "Không gửi được do lỗi của phần mềm lienthong. Hãy báo quản trị viên.",
            english: "Not sent because of a lienthong error (\(withoutServerPaths(what))). Tell the administrator.")
    }
}
