/// Why a PDF cannot be read, signed or checked. Each message says what is wrong and what a person can do.
public enum PDFError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file does not start with `%PDF-`.
    case notPDF(path: String)
    /// The PDF is encrypted or password-protected; lienthong signs and checks only unencrypted documents.
    case encrypted(path: String)
    /// The cross-reference data, the trailer or an object the signature needs cannot be read.
    case damaged(path: String, detail: String)
    /// The file exceeds a safety limit (object count, nesting, stream size); it is refused rather than processed.
    case limitExceeded(path: String, detail: String)
    /// A PDF feature that lienthong does not handle, e.g. a stream filter other than FlateDecode in cross-reference
    /// data.
    case unsupported(path: String, detail: String)
    case unreadable(path: String, reason: String)
    /// The author certified the document with "no changes allowed" (DocMDP P=1): another signature would break it.
    case certifiedWithoutChanges(path: String)

    public var description: String {
        switch self {
        case .notPDF(let path):
            return "\(path) is not a PDF file (it does not start with %PDF-); check that the file is the document "
                + "itself and not, e.g., a Word file renamed to .pdf"
        case .encrypted(let path):
            return "\(path) is encrypted or password-protected; lienthong cannot sign or check it. Ask the sender "
                + "for an unprotected PDF, or remove the protection first (e.g. qpdf --decrypt in.pdf out.pdf)"
        case .damaged(let path, let detail):
            return "\(path) is damaged (\(detail)); open and save it again with the producing software, or repair "
                + "it (e.g. qpdf in.pdf repaired.pdf), and send it again"
        case .limitExceeded(let path, let detail):
            return "\(path) was refused because \(detail); if the document is genuine, simplify or split it "
                + "(e.g. qpdf --split-pages) before sending"
        case .unsupported(let path, let detail):
            return "\(path) uses a PDF feature lienthong does not support (\(detail)); save it again with a "
                + "common PDF producer (e.g. qpdf --object-streams=disable in.pdf out.pdf) and retry"
        case .certifiedWithoutChanges(let path):
            return "\(path) carries a certification signature that allows no changes (DocMDP P=1); adding the "
                + "agency signature would invalidate it. Ask the author to certify with form filling and "
                + "signing allowed, or to sign without certifying"
        case .unreadable(let path, let reason):
            return "\(path) cannot be read (\(reason)); check that the file exists and is readable by lienthong"
        }
    }
}
