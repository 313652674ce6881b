import Foundation

/// What ``CMSVerifier`` learned from a signature whose content check passed.
public struct SignatureReport: Sendable, Equatable {
    /// The (first) signer certificate's subject, in the form of ``SigningIdentity/subject``.
    public let signerSubject: String
    /// The signer certificate's serial number as lowercase hex.
    public let signerSerialHex: String
    /// The signed signing-time attribute, if present. It is the signer's claim, not a trusted timestamp.
    public let signingTime: Date?
    /// Whether the signer certificate chains to one of the trusted certificates and was valid at the signing time
    /// (the timestamp's, else the claimed ``signingTime``), and any timestamp present verifies.
    public let chainValid: Bool
    /// Why the chain is not valid (OpenSSL's verification error at the signing time, or the timestamp's problem),
    /// nil when ``chainValid``.
    public let chainProblem: String?
    /// The RFC 3161 signature timestamp (CAdES-T), when the signature carries one.
    public let timestamp: TimestampReport?
    /// Remarks that do not make the signature invalid, e.g. that the certificate expired after the timestamp.
    public let notes: [String]

    public init(
        signerSubject: String, signerSerialHex: String, signingTime: Date?, chainValid: Bool,
        chainProblem: String? = nil, timestamp: TimestampReport? = nil, notes: [String] = []
    ) {
        self.signerSubject = signerSubject
        self.signerSerialHex = signerSerialHex
        self.signingTime = signingTime
        self.chainValid = chainValid
        self.chainProblem = chainProblem
        self.timestamp = timestamp
        self.notes = notes
    }
}
