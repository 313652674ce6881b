import Foundation

/// Checks a document MessageHeader against the value rules of axis-protocol.md section 4 before it is sent.
///
/// Rules: Subject, CodeNumber, CodeNotation, PromulgationDate, Type and TypeName are required; the date is
/// `yyyy/MM/dd`, a real calendar day, and not later than today in Vietnam; Type is 1 or 2; Priority 0–4 and
/// SteeringType 0–2 when present; at least one recipient; lengths at most 500 (Subject, Content,
/// AttachmentName), 11 (CodeNumber), 30 (CodeNotation), 200 (OrganName), counted in characters. The number
/// must not contain `/` or `,` and the notation must not contain `,`: both would break the `DocumentId`.
/// Values are trimmed before they are checked; a value of only spaces is missing.
public struct EdXMLValidator: Sendable {
    public static let maximumSubjectLength = 500
    public static let maximumContentLength = 500
    public static let maximumCodeNumberLength = 11
    public static let maximumCodeNotationLength = 30
    public static let maximumOrganNameLength = 200
    public static let maximumAttachmentNameLength = 500

    /// "Today" is the calendar day of this instant in Vietnam.
    public let now: Date

    public init(now: Date = Date()) {
        self.now = now
    }

    /// The Vietnam time zone (UTC+7, no daylight saving time). Always Vietnam, whatever the configuration's
    /// `time_zone`: the axis's validator judges "not in the future" in Vietnam (axis-protocol.md section 4).
    public static let vietnamTimeZone: TimeZone = VietnamTime.zone

    /// Every problem with `header` and the names of its attachments, in field order; empty when it may be sent.
    public func problems(in header: DocumentHeader, attachmentNames: [String] = []) -> [HeaderProblem] {
        var problems: [HeaderProblem] = []
        checkSender(header.from, into: &problems)
        checkCode(header.code, into: &problems)
        checkDate(header.promulgationInfo?.promulgationDate, into: &problems)
        checkDocumentType(header.documentType, into: &problems)
        checkText(
            header.subject, .subject, required: true, maximum: Self.maximumSubjectLength,
            hint: ("ghi trích yếu nội dung văn bản", "give a short summary of the document"), into: &problems)
        checkText(header.content, .content, required: false, maximum: Self.maximumContentLength, into: &problems)
        checkNumber(
            header.otherInfo?.priority, .priority, range: 0...4,
            meaning: (
                "0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ",
                "0 normal, 1 urgent, 2 very urgent, 3 flash, 4 flash at a set time"
            ), into: &problems)
        checkNumber(
            header.steeringType, .steeringType, range: 0...2,
            meaning: ("0 không, 1 chỉ đạo, 2 chỉ đạo và báo cáo", "0 none, 1 steering, 2 steering and report"),
            into: &problems)
        checkRecipients(header.to, into: &problems)
        for name in attachmentNames {
            checkText(
                name, .attachmentName, required: true, maximum: Self.maximumAttachmentNameLength,
                hint: ("đặt tên cho tệp", "give the file a name"), into: &problems)
        }
        return problems
    }

    /// Throws every problem at once, or returns when the header may be sent.
    public func validate(_ header: DocumentHeader, attachmentNames: [String] = []) throws(HeaderValidationError) {
        let found = problems(in: header, attachmentNames: attachmentNames)
        if !found.isEmpty { throw HeaderValidationError(problems: found) }
    }

    /// Today in Vietnam as `yyyy/MM/dd`.
    public var today: String { Self.wireDate(of: now) }

