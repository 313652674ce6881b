import Foundation

/// "Validity at signing time": the signer's chain is checked at the time the signature was made, so that a
/// certificate that expired after a timestamped signature still counts, while one that was expired or not yet
/// valid when it signed does not.
///
/// Only a valid timestamp proves when a signature was made. Without one, the signing time (`/M` or the
/// signing-time attribute) is the signer's own claim, which anyone holding an expired or revoked key could backdate;
/// so the chain must then hold now (ETSI EN 319 102-1 calls such a signature indeterminate, not valid), and a claimed
/// time outside the certificate's validity is only worth a note (the signer's clock may be wrong).
struct SigningTimeValidation {
    /// Why the signer's chain does not hold at the signing time; nil when it does.
    let chainProblem: String?
    /// Why the timestamp present does not verify; nil when it does or there is none.
    let timestampProblem: String?
    /// Both problems in one line; nil when the signature counts as trusted.
    var problem: String? {
        let both = [timestampProblem, chainProblem.map { "certificate chain: \($0)" }].compactMap { $0 }
        return both.isEmpty ? nil : both.joined(separator: "; ")
    }
    /// Worth telling even when valid, e.g. that the certificate expired after the timestamp.
    let notes: [String]

    init(
        signer: X509Certificate,
        cms: OpaquePointer,
        trusted: [X509Certificate],
        timestamp: TimestampReport?,
        claimedTime: Date?,
        now: Date = Date()
    ) throws(SigningError) {
        func problem(at time: Date) throws(SigningError) -> String? {
            try CMSVerifier.chainCheck(signer: signer, cms: cms, trusted: trusted, at: time)
        }
        var notes: [String] = []
        timestampProblem = timestamp.flatMap {
            $0.isValid ? nil : "the signature timestamp is not valid: " + $0.problems.joined(separator: "; ")
        }
        if let timestamp, timestamp.isValid, let stamped = timestamp.time {
            chainProblem = try problem(at: stamped).map {
                "\($0) at the signing time \(Self.format(stamped)) (the timestamp)"
            }
            if chainProblem == nil, stamped < now, try problem(at: now) != nil {
                let expiry = signer.notAfter.map { " on \(Self.format($0))" } ?? ""
                notes.append(
                    "the signer certificate expired\(expiry), after the timestamped signing time "
                        + "\(Self.format(stamped)): the signature was made while it was valid")
            }
        } else {
            chainProblem = try problem(at: now).map { reason in
                let claim = claimedTime.map { " (it claims \(Self.format($0)))" } ?? ""
                return "\(reason) now; the signature has no valid timestamp, so the time it was made\(claim) is "
                    + "unproven and cannot show the certificate was valid then"
            }
            if chainProblem == nil, let claimedTime, let atClaim = try problem(at: claimedTime) {
                notes.append(
                    "the certificate was not valid at the claimed signing time \(Self.format(claimedTime)) "
                        + "(\(atClaim)) but is valid now; the signer's clock may be wrong, and the signature has no "
                        + "timestamp")
            }
        }
        self.notes = notes
    }

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
