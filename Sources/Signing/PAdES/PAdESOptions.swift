import Foundation

/// What goes into a PAdES signature dictionary besides the signature itself.
public struct PAdESOptions: Sendable {
    /// `/Reason`, e.g. "Phát hành văn bản" (any Unicode text).
    public var reason: String?
    /// `/Location`, e.g. "Nghệ An".
    public var location: String?
    /// `/ContactInfo`, e.g. the clerk's office e-mail.
    public var contactInfo: String?
    /// The claimed signing time written to `/M` (PAdES B-B puts it there, not in the CMS); nil means now.
    public var signingTime: Date?
    /// DER bytes reserved for the CMS signature in `/Contents`; the certificate chain must fit.
    public var signatureCapacity: Int
    /// The Decree 30 agency box at the top right of page 1 (number and notation, signing time); nil signs
    /// invisibly. The time shown is the one written to `/M`.
    ///
    /// On a document certified by its author (DocMDP P=2 or P=3) the box goes into the first empty visible signature
    /// field the author prepared on page 1 (filling it is form filling, which the certification permits), and is
    /// left out when there is none: the signature is then invisible (``PAdESSignedField/isVisible`` is false),
    /// because a new *visible* signature field after a certification is read as a change to the page by pyHanko's
    /// default policy (stricter than Acrobat), which would report the author's certification as broken. P=1 refuses
    /// signing altogether.
    public var visibleBox: VisibleSignatureBox?
    /// Draws the box on certified documents too (what Acrobat accepts); for tests that show that the box adds
    /// nothing else a validator rejects.
    var drawsBoxOnCertifiedDocuments = false

    public init(
        reason: String? = nil,
        location: String? = nil,
        contactInfo: String? = nil,
        signingTime: Date? = nil,
        signatureCapacity: Int = 16_384,
        visibleBox: VisibleSignatureBox? = nil
    ) {
        self.reason = reason
        self.location = location
        self.contactInfo = contactInfo
        self.signingTime = signingTime
        self.signatureCapacity = signatureCapacity
        self.visibleBox = visibleBox
    }
}