    /// `date` as `yyyy/MM/dd` in Vietnam time.
    public static func wireDate(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = vietnamTimeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d/%02d/%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Whether `text` is `yyyy/MM/dd` naming a day that exists (2026/02/30 does not).
    public static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1
        else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    private func checkSender(_ from: Organization, into problems: inout [HeaderProblem]) {
        if from.organId.trimmingWhitespace().isEmpty {
            problems.append(
                .missing(
                    .senderCode, hintVietnamese: "quản trị viên cần khai báo mã định danh của đơn vị",
                    hintEnglish: "the administrator must configure the agency code"))
        }
        checkText(from.organName, .senderName, required: false, maximum: Self.maximumOrganNameLength, into: &problems)
    }

    private func checkCode(_ code: DocumentHeader.Code?, into problems: inout [HeaderProblem]) {
        let number = code?.codeNumber?.trimmingWhitespace() ?? ""
        if number.isEmpty {
            problems.append(
                .missing(
                    .codeNumber, hintVietnamese: "ghi số văn bản (ví dụ 125)",
                    hintEnglish: "give the document's number (for example 125)"))
        } else if number.contains("/") || number.contains(",") {
            problems.append(
                HeaderProblem(
                    field: .codeNumber,
                    vietnamese: "\"\(number)\" không được chứa dấu / hoặc dấu phẩy; chỉ ghi số, ký hiệu ghi riêng",
                    english: "\"\(number)\" must not contain / or a comma; give the number alone, the notation apart"))
        } else {
            checkLength(number, .codeNumber, maximum: Self.maximumCodeNumberLength, into: &problems)
        }
        let notation = code?.codeNotation?.trimmingWhitespace() ?? ""
        if notation.isEmpty {
            problems.append(
                .missing(
                    .codeNotation, hintVietnamese: "ghi ký hiệu văn bản (ví dụ UBND-VX)",
                    hintEnglish: "give the document's notation (for example UBND-VX)"))
        } else if notation.contains(",") {
            problems.append(
                HeaderProblem(
                    field: .codeNotation, vietnamese: "\"\(notation)\" không được chứa dấu phẩy",
                    english: "\"\(notation)\" must not contain a comma"))
        } else {
            checkLength(notation, .codeNotation, maximum: Self.maximumCodeNotationLength, into: &problems)
        }
    }

    private func checkDate(_ value: String?, into problems: inout [HeaderProblem]) {
        let date = value?.trimmingWhitespace() ?? ""
        guard !date.isEmpty else {
            problems.append(
                .missing(
                    .promulgationDate, hintVietnamese: "ghi ngày ban hành (ví dụ 2026-11-20)",
                    hintEnglish: "give the date of issue (for example 2026-11-20)"))
            return
        }
        guard Self.isCalendarDate(date) else {
            problems.append(
                HeaderProblem(
                    field: .promulgationDate, vietnamese: "\"\(date)\" không phải là ngày hợp lệ dạng năm/tháng/ngày",
                    english: "\"\(date)\" is not a valid date in the form yyyy/MM/dd"))
            return
        }
        if date > today {
            problems.append(
                HeaderProblem(
                    field: .promulgationDate, vietnamese: "\(date) là ngày trong tương lai (hôm nay là \(today))",
                    english: "\(date) is in the future (today is \(today))"))
        }
    }

    private func checkDocumentType(_ type: DocumentHeader.DocumentType?, into problems: inout [HeaderProblem]) {
        let group = type?.type?.trimmingWhitespace() ?? ""
        if group.isEmpty {
            problems.append(
                .missing(
                    .documentType, hintVietnamese: "ghi 1 (văn bản quy phạm pháp luật) hoặc 2 (văn bản hành chính)",
                    hintEnglish: "give 1 (legal document) or 2 (administrative document)"))
        } else if group != "1" && group != "2" {
            problems.append(
                HeaderProblem(
                    field: .documentType,
                    vietnamese: "\"\(group)\" không hợp lệ; ghi 1 (quy phạm pháp luật) hoặc 2 (hành chính)",
                    english: "\"\(group)\" is not valid; use 1 (legal document) or 2 (administrative document)"))
        }
        checkText(
            type?.typeName, .typeName, required: true, maximum: nil,
            hint: ("ghi tên loại văn bản (ví dụ Công văn, Quyết định)", "give the type (for example Công văn)"),
            into: &problems)
    }

    private func checkRecipients(_ recipients: [Organization], into problems: inout [HeaderProblem]) {
        let codes = recipients.map { $0.organId.trimmingWhitespace() }
        if codes.isEmpty || codes.allSatisfy(\.isEmpty) {
            problems.append(
                .missing(
                    .recipients, hintVietnamese: "ghi mã định danh đơn vị nhận (ví dụ 000.00.00.H26)",
                    hintEnglish: "give the recipient agency code (for example 000.00.00.H26)"))
        } else if codes.contains(where: \.isEmpty) {
            problems.append(
                HeaderProblem(
                    field: .recipients, vietnamese: "có đơn vị nhận không có mã định danh",
                    english: "a recipient has no agency code"))
        }
        for recipient in recipients {
            checkText(
                recipient.organName, .recipientName, required: false, maximum: Self.maximumOrganNameLength,
                into: &problems)
        }
    }

    private func checkText(
        _ value: String?, _ field: HeaderProblem.Field, required: Bool, maximum: Int?,
        hint: (vietnamese: String, english: String) = ("", ""), into problems: inout [HeaderProblem]
    ) {
        let text = value?.trimmingWhitespace() ?? ""
        if text.isEmpty {
            if required {
                problems.append(.missing(field, hintVietnamese: hint.vietnamese, hintEnglish: hint.english))
            }
            return
        }
        if let maximum { checkLength(text, field, maximum: maximum, into: &problems) }
    }

    private func checkLength(
        _ text: String, _ field: HeaderProblem.Field, maximum: Int, into problems: inout [HeaderProblem]
    ) {
        guard text.count > maximum else { return }
        problems.append(
            HeaderProblem(
                field: field, vietnamese: "dài \(text.count) ký tự; tối đa \(maximum) ký tự",
                english: "is \(text.count) characters long; at most \(maximum) are allowed"))
    }

    private func checkNumber(
        _ value: String?, _ field: HeaderProblem.Field, range: ClosedRange<Int>,
        meaning: (vietnamese: String, english: String), into problems: inout [HeaderProblem]
    ) {
        let text = value?.trimmingWhitespace() ?? ""
        guard !text.isEmpty else { return }
        guard let number = Int(text), range.contains(number), text.allSatisfy(\.isASCII) else {
            problems.append(
                HeaderProblem(
                    field: field, vietnamese: "\"\(text)\" không hợp lệ; ghi \(meaning.vietnamese)",
                    english: "\"\(text)\" is not valid; use \(meaning.english)"))
            return
        }
    }
}
