import Foundation

/// What ``CMSVerifier`` learned from a signature whose content check passed.
public struct SignatureReport: Sendable, Equatable {
    /// The (first) signer certificate's subject, in the form of ``SigningIdentity/subject``.
    public let signerSubject: String
    /// The signer certificate's serial number as lowercase hex.
    public let signerSerialHex: String
    /// The signed signing-time attribute, if present. It is the signer's claim, not a trusted timestamp.
    public let signingTime: Date?
    /// Whether the signer certificate chains to one of the trusted certificates and is valid now.
    public let chainValid: Bool
    /// Why the chain is not valid (OpenSSL's verification error), nil when ``chainValid``.
    public let chainProblem: String?

    public init(
        signerSubject: String, signerSerialHex: String, signingTime: Date?, chainValid: Bool,
        chainProblem: String? = nil
    ) {
        self.signerSubject = signerSubject
        self.signerSerialHex = signerSerialHex
        self.signingTime = signingTime
        self.chainValid = chainValid
        self.chainProblem = chainProblem
    }
}
