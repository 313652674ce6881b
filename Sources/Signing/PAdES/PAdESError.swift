import SystemSupport

/// Why a PDF could not be signed. A full disk is recognised by ``systemError``'s ``SystemError/isNoSpace``.
public enum PAdESError: Error, CustomStringConvertible, Sendable {
    /// The input PDF cannot be read, is encrypted or is damaged.
    case pdf(PDFError)
    /// The key, the certificate or OpenSSL failed.
    case signing(SigningError)
    /// The CMS signature is larger than the space reserved in `/Contents`.
    case signatureTooLarge(size: Int, capacity: Int)
    /// The signed file could not be written; the error names it.
    case outputFailed(SystemError)

    public var description: String {
        switch self {
        case .pdf(let error):
            return error.description
        case .signing(let error):
            return error.description
        case .signatureTooLarge(let size, let capacity):
            return "the signature needs \(size) bytes but only \(capacity) were reserved; the certificate chain is "
                + "unusually large: raise PAdESOptions.signatureCapacity"
        case .outputFailed(let error):
            return "the signed PDF could not be written: \(error)"
        }
    }

    /// The system call failure behind an ``outputFailed(_:)``.
    public var systemError: SystemError? {
        if case .outputFailed(let error) = self { return error }
        return nil
    }
}
