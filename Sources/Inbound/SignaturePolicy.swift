import Config
import StateStore

/// What happens to a received document, from the agency's `inbound_policy` and its ``SignatureVerdict``.
///
/// | verdict         | accept  | warn                 | quarantine           |
/// |-----------------|---------|----------------------|----------------------|
/// | all valid       | deliver | deliver              | deliver              |
/// | partly valid    | deliver | deliver with warning | deliver with warning |
/// | none valid      | deliver | deliver with warning | quarantine           |
/// | tampered        | deliver | quarantine           | quarantine           |
///
/// "Valid" means intact, chaining to `inbound.trusted_roots`, and covering the file as delivered (no unsigned
/// later revision of a PDF). "None valid" covers unsigned documents, untrusted or unreadable signatures, and
/// documents without attachments. "Tampered" is a broken integrity check (altered signed bytes, a `.p7s` that does
/// not match its file) or a PDF changed after a signature in a way the signature does not permit (a page's content,
/// an annotation, anything that cannot be analysed: what the signer signed is not what arrived): hostile, so only
/// `accept` delivers it. `accept` delivers silently: no warning line, but
/// `signatures.txt` always tells the truth.
enum SignaturePolicy {
    enum Decision: Equatable, Sendable {
        case deliver
        case deliverWithWarning
        case quarantine
    }

    static func decide(policy: InboundPolicy, verdict: SignatureVerdict) -> Decision {
        switch (policy, verdict) {
        case (.accept, _), (_, .allValid): .deliver
        case (.warn, .partlyValid), (.warn, .noneValid), (.quarantine, .partlyValid): .deliverWithWarning
        case (.warn, .tampered), (.quarantine, .noneValid), (.quarantine, .tampered): .quarantine
        }
    }

    /// The warning put at the top of `document.txt` and `signatures.txt`, Vietnamese then English.
    static func warning(for signatures: AttachmentSignatures) -> [String] {
        switch signatures.verdict {
        case .allValid:
            return []
        case .partlyValid:
            let files = signatures.filesWithoutValidSignature.joined(separator: ", ")
            return [
                "!!! CẢNH BÁO: các tệp sau không có chữ ký số hợp lệ: \(files). Xem signatures.txt.",
                "!!! WARNING: these attachments carry no valid digital signature: \(files). See signatures.txt.",
            ]
        case .noneValid:
            return [
                "!!! CẢNH BÁO: không tệp đính kèm nào có chữ ký số hợp lệ. Hãy xác minh với nơi gửi trước khi sử dụng.",
                "!!! WARNING: no attachment carries a valid digital signature. Verify with the sender before relying "
                    + "on this document.",
            ]
        case .tampered:
            return [
                "!!! CẢNH BÁO: có chữ ký số bị phá vỡ: nội dung đã bị sửa sau khi ký. Không sử dụng văn bản này.",
                "!!! WARNING: a digital signature is broken: the content was altered after signing. Do not rely on "
                    + "this document.",
            ]
        }
    }

    /// Why the document was quarantined, for `reason.txt`, the log and the axis's `fail`: Vietnamese, then English.
    static func quarantineReason(policy: InboundPolicy, signatures: AttachmentSignatures) -> String {
        if signatures.verdict == .tampered {
            let broken = signatures.checks.filter {
                $0.outcome == .integrityBroken || $0.outcome == .modifiedAfterSigning
            }
            let files = Array(Set(broken.map(\.file))).sorted().joined(separator: ", ")
            let vietnamese = broken.compactMap { check in
                check.laterChanges?.reasonVietnamese.map { "\(check.file) (\(check.field ?? "?")): \($0)" }
            }
            let english = broken.compactMap { check in
                check.laterChanges?.reasonEnglish.map { "\(check.file) (\(check.field ?? "?")): \($0)" }
            }
            return "Chữ ký số bị phá vỡ (nội dung bị sửa sau khi ký hoặc chữ ký không thuộc tệp): \(files)."
                + vietnamese.map { "\n  \($0)." }.joined() + "\n"
                + "Broken digital signature (content altered after signing, or a signature of another file): "
                + "\(files)." + english.map { "\n  \($0)." }.joined()
        }
        return "Không tệp đính kèm nào có chữ ký số hợp lệ (inbound_policy: \(policy.rawValue)).\n"
            + "No attachment carries a valid digital signature (inbound_policy: \(policy.rawValue))."
    }
}
