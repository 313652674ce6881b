/// Every signature found on the attachments of one received document, and the attachments without any.
struct AttachmentSignatures: Sendable, Equatable {
    /// One entry per signature, in attachment order.
    var checks: [SignatureCheck]
    /// Attachments that need a signature and carry none (every attachment except the `.p7s` files that sign
    /// another attachment).
    var unsigned: [String]
    /// Every attachment that needs a signature, in delivery order.
    var signable: [String]

    /// Whether the document as a whole is validly signed, from its attachments' signatures.
    var verdict: SignatureVerdict {
        if checks.contains(where: { $0.outcome == .integrityBroken || $0.outcome == .modifiedAfterSigning }) {
            return .tampered
        }
        let covered = Set(checks.filter(\.coversWholeFile).map(\.file))
        if covered.isEmpty { return .noneValid }
        return signable.allSatisfy(covered.contains) ? .allValid : .partlyValid
    }

    /// Attachments without a signature that covers the file as delivered, in delivery order.
    var filesWithoutValidSignature: [String] {
        let covered = Set(checks.filter(\.coversWholeFile).map(\.file))
        return signable.filter { !covered.contains($0) }
    }
}

/// How well a received document is signed, for ``SignaturePolicy``.
enum SignatureVerdict: String, Codable, Sendable {
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
