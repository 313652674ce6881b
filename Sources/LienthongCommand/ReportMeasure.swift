import StateStore

/// One figure of the monthly report, with its heading in Vietnamese and English; shared by the text and CSV forms
/// so that both list the same figures in the same order.
struct ReportMeasure: Sendable {
    enum Value: Sendable {
        case count(Int)
        /// Seconds; nil when no document of the row got there.
        case duration(Double?)
    }

    var vietnamese: String
    var english: String
    var value: @Sendable (MonthlyReportRow) -> Value

    var heading: String { "\(vietnamese) / \(english)" }

    static let all: [ReportMeasure] =
        [
            ReportMeasure(vietnamese: "Đã gửi", english: "Sent") { .count($0.sent) },
            ReportMeasure(vietnamese: "Gửi lỗi", english: "Failed") { .count($0.failed) },
            ReportMeasure(vietnamese: "Đang gửi", english: "Sending") { .count($0.sending) },
            ReportMeasure(vietnamese: "Đã nhận", english: "Received") { .count($0.received) },
            ReportMeasure(vietnamese: "Cách ly", english: "Quarantined") { .count($0.quarantined) },
            ReportMeasure(vietnamese: "Chữ ký hợp lệ", english: "Valid signature") { .count($0.validlySigned) },
            ReportMeasure(vietnamese: "Hợp lệ một phần", english: "Partly valid") { .count($0.partlyValid) },
            ReportMeasure(vietnamese: "Không ký hoặc không hợp lệ", english: "Unsigned or invalid") {
                .count($0.unsignedOrInvalid)
            },
            ReportMeasure(vietnamese: "Chưa rõ chữ ký", english: "Signature unknown") { .count($0.verdictUnknown) },
        ]
        + MonthlyReportRow.statusCodes.map { code in
            ReportMeasure(vietnamese: "Nhận trạng thái \(code)", english: "Status \(code) received") {
                .count($0.statuses[code] ?? 0)
            }
        }
        + MonthlyReportRow.answerCodes.map { code in
            ReportMeasure(vietnamese: "Đã trả lời \(code)", english: "Answered \(code)") {
                .count($0.answers[code] ?? 0)
            }
        }
        + [
            ReportMeasure(vietnamese: "Trung vị thả → trục", english: "Median drop → axis") {
                .duration($0.medianSecondsToAxis)
            },
            ReportMeasure(vietnamese: "Trung vị liệt kê → hộp đến", english: "Median listing → inbox") {
                .duration($0.medianSecondsToInbox)
            },
        ]

    /// The header line both forms start with: the month, the zone, and how outbound signatures are counted.
    static func title(_ report: MonthlyReport) -> [String] {
        [
            "Báo cáo tháng \(report.month) (giờ Việt Nam) / Monthly report for \(report.month) (Vietnam time)",
            "Văn bản đi đã gửi được ký số bởi chính cơ quan (PAdES/CMS) nên tính là chữ ký hợp lệ; "
                + "chữ ký văn bản đến theo kết quả kiểm tra khi nhận. / Documents we sent are signed by us "
                + "(PAdES/CMS) and count as validly signed; received documents as verified on delivery.",
        ]
    }
}
