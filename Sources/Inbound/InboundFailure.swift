import StateStore

/// Why an inbound step did not complete.
enum InboundFailure: Error, CustomStringConvertible {
    /// Try again later (axis down, disk full).
    case transient(String)
    /// The axis served content that cannot be read (empty, or not edXML): fetch it again later, and quarantine the
    /// document after ``InboundPipeline/maximumUnreadableFetches`` such fetches.
    case unreadable(String)
    /// The document itself is unacceptable (malformed, hostile, over limits): quarantine it and tell the axis `fail`.
    case rejected(String)
    /// The signatures are unacceptable under the agency's `inbound_policy`: quarantine the document with
    /// `signatures.txt` beside `reason.txt`, and tell the axis `fail`; the verdict is kept with the record.
    case rejectedSignatures(reason: String, signaturesText: String, verdict: SignatureVerdict)

    var description: String {
        switch self {
        case .transient(let reason), .unreadable(let reason), .rejected(let reason),
            .rejectedSignatures(let reason, _, _):
            reason
        }
    }
}
