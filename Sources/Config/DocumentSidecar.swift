/// What a metadata file next to a document (`x.pdf.meta.yaml`) says about it. Every field is optional: what the
/// sidecar does not give comes from the file name pattern, the recipient folder or the agency's defaults.
///
/// The keys are documented in `etc/lienthong/document.meta.example.yaml`; each has a Vietnamese name and an English
/// alias. Texts are trimmed and in Unicode NFC; dates are `yyyy/MM/dd`.
public struct DocumentSidecar: Sendable, Equatable {
    /// `so` / `number`: Code/CodeNumber.
    public var number: String?
    /// `ky_hieu` / `notation`: Code/CodeNotation.
    public var notation: String?
    /// `ngay` / `date`: PromulgationInfo/PromulgationDate, `yyyy/MM/dd`.
    public var date: String?
    /// `trich_yeu` / `subject`.
    public var subject: String?
    /// `noi_dung` / `content`.
    public var content: String?
    /// `loai_van_ban` / `type_name`: DocumentType/TypeName, e.g. Công văn, Quyết định.
    public var typeName: String?
    /// `nhom_van_ban` / `document_type`: DocumentType/Type, 1 legal or 2 administrative.
    public var documentType: Int?
    /// `ma_loai_van_ban` / `type_detail`: DocumentType/TypeDetail.
    public var typeDetail: Int?
    /// `nguoi_ky` / `signer`: SignerInfo/FullName.
    public var signerName: String?
    /// `chuc_vu` / `position`: SignerInfo/Position.
    public var signerPosition: String?
    /// `tham_quyen` / `competence`: SignerInfo/Competence, e.g. `KT. Chủ tịch`.
    public var signerCompetence: String?
    /// `noi_ban_hanh` / `place`: PromulgationInfo/Place.
    public var place: String?
    /// `do_khan` / `priority`: 0 normal … 4; words such as `khẩn` or `hỏa tốc` are accepted.
    public var priority: Int?
    /// `chi_dao` / `steering_type`: 0 none, 1 steering, 2 steering and report.
    public var steeringType: Int?
    /// `noi_nhan` / `recipients`: agency codes or route names from `agencies[].routes`; empty when not given.
    public var recipients: [String]
    /// `han_xu_ly` / `due_date`: DueDate, `yyyy/MM/dd`.
    public var dueDate: String?
    /// `so_trang` / `page_amount`: OtherInfo/PageAmount.
    public var pageAmount: Int?
    /// `so_ban` / `promulgation_amount`: OtherInfo/PromulgationAmount.
    public var promulgationAmount: Int?
    /// `do_mat` / `secret`: the secrecy level (độ mật) as written, e.g. `Mật`, `Tối mật`, `Tuyệt mật`. Any value
    /// but a word for none (see ``isMarkedSecret``) keeps the document off the axis.
    public var secrecy: String?

    public init(
        number: String? = nil, notation: String? = nil, date: String? = nil, subject: String? = nil,
        content: String? = nil, typeName: String? = nil, documentType: Int? = nil, typeDetail: Int? = nil,
        signerName: String? = nil, signerPosition: String? = nil, signerCompetence: String? = nil,
        place: String? = nil, priority: Int? = nil, steeringType: Int? = nil, recipients: [String] = [],
        dueDate: String? = nil, pageAmount: Int? = nil, promulgationAmount: Int? = nil, secrecy: String? = nil
    ) {
        self.number = number
        self.notation = notation
        self.date = date
        self.subject = subject
        self.content = content
        self.typeName = typeName
        self.documentType = documentType
        self.typeDetail = typeDetail
        self.signerName = signerName
        self.signerPosition = signerPosition
        self.signerCompetence = signerCompetence
        self.place = place
        self.priority = priority
        self.steeringType = steeringType
        self.recipients = recipients
        self.dueDate = dueDate
        self.pageAmount = pageAmount
        self.promulgationAmount = promulgationAmount
        self.secrecy = secrecy
    }

    /// The words that mean "not secret" in `do_mat`, compared case-insensitively and without diacritics.
    public static let notSecretValues: Set<String> = ["", "khong", "none", "no", "false", "0", "thuong", "binh thuong"]

    /// Whether `do_mat` marks the document secret: any value except a word for none, so that a misspelt level
    /// (`mat`, `Mât`, `toi mat`) or one this version does not know still keeps the document off the axis.
    public var isMarkedSecret: Bool {
        guard let secrecy else { return false }
        let folded = secrecy.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "đ", with: "d").trimmingCharacters(in: .whitespaces)
        return !Self.notSecretValues.contains(folded)
    }

    /// The suffix that marks a sidecar: `x.pdf` is described by `x.pdf.meta.yaml`.
    public static let suffix = ".meta.yaml"
    /// Sidecars are a few hundred bytes; anything larger is not one.
    public static let maximumSize = 64 * 1024

    /// The keys, Vietnamese name first, then the English alias, in the order of the example file.
    public static let keys: [(vietnamese: String, english: String)] = [
        ("so", "number"), ("ky_hieu", "notation"), ("ngay", "date"), ("trich_yeu", "subject"),
        ("noi_dung", "content"), ("loai_van_ban", "type_name"), ("nhom_van_ban", "document_type"),
        ("ma_loai_van_ban", "type_detail"), ("nguoi_ky", "signer"), ("chuc_vu", "position"),
        ("tham_quyen", "competence"), ("noi_ban_hanh", "place"), ("do_khan", "priority"),
        ("chi_dao", "steering_type"), ("noi_nhan", "recipients"), ("han_xu_ly", "due_date"),
        ("so_trang", "page_amount"), ("so_ban", "promulgation_amount"), ("do_mat", "secret"),
    ]
}
