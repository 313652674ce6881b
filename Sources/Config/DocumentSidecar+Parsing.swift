import Foundation
import Yams

extension DocumentSidecar {
    /// Parses a sidecar with the configuration's YAML machinery: every problem is reported at once, each with the
    /// key, its line and what would be valid (value problems in Vietnamese and English). Unknown keys are
    /// reported with the closest valid one. An empty file is an empty sidecar.
    public static func parse(yaml: String, sourceName: String) throws(ConfigError) -> DocumentSidecar {
        let text = yaml.hasPrefix("\u{FEFF}") ? String(yaml.dropFirst()) : yaml
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigError(problems: [YAMLSyntaxProblem.problem(from: error)], sourceName: sourceName)
        }
        guard let root, !root.isEmptyValue else { return DocumentSidecar() }
        guard case .mapping(let mapping) = root else {
            throw ConfigError(
                keyPath: "", line: root.mark?.line,
                message: "expected lines such as 'so: 125' and 'trich_yeu: …', found \(root.kindDescription) "
                    + "(cần các dòng dạng 'so: 125', 'trich_yeu: …')", sourceName: sourceName)
        }
        let diagnostics = Diagnostics()
        let reader = MappingReader(mapping: mapping, path: "", line: nil, diagnostics: diagnostics)
        let sidecar = SidecarDecoder(reader: reader).decode()
        reader.reportUnknownKeys(
            secretAdvice:
                "a metadata file describes a document; it never holds a secret (tệp mô tả không chứa mật khẩu)")
        guard diagnostics.problems.isEmpty else {
            throw ConfigError(problems: diagnostics.sortedProblems, sourceName: sourceName)
        }
        return sidecar
    }
}

/// Reads the keys of one sidecar; see ``DocumentSidecar/keys``.
private struct SidecarDecoder {
    let reader: MappingReader

    func decode() -> DocumentSidecar {
        var sidecar = DocumentSidecar()
        sidecar.number = text("so", "number")
        sidecar.notation = text("ky_hieu", "notation")
        sidecar.date = date("ngay", "date")
        sidecar.subject = text("trich_yeu", "subject")
        sidecar.content = text("noi_dung", "content")
        sidecar.typeName = text("loai_van_ban", "type_name")
        sidecar.documentType = number(
            "nhom_van_ban", "document_type", range: 1...2,
            meaning: ("1 văn bản quy phạm pháp luật, 2 văn bản hành chính", "1 legal, 2 administrative"))
        sidecar.typeDetail = number("ma_loai_van_ban", "type_detail", range: 0...9999, meaning: ("mã số", "a code"))
        sidecar.signerName = text("nguoi_ky", "signer")
        sidecar.signerPosition = text("chuc_vu", "position")
        sidecar.signerCompetence = text("tham_quyen", "competence")
        sidecar.place = text("noi_ban_hanh", "place")
        sidecar.priority = priority()
        sidecar.steeringType = number(
            "chi_dao", "steering_type", range: 0...2,
            meaning: ("0 không, 1 chỉ đạo, 2 chỉ đạo và báo cáo", "0 none, 1 steering, 2 steering and report"))
        sidecar.recipients = recipients()
        sidecar.dueDate = date("han_xu_ly", "due_date")
        sidecar.pageAmount = number("so_trang", "page_amount", range: 1...100_000, meaning: ("số trang", "pages"))
        sidecar.promulgationAmount = number(
            "so_ban", "promulgation_amount", range: 1...100_000, meaning: ("số bản", "copies"))
        sidecar.secrecy = text("do_mat", "secret")
        splitNumberFromNotation(&sidecar)
        return sidecar
    }

    private func text(_ vietnamese: String, _ english: String) -> String? {
        let key = reader.aliasedKey(vietnamese, english)
        return reader.string(key).map { $0.precomposedStringWithCanonicalMapping }
    }

    private func date(_ vietnamese: String, _ english: String) -> String? {
        let key = reader.aliasedKey(vietnamese, english)
        guard let text = reader.string(key) else { return nil }
        guard let date = CalendarDateSyntax.wireDate(from: text) else {
            reader.report(
                key,
                "'\(text)' không phải là ngày có thật; ghi dạng 2026-11-20 hoặc 20/11/2026 / is not a real date; "
                    + "write it as \(CalendarDateSyntax.examples)")
            return nil
        }
        return date
    }

    private func number(
        _ vietnamese: String, _ english: String, range: ClosedRange<Int>, meaning: (vietnamese: String, english: String)
    ) -> Int? {
        let key = reader.aliasedKey(vietnamese, english)
        guard let text = reader.string(key) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            reader.report(
                key,
                "'\(text)' không hợp lệ; ghi số từ \(range.lowerBound) đến \(range.upperBound) "
                    + "(\(meaning.vietnamese)) / is not valid; use a number from \(range.lowerBound) to "
                    + "\(range.upperBound) (\(meaning.english))"
            )
            return nil
        }
        return value
    }

    /// 0–4, or the words clerks use: thường, khẩn, thượng khẩn, hỏa tốc, hỏa tốc hẹn giờ (accents optional).
    private func priority() -> Int? {
        let key = reader.aliasedKey("do_khan", "priority")
        guard let text = reader.string(key) else { return nil }
        if let value = Int(text), (0...4).contains(value) { return value }
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let words: [String: Int] = [
            "thuong": 0, "binh thuong": 0, "normal": 0, "khan": 1, "urgent": 1, "thuong khan": 2,
            "very urgent": 2, "hoa toc": 3, "flash": 3, "hoa toc hen gio": 4,
        ]
        if let value = words[folded] { return value }
        reader.report(
            key,
            "'\(text)' không hợp lệ; ghi 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ / is not valid; "
                + "use 0 normal, 1 urgent, 2 very urgent, 3 flash, 4 flash at a set time")
        return nil
    }

    /// A list, or one text with codes separated by `+`, `,`, `;` or spaces.
    private func recipients() -> [String] {
        let key = reader.aliasedKey("noi_nhan", "recipients")
        guard let node = reader.node(key) else { return [] }
        let items: [String]
        if case .scalar = node {
            items = (reader.string(key) ?? "").split(whereSeparator: { "+,; \t\n".contains($0) }).map(String.init)
        } else {
            items = reader.stringList(key)
        }
        var unique: [String] = []
        for item in items.map({ $0.precomposedStringWithCanonicalMapping }) where !unique.contains(item) {
            if item.contains("/") {
                reader.report(
                    key,
                    "'\(item)' không phải mã định danh / is not an agency code; write codes such as 000.00.00.H26")
                continue
            }
            unique.append(item)
        }
        return unique
    }

    /// Clerks often write the whole `125/UBND-VX` as the notation: split off a leading number that is missing or
    /// repeated.
    private func splitNumberFromNotation(_ sidecar: inout DocumentSidecar) {
        guard let notation = sidecar.notation, let slash = notation.firstIndex(of: "/") else { return }
        let prefix = String(notation[..<slash]).trimmingWhitespace()
        let rest = String(notation[notation.index(after: slash)...]).trimmingWhitespace()
        guard !prefix.isEmpty, !rest.isEmpty, prefix.allSatisfy({ $0.isASCII && $0.isNumber }) else { return }
        if sidecar.number == nil {
            sidecar.number = prefix
            sidecar.notation = rest
        } else if sidecar.number == prefix {
            sidecar.notation = rest
        }
    }
}
