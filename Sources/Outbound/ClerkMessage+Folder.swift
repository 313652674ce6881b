import Config
import FolderWatch

extension ClerkMessage {
    /// A document folder that cannot be sent as it is: an odd file in it, a file too large, too many files, none.
    static func folderRefused(_ problem: DocumentFolderListing.Problem) -> ClerkMessage {
        let (vietnamese, english): (String, String) =
            switch problem {
            case .unsafe(let name, let reason):
                (
                    "Không gửi được: \"\(name)\" trong thư mục không phải là một tệp bình thường.",
                    "Not sent: \"\(name)\" in the folder is not an ordinary file (\(withoutServerPaths(reason)))."
                )
            case .tooLarge(let name, _, let limit):
                (
                    "Không gửi được: tệp \"\(name)\" lớn hơn giới hạn \(limit / 1_048_576) MiB.",
                    "Not sent: the file \"\(name)\" is larger than the \(limit / 1_048_576) MiB limit."
                )
            case .tooMany(let count, let limit):
                (
                    "Không gửi được: thư mục có \(count) tệp, nhiều hơn giới hạn \(limit) tệp đính kèm.",
                    "Not sent: the folder holds \(count) files, more than the limit of \(limit) attachments."
                )
            case .empty, .unreadable:
                (
                    "Không gửi được: thư mục không có tệp nào để gửi ngoài \(DocumentFolderRule.metadataFileName).",
                    "Not sent: the folder holds no file to send besides \(DocumentFolderRule.metadataFileName)."
                )
            }
        return ClerkMessage(
            vietnamese: vietnamese + "\nSửa trong thư mục này, rồi chuyển cả thư mục trở lại outbox/.",
            english: english + "\nFix it in this folder, then move the whole folder back into outbox/.")
    }

    /// Why a document folder's metadata stops it, field by field, and how to send it: correct `document.meta.yaml`
    /// inside the folder (a pre-filled example follows) and move the whole folder back into the outbox.
    static func incompleteFolderMetadata(_ resolution: MetadataResolution, folderName: String, folder: String)
        -> ClerkMessage
    {
        let metadataName = DocumentFolderRule.metadataFileName
        let outbox = folder.isEmpty ? "outbox/" : "outbox/\(folder)/"
        var (vietnamese, english) = problemLines(resolution, metadataFile: metadataName)
        vietnamese.append(
            """
            Cách gửi lại: sửa tệp "\(metadataName)" trong thư mục "\(folderName)" theo mẫu dưới đây (điền các mục \
            còn trống, sửa các mục sai), rồi chuyển cả thư mục trở lại \(outbox).
            """)
        english.append(
            """
            To send it: correct the file "\(metadataName)" in the folder "\(folderName)" after the example below \
            (fill in what is empty, correct what is wrong), then move the whole folder back into \(outbox).
            """)
        let appendix = """
            ----- \(metadataName) (mẫu / example) -----
            \(resolution.known.yamlText)-----
            """
        return ClerkMessage(
            vietnamese: vietnamese.joined(separator: "\n"), english: english.joined(separator: "\n"),
            appendix: appendix)
    }
}
