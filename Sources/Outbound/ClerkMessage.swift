/// A message for the clerks who read `failed/x.pdf.error.txt`: Vietnamese first, English second.
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
            Chi tiết kỹ thuật / Technical detail: \(detail)

            """
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
            vietnamese: "Không gửi được: đây không phải là một tệp bình thường (\(reason)). Hãy chép bản gốc của tệp.",
            english: "Not sent: this is not an ordinary file (\(reason)). Copy the original file itself.")
    }

    static func unsignablePDF(_ reason: String) -> ClerkMessage {
        ClerkMessage(
            vietnamese: """
                Không ký số được tệp PDF này (\(reason)). Tệp có thể đã đặt mật khẩu, bị hỏng, hoặc bị khóa không cho
                sửa. Hãy xuất lại PDF từ phần mềm soạn thảo (không đặt mật khẩu) rồi chép lại vào outbox/.
                """,
            english: """
                This PDF cannot be signed (\(reason)). It may be password-protected, damaged, or locked against
                changes. Export the PDF again from the editor (without a password) and copy it into outbox/ again.
                """)
    }

    /// The number/notation cannot be written in the Decree 30 visible signature box.
    static func unprintableNotation(_ reason: String) -> ClerkMessage {
        ClerkMessage(
            vietnamese: """
                Không tạo được ô chữ ký số hiển thị (Nghị định 30) vì số và ký hiệu văn bản (\(reason)). Hãy sửa số, ký
                hiệu trong tệp mô tả hoặc tên tệp rồi chép lại vào outbox/.
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
            vietnamese: "Không gửi được do lỗi của phần mềm lienthong (\(what)). Hãy báo quản trị viên.",
            english: "Not sent because of a lienthong error (\(what)). Tell the administrator.")
    }
}
