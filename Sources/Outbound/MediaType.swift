/// The `ContentType` declared for an attachment, from its extension.
enum MediaType {
    static func of(fileName: String) -> String {
        let lowercased = fileName.lowercased()
        let known: [(String, String)] = [
            (".pdf", "application/pdf"),
            (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (".doc", "application/msword"),
            (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (".xls", "application/vnd.ms-excel"),
            (".odt", "application/vnd.oasis.opendocument.text"),
            (".zip", "application/zip"),
            (".p7s", "application/pkcs7-signature"),
            (".txt", "text/plain"),
            (".jpg", "image/jpeg"), (".jpeg", "image/jpeg"), (".png", "image/png"),
        ]
        return known.first { lowercased.hasSuffix($0.0) }?.1 ?? "application/octet-stream"
    }
}
