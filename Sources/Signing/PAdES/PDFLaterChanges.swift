/// What the revisions after a signature's own revision did to the PDF, judged against what the signer allowed.
///
/// A PDF is signed revision by revision: each later signature, form fill or edit is appended as an incremental
/// update, and a signature only proves the bytes up to its own revision. Whether the file as delivered still shows
/// what the signer signed therefore depends on what the later revisions changed. Like pyHanko's difference
/// analysis and Acrobat, lienthong reads every later revision's cross-reference section, compares each object it
/// defines with the previous revision, and allows only the changes the signature permits (see ``PDFPermittedChange``
/// and ``PDFDocMDPPermission``); anything else, or anything it cannot analyse, makes the signature not valid.
public enum PDFLaterChanges: Sendable, Equatable {
    /// The signature covers the whole file.
    case none
    /// Later revisions made only changes that the signature permits, of these kinds (in a fixed order).
    case permitted([PDFPermittedChange])
    /// A later revision made a change that the signature does not permit: what was signed is not what is shown.
    case notPermitted(PDFChangeProblem)

    /// Whether the file may be relied on as what the signer signed.
    public var isPermitted: Bool {
        if case .notPermitted = self { return false }
        return true
    }
}
