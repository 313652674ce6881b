import Foundation

/// What ``PDFSignatureVerifier`` found for one signature field of a PDF.
public struct PDFSignatureReport: Sendable, Equatable {
    /// The field's name (`/T`), e.g. "Signature1".
    public let fieldName: String
    /// `/SubFilter`, e.g. "ETSI.CAdES.detached" or "adbe.pkcs7.detached".
    public let subFilter: String?
    /// The signer certificate's subject (`CN=…, O=…, C=VN`), when the CMS could be read.
    public let signerSubject: String?
    /// The signer certificate's serial number as lowercase hex.
    public let signerSerialHex: String?
    /// The claimed signing time: `/M`, else the CMS signing-time attribute. Not a trusted timestamp.
    public let signingTime: Date?
    /// `/ByteRange` as found: `[0, gapStart, gapEnd, tailLength]`.
    public let byteRange: [Int64]
    /// The byte ranges are well formed, exclude exactly the `/Contents` string, their digest matches the signed
    /// message-digest and the CMS signature over the signed attributes verifies with the signer certificate.
    public let integrityValid: Bool
    /// The signer certificate chains to a trusted certificate and was valid at the signing time (the timestamp's,
    /// else the claimed ``signingTime``), and any timestamp present verifies.
    public let chainValid: Bool
    /// Why the signature itself is not valid: integrity problems first, then the chain. Changes made after signing
    /// are in ``laterChanges``.
    public let problems: [String]
    /// Bytes were appended after the signed revision (later incremental updates: other signatures, form filling,
    /// or changes). Whether they were permitted is ``laterChanges``.
    public let modifiedAfterSigning: Bool
    /// What the revisions after the signed one changed, judged against what this signature permits. A change that
    /// is not permitted makes the signature not valid: what the signer signed is not what the file shows.
    public internal(set) var laterChanges: PDFLaterChanges
    /// For a certification (author) signature, the changes it permits after it (DocMDP `/P`); nil for an approval
    /// signature.
    public let docMDP: PDFDocMDPPermission?
    /// The revision the signature covers, counting `%%EOF` markers from the start of the file (1 = the original
    /// file; a linearized original counts its two markers).
    public let signedRevision: Int
    /// How many revisions follow the signed one.
    public let laterRevisions: Int
    /// The RFC 3161 signature timestamp (PAdES B-T), when the signature carries one: its time and authority.
    public let timestamp: TimestampReport?
    /// Remarks that do not make the signature invalid, e.g. that the certificate expired after the timestamp.
    public let notes: [String]

    /// Integrity and chain valid, and every change made after signing permitted (later signatures, form filling
    /// and validation data usually are; see ``PDFLaterChanges``).
    public var isValid: Bool { integrityValid && chainValid && laterChanges.isPermitted }
}
