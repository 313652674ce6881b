/// A kind of change that may follow a signature without breaking it, from the least to the most intrusive.
public enum PDFPermittedChange: String, Sendable, Equatable, Comparable, CaseIterable, Codable {
    /// Validation data for long-term validation: the document security store (`/DSS`, `/VRI`, certificates, OCSP
    /// responses, CRLs).
    case validationData = "validation_data"
    /// Document information (`/Info`) and XMP metadata, which viewers do not draw on the pages.
    case metadata
    /// A document timestamp (`/Type /DocTimeStamp`, PAdES B-LTA).
    case documentTimestamp = "document_timestamp"
    /// A further signature: a new or filled signature field with its widget and appearance, and the `/AcroForm` and
    /// page `/Annots` entries that register it.
    case signature
    /// Form filling: values (`/V`) and appearances of existing non-signature fields.
    case formFilling = "form_filling"
    /// Annotations (comments) added, changed or removed; permitted only by a certification with DocMDP P=3.
    case annotations

    /// The DocMDP level a change needs: 1 for signature maintenance, 2 for signing and form filling, 3 for
    /// annotations (ISO 32000-2 12.8.2.2, with PAdES's allowance for validation data and document timestamps).
    var level: Int {
        switch self {
        case .validationData, .metadata, .documentTimestamp: 1
        case .signature, .formFilling: 2
        case .annotations: 3
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Vietnamese, for reports.
    public var vietnamese: String {
        switch self {
        case .validationData: "dữ liệu xác minh chữ ký (DSS)"
        case .metadata: "thông tin mô tả tài liệu"
        case .documentTimestamp: "dấu thời gian tài liệu"
        case .signature: "chữ ký số khác"
        case .formFilling: "điền biểu mẫu"
        case .annotations: "chú thích"
        }
    }

    /// English, for reports.
    public var english: String {
        switch self {
        case .validationData: "validation data (DSS)"
        case .metadata: "document information"
        case .documentTimestamp: "document timestamp"
        case .signature: "another signature"
        case .formFilling: "form filling"
        case .annotations: "annotations"
        }
    }
}
