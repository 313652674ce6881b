import StateStore

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
