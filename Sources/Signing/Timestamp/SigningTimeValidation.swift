import Foundation

/// "Validity at signing time": the signer's chain is checked at the time the signature was made, so that a
/// certificate that expired after a timestamped signature still counts, while one that was expired or not yet
/// valid when it signed does not.
///
/// The signing time is the timestamp's when a valid one is present, else the signer's claim (`/M` or the
/// signing-time attribute), else now. A timestamp's time is strict. A claim, being unproven, can only help: a
/// chain that fails at the claimed time but holds now is accepted with a note, as before timestamps were checked.
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
        let time: Date
        let source: String
        if let timestamp, timestamp.isValid, let stamped = timestamp.time {
            time = stamped
            source = "the timestamp"
        } else if let claimedTime {
            time = claimedTime
            source = "claimed by the signer"
        } else {
            time = now
            source = "now: the signature states no signing time"
        }
        var notes: [String] = []
        timestampProblem = timestamp.flatMap {
            $0.isValid ? nil : "the signature timestamp is not valid: " + $0.problems.joined(separator: "; ")
        }
        let atSigningTime = try CMSVerifier.chainCheck(signer: signer, cms: cms, trusted: trusted, at: time)
        if let atSigningTime, source == "claimed by the signer",
            try CMSVerifier.chainCheck(signer: signer, cms: cms, trusted: trusted, at: now) == nil
        {
            // An unproven claim never makes a signature worse than checking it now: the signer's clock may be off.
            chainProblem = nil
            notes.append(
                "the certificate was not valid at the claimed signing time \(Self.format(time)) (\(atSigningTime)) "
                    + "but is valid now; the signer's clock may be wrong, and the signature has no timestamp")
        } else {
            chainProblem = atSigningTime.map { "\($0) at the signing time \(Self.format(time)) (\(source))" }
        }
        if chainProblem == nil, notes.isEmpty, time < now,
            try CMSVerifier.chainCheck(signer: signer, cms: cms, trusted: trusted, at: now) != nil
        {
            let expiry = signer.notAfter.map { " on \(Self.format($0))" } ?? ""
            if source == "the timestamp" {
                notes.append(
                    "the signer certificate expired\(expiry), after the timestamped signing time "
                        + "\(Self.format(time)): the signature was made while it was valid")
            } else {
                notes.append(
                    "the signer certificate is no longer valid now (expired\(expiry)); the signing time "
                        + "\(Self.format(time)) is only claimed by the signer, as the signature has no timestamp")
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
