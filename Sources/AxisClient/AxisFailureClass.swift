import AxisProtocol
import Foundation

/// What the caller should do after an ``AxisError``.
public enum AxisFailureClass: String, Sendable, Equatable {
    /// Nothing was stored; try the same request again later (with backoff).
    case transient
    /// The axis refused this request on its merits; retrying the same bytes will fail the same way.
    case permanent
    /// A sendEdoc may or may not have been stored (the whole body left us, then the reply was lost).
    /// Look the document up with `getSentEdocList` before sending again: the axis does not deduplicate.
    case ambiguous
}

extension AxisFailureClass {
    /// FAIL `ErrorCode`s and their class. The real axis documents only `0`; these are the codes lienthong's simulator
    /// uses (``AxisErrorCode``). Authentication and clock problems are transient on purpose: they are configuration
    /// faults that affect every document, so documents wait (and the log says why) instead of being failed en masse.
    public static let failCodeTable: [String: AxisFailureClass] = [
        AxisErrorCode.internalError: .transient,
        AxisErrorCode.invalidSignature: .transient,
        AxisErrorCode.unknownSystem: .transient,
        AxisErrorCode.invalidTimestamp: .transient,
        AxisErrorCode.missingParameter: .permanent,
        AxisErrorCode.headerMismatch: .permanent,
        AxisErrorCode.wrongSender: .permanent,
        AxisErrorCode.unknownRecipient: .permanent,
        AxisErrorCode.invalidDocument: .permanent,
        AxisErrorCode.hashMismatch: .permanent,
        AxisErrorCode.documentNotFound: .permanent,
        AxisErrorCode.unknownMethod: .permanent,
    ]

    /// Wording of `ErrorDesc` (lowercased, no diacritics) for configuration faults that are transient on purpose
    /// (see ``failCodeTable``): bad signature, unregistered system id, clock, axis-side errors. Checked first.
    public static let transientWording: [String] = [
        "chu ky khong hop le",  // bad XroadVnpt-hash-header: wrong secret
        "ma he thong",  // "Ma he thong X chua duoc dang ky": wrong system id
        "thoi gian khong hop le",  // timestamp refused: clock
        "loi he thong",  // axis-side error
    ]

    /// Wording of the real axis's `ErrorDesc` (lowercased, no diacritics) that marks a permanent refusal. Checked
    /// before the code table, because the real axis's numeric codes are unknown and may not match ours.
    public static let permanentWording: [String] = [
        "khong dung voi ma da dang ky",  // wrong sender: "Don vi gui X khong dung voi ma da dang ky: Y"
        "khong tim thay don vi",  // unknown recipient
        "khong ton tai",  // unknown agency, document or method
        "khong hop le",  // validation failure
        "khong tim thay van ban",  // document not found
    ]

    /// The one place that decides the class of every axis failure.
    ///
    /// | failure | class |
    /// |---|---|
    /// | connect/resolve/TLS/timeout/reset before the whole request body left | transient |
    /// | our own TLS or key password setup unusable (``AxisError/Kind/configuration(_:)``) | transient |
    /// | sendEdoc, whole body sent, then reset/timeout/cancel/empty or bad reply/HTTP 500, 502, 504 | ambiguous |
    /// | HTTP 408, 429, 5xx (otherwise) | transient |
    /// | HTTP 3xx, other 4xx | permanent |
    /// | FAIL whose `ErrorDesc` matches ``transientWording`` | transient |
    /// | FAIL whose `ErrorDesc` matches ``permanentWording`` | permanent |
    /// | FAIL with a code in ``failCodeTable`` | as listed |
    /// | FAIL with an unknown code | transient (the description says so, for the operator) |
    /// | unreadable JSON reply (not sendEdoc) | transient |
    /// | an OK reply serving an empty document | transient (the inbound pipeline bounds the attempts) |
    /// | invalid request parameters, local file missing or unreadable | permanent |
    /// | local disk full or I/O error while writing a download | transient |
    static func of(_ error: AxisError) -> AxisFailureClass {
        let afterUpload = error.method == .sendEdoc && error.requestBodyFullySent
        switch error.kind {
        case .network, .cancelled:
            return afterUpload ? .ambiguous : .transient
        case .httpStatus(let code, _):
            if afterUpload, [500, 502, 504].contains(code) { return .ambiguous }
            if code == 408 || code == 429 || (500...599).contains(code) { return .transient }
            return .permanent
        case .malformedReply:
            return afterUpload ? .ambiguous : .transient
        case .fail(let code, let description):
            return failClass(errorCode: code, errorDescription: description) ?? .transient
        case .invalidRequest:
            return .permanent
        case .configuration, .emptyDocument:
            return .transient
        case .localFile(_, _, let errno):
            return transientErrnos.contains(errno) ? .transient : .permanent
        }
    }

    /// The class of a FAIL reply, or nil when neither its wording nor its code is known.
    static func failClass(errorCode: String, errorDescription: String) -> AxisFailureClass? {
        let wording = errorDescription.lowercased()
        if transientWording.contains(where: { wording.contains($0) }) { return .transient }
        if permanentWording.contains(where: { wording.contains($0) }) { return .permanent }
        return failCodeTable[errorCode.trimmingCharacters(in: .whitespaces)]
    }

    /// The disk or the process is at fault, not the document.
    private static let transientErrnos: Set<Int32> = [ENOSPC, EDQUOT, EIO, EINTR, EAGAIN, ENOMEM, EMFILE, ENFILE]
}
