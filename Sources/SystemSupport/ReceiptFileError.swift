/// Why a receipt in `sent/` could not be read for an update. The receipt is left as it was.
public enum ReceiptFileError: Error, CustomStringConvertible, Sendable {
    /// The receipt is a link, a directory or another odd file: sent/ is in the clerks' share, so lienthong does not
    /// follow what is there.
    case unsafe(UntrustedFileError)
    /// The receipt is larger than receipts ever grow; it is not read into memory.
    case tooLarge(path: String, size: Int64, limit: Int64)

    public var description: String {
        switch self {
        case .unsafe(.system(let error)):
            "cannot read the receipt: \(error)"
        case .unsafe(.symbolicLink(let path)), .unsafe(.notRegular(let path, _)), .unsafe(.hardLinked(let path, _)):
            "\(path) is not an ordinary file with one name (a link, folder or device was put there); lienthong does "
                + "not read it. Remove it: lienthong writes a new receipt with the next status"
        case .tooLarge(let path, let size, let limit):
            "\(path) is \(size) bytes, more than the \(limit) a receipt may have; move it aside to let lienthong "
                + "start a new one"
        }
    }
}
