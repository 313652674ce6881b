import Foundation

extension DocumentSidecar {
    /// The sidecar as a YAML file a clerk can edit: every key in the order of the example file, empty ones as `""`,
    /// each with its meaning as a comment (Vietnamese / English). ``parse(yaml:sourceName:)`` reads it back
    /// to the same values.
    public var yamlText: String {
        let lines: [(key: String, value: String, comment: String)] = [
            ("so", quoted(number), "Số văn bản / number, e.g. 125"),
            ("ky_hieu", quoted(notation), "Ký hiệu / notation, e.g. UBND-VX"),
            ("ngay", quoted(date.map(Self.isoDate)), "Ngày ban hành / date of issue, e.g. 2026-11-20"),
            ("trich_yeu", quoted(subject), "Trích yếu / subject"),
            ("noi_dung", quoted(content), "Nội dung tóm tắt / content (optional)"),
            ("loai_van_ban", quoted(typeName), "Loại văn bản / type, e.g. Công văn, Quyết định"),
            ("nhom_van_ban", plain(documentType), "1 quy phạm pháp luật, 2 hành chính / 1 legal, 2 administrative"),
            ("ma_loai_van_ban", plain(typeDetail), "Mã loại văn bản / type code (optional)"),
            ("nguoi_ky", quoted(signerName), "Người ký / signer"),
            ("chuc_vu", quoted(signerPosition), "Chức vụ / position"),
            ("tham_quyen", quoted(signerCompetence), "Thẩm quyền ký / competence, e.g. KT. Chủ tịch"),
            ("noi_ban_hanh", quoted(place), "Nơi ban hành / place"),
            ("do_khan", plain(priority), "0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ"),
            ("chi_dao", plain(steeringType), "0 không, 1 chỉ đạo, 2 chỉ đạo và báo cáo / steering"),
            (
                "noi_nhan", "[" + recipients.map { quoted($0) }.joined(separator: ", ") + "]",
                "Nơi nhận: mã định danh / recipient codes, e.g. [000.00.00.H26]"
            ),
            ("han_xu_ly", quoted(dueDate.map(Self.isoDate)), "Hạn xử lý / due date (optional)"),
            ("so_trang", plain(pageAmount), "Số trang / pages (optional)"),
            ("so_ban", plain(promulgationAmount), "Số bản / copies (optional)"),
            ("do_mat", quoted(secrecy), "Độ mật: để trống; văn bản mật không gửi qua trục / secrecy: leave empty"),
        ]
        return lines.map { "\($0.key): \($0.value)  # \($0.comment)" }.joined(separator: "\n") + "\n"
    }

    /// `2026/11/20` → `2026-11-20`, the form clerks type.
    private static func isoDate(_ wire: String) -> String { wire.replacingOccurrences(of: "/", with: "-") }

    private func plain(_ value: Int?) -> String { value.map(String.init) ?? "\"\"" }

    /// A YAML double-quoted scalar: always safe, whatever the text holds.
    private func quoted(_ value: String?) -> String {
        var result = "\""
        for scalar in (value ?? "").unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF
                {
                    result += String(format: "\\u%04X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
