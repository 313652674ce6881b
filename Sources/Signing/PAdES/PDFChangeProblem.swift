/// Why a change made after a signature is not permitted, or why lienthong could not tell. Pages count from 1.
public enum PDFChangeProblem: Sendable, Equatable {
    /// A content stream of the page was replaced or rewritten: the page shows something else than was signed.
    case pageContent(page: Int)
    /// The page's resources (fonts, images, forms its content draws) were changed.
    case pageResources(page: Int)
    /// An entry of the page dictionary other than `/Annots` changed (e.g. `/Contents`, `/MediaBox`, `/Rotate`).
    case page(page: Int, key: String)
    /// Pages were added, removed or reordered.
    case pageTree
    /// An annotation (comment, stamp, drawing, link) was added, changed or removed on the page, and the signature
    /// does not permit annotations.
    case annotation(page: Int)
    /// A form field was added (other than a signature field), removed, or changed beyond filling it in.
    case formField(name: String)
    /// Fields were filled in but the certification (DocMDP P=1) permits no changes.
    case formFillingForbidden
    /// Another signature was added but the certification (DocMDP P=1) permits no changes.
    case signingForbidden
    /// A new visible signature field was added after this certification signature. ISO 32000 lets a certification
    /// with P=2 or P=3 be followed by signing, but creating new visible fields is read as a change to the page (as
    /// pyHanko's default policy does); signing invisibly or in a field the author prepared is permitted.
    case visibleSignatureAfterCertification
    /// An entry of the document catalog or the interactive form changed (e.g. `/OpenAction`, `/Names`, `/Perms`).
    case catalog(key: String)
    /// An object that existed when signing was deleted.
    case objectDeleted(number: Int)
    /// An object was changed (or defined where the signed revision referred to a missing one) and none of the
    /// permitted changes explains it.
    case object(number: Int, type: String?)
    /// The later revisions cannot be analysed (damaged or unusual structure, or beyond lienthong's limits), so
    /// nothing shows that they are permitted.
    case unanalysable(String)

    /// Vietnamese, for reports.
    public var vietnamese: String {
        switch self {
        case .pageContent(let page): "nội dung trang \(page) bị thay đổi sau khi ký"
        case .pageResources(let page): "tài nguyên (phông chữ, hình ảnh) của trang \(page) bị thay đổi sau khi ký"
        case .page(let page, let key): "trang \(page) bị sửa sau khi ký (/\(key))"
        case .pageTree: "trang bị thêm, xóa hoặc sắp xếp lại sau khi ký"
        case .annotation(let page): "chú thích trên trang \(page) bị thêm, sửa hoặc xóa sau khi ký"
        case .formField(let name): "trường biểu mẫu \(name) bị thêm, xóa hoặc sửa ngoài việc điền giá trị"
        case .formFillingForbidden: "biểu mẫu được điền trong khi chữ ký chứng nhận không cho phép thay đổi nào"
        case .signingForbidden: "có chữ ký thêm trong khi chữ ký chứng nhận không cho phép thay đổi nào"
        case .visibleSignatureAfterCertification: "thêm ô chữ ký hiển thị mới sau chữ ký chứng nhận"
        case .catalog(let key): "cấu trúc tài liệu bị thay đổi sau khi ký (/\(key))"
        case .objectDeleted(let number): "đối tượng \(number) bị xóa sau khi ký"
        case .object(let number, let type):
            "đối tượng \(number)\(type.map { " (/\($0))" } ?? "") bị thay đổi sau khi ký mà không thuộc loại được phép"
        case .unanalysable(let detail): "không phân tích được các thay đổi sau khi ký (\(detail))"
        }
    }

    /// English, for reports.
    public var english: String {
        switch self {
        case .pageContent(let page): "the content of page \(page) was changed after signing"
        case .pageResources(let page): "the resources (fonts, images) of page \(page) were changed after signing"
        case .page(let page, let key): "page \(page) was changed after signing (/\(key))"
        case .pageTree: "pages were added, removed or reordered after signing"
        case .annotation(let page): "an annotation on page \(page) was added, changed or removed after signing"
        case .formField(let name): "form field \(name) was added, removed or changed beyond filling it in"
        case .formFillingForbidden: "form fields were filled in but the certification permits no changes"
        case .signingForbidden: "another signature was added but the certification permits no changes"
        case .visibleSignatureAfterCertification:
            "a new visible signature field was added after the certification signature"
        case .catalog(let key): "the document structure was changed after signing (/\(key))"
        case .objectDeleted(let number): "object \(number) was deleted after signing"
        case .object(let number, let type):
            "object \(number)\(type.map { " (/\($0))" } ?? "") was changed after signing, not as a permitted change"
        case .unanalysable(let detail): "the changes made after signing cannot be analysed (\(detail))"
        }
    }
}
