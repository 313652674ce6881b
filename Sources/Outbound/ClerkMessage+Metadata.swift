import Config
import EdXML

extension ClerkMessage {
    /// Why a document's metadata stops it, field by field, and how to send it: a metadata file to put next to it,
    /// pre-filled with every value lienthong could find, or (when one applied) a file name that follows the pattern
    /// of the file's outbox folder, else the agency's.
    static func incompleteMetadata(_ resolution: MetadataResolution, fileName: String, folder: String) -> ClerkMessage {
        let sidecarName = fileName + DocumentSidecar.suffix
        let outbox = folder.isEmpty ? "outbox/" : "outbox/\(folder)/"
        var (vietnamese, english) = problemLines(resolution, metadataFile: sidecarName)
        vietnamese.append(
            """
            Cách gửi lại: tạo tệp "\(sidecarName)" với nội dung như mẫu dưới đây (điền các mục còn trống, sửa các \
            mục sai), chép tệp đó vào \(outbox), rồi chép "\(fileName)" vào cạnh nó.
            """)
        english.append(
            """
            To send it: create the file "\(sidecarName)" with the content of the example below (fill in what is \
            empty, correct what is wrong), copy it into \(outbox), then copy "\(fileName)" next to it.
            """)
        if let pattern = resolution.filenamePattern {
            let known = resolution.known
            let example = pattern.example(
                number: known.number ?? "125", notation: known.notation ?? "UBND-VX",
                date: known.date ?? "2026/11/20", subject: known.subject ?? "Trích yếu",
                fileExtension: Self.fileExtension(of: fileName))
            vietnamese.append("Hoặc đặt tên tệp theo mẫu \(pattern.template), ví dụ: \(example)")
            english.append("Or name the file after the pattern \(pattern.template), for example: \(example)")
        }
        let appendix = """
            ----- \(sidecarName) (mẫu / example) -----
            \(resolution.known.yamlText)-----
            """
        return ClerkMessage(
            vietnamese: vietnamese.joined(separator: "\n"), english: english.joined(separator: "\n"),
            appendix: appendix)
    }

    /// "Not sent: …" then one line per missing or wrong value, then the metadata file's own errors, in Vietnamese
    /// and in English.
    static func problemLines(_ resolution: MetadataResolution, metadataFile: String) -> ([String], [String]) {
        var vietnamese = ["Không gửi được: thông tin văn bản còn thiếu hoặc chưa đúng:"]
        var english = ["Not sent: the document's details are missing or wrong:"]
        for problem in resolution.problems {
            vietnamese.append("  - \(problem.vietnameseText)")
            english.append("  - \(problem.englishText)")
        }
        if !resolution.sidecarProblems.isEmpty {
            // The problems are worded in English by the YAML reader: the Vietnamese paragraph names where they are.
            vietnamese.append("Tệp mô tả \(metadataFile) có lỗi (giải thích bằng tiếng Anh ở phần dưới):")
            english.append("The metadata file \(metadataFile) has errors:")
            for problem in resolution.sidecarProblems {
                let place = [
                    problem.keyPath.isEmpty ? nil : "mục \(problem.keyPath)", problem.line.map { "dòng \($0)" },
                ]
                .compactMap { $0 }
                vietnamese.append("  - " + (place.isEmpty ? "cả tệp" : place.joined(separator: ", ")))
                english.append("  - " + withoutServerPaths(problem.description))
            }
        }
        return (vietnamese, english)
    }

    private static func fileExtension(of name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }
}
