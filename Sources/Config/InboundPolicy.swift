/// What an agency does with a received document whose attachments carry no valid signature
/// (`agencies[].inbound_policy`). The precise decision table is in the Inbound module (`SignaturePolicy`).
public enum InboundPolicy: String, Sendable, Equatable, CaseIterable {
    /// Deliver every document; `signatures.txt` still says who signed what and whether it is valid.
    case accept
    /// Deliver, with a warning at the top of `document.txt` and `signatures.txt` and in the log; a document with a
    /// broken (tampered) signature is quarantined.
    case warn
    /// Quarantine documents without any valid signature, and documents with a broken signature.
    case quarantine
}
