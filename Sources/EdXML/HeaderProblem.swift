/// One thing wrong with a document's MessageHeader, in the words a clerk (văn thư) uses.
///
/// `description` reads like `Trích yếu (subject): chưa có / missing`.
public struct HeaderProblem: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The header field, named as clerks name it.
    public enum Field: String, Sendable, CaseIterable {
        case subject
        case content
        case codeNumber
        case codeNotation
        case promulgationDate
        case documentType
        case typeName
        case priority
        case steeringType
        case senderCode
        case senderName
        case recipients
        case recipientName
        case attachmentName

        /// The clerk's Vietnamese name of the field.
        public var vietnamese: String {
            switch self {
            case .subject: "Trích yếu"
            case .content: "Nội dung"
            case .codeNumber: "Số"
            case .codeNotation: "Ký hiệu"
            case .promulgationDate: "Ngày ban hành"
            case .documentType: "Nhóm văn bản"
            case .typeName: "Loại văn bản"
            case .priority: "Độ khẩn"
            case .steeringType: "Chỉ đạo"
            case .senderCode: "Mã định danh đơn vị gửi"
            case .senderName: "Tên đơn vị gửi"
            case .recipients: "Nơi nhận"
            case .recipientName: "Tên đơn vị nhận"
            case .attachmentName: "Tên tệp đính kèm"
            }
        }

        /// The English name of the field.
        public var english: String {
            switch self {
            case .subject: "subject"
            case .content: "content"
            case .codeNumber: "number"
            case .codeNotation: "notation"
            case .promulgationDate: "date of issue"
            case .documentType: "document group"
            case .typeName: "document type"
            case .priority: "priority"
            case .steeringType: "steering type"
            case .senderCode: "sender code"
            case .senderName: "sender name"
            case .recipients: "recipients"
            case .recipientName: "recipient name"
            case .attachmentName: "attachment name"
            }
        }

        /// The edXML element, for administrators.
        public var element: String {
            switch self {
            case .subject: "Subject"
            case .content: "Content"
            case .codeNumber: "Code/CodeNumber"
            case .codeNotation: "Code/CodeNotation"
            case .promulgationDate: "PromulgationInfo/PromulgationDate"
            case .documentType: "DocumentType/Type"
            case .typeName: "DocumentType/TypeName"
            case .priority: "OtherInfo/Priority"
            case .steeringType: "SteeringType"
            case .senderCode: "From/OrganId"
            case .senderName: "From/OrganName"
            case .recipients: "To"
            case .recipientName: "To/OrganName"
            case .attachmentName: "AttachmentName"
            }
        }
    }

    public var field: Field
    /// What is wrong, in Vietnamese, without the field name.
    public var vietnamese: String
    /// What is wrong, in English, without the field name.
    public var english: String

    public init(field: Field, vietnamese: String, english: String) {
        self.field = field
        self.vietnamese = vietnamese
        self.english = english
    }

    /// `Trích yếu (subject): chưa có`.
    public var vietnameseText: String { "\(field.vietnamese) (\(field.english)): \(vietnamese)" }

    /// `Subject (trích yếu): missing`.
    public var englishText: String {
        "\(field.english.capitalizedFirst) (\(field.vietnamese.lowercased())): \(english)"
    }

    public var description: String { "\(field.vietnamese) (\(field.english)): \(vietnamese) / \(english)" }

    static func missing(_ field: Field, hintVietnamese: String, hintEnglish: String) -> HeaderProblem {
        HeaderProblem(field: field, vietnamese: "chưa có; \(hintVietnamese)", english: "missing; \(hintEnglish)")
    }
}

extension String {
    fileprivate var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
