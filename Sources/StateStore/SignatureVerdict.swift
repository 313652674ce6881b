/// How well a received document is signed, judged from its attachments' signatures when it is delivered.
///
/// Decides what ``DocumentRecord/state`` follows under the agency's `inbound_policy` (the inbound pipeline's
/// `SignaturePolicy`), and is kept in ``DocumentRecord/signatureVerdict`` for the monthly report.
public enum SignatureVerdict: String, Codable, Sendable, CaseIterable {
    /// Every attachment carries a valid signature covering the file as delivered.
    case allValid = "all_valid"
    /// At least one attachment does, at least one does not; no signature is broken.
    case partlyValid = "partly_valid"
    /// No attachment does (unsigned, untrusted or unreadable), or there are no attachments.
    case noneValid = "none_valid"
    /// At least one signature is broken: the signed content was altered, or a later revision of a PDF changed it
    /// in a way the signature does not permit (what was signed is not what arrived).
    case tampered
}
