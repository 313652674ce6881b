/// The signature field ``PAdESSigner/sign(pdfAt:to:options:)`` added.
public struct PAdESSignedField: Sendable, Equatable {
    /// The field's name, e.g. "Signature2".
    public let name: String
    /// Whether the Decree 30 box was drawn: false when none was asked for, or when the document is certified by its
    /// author (see ``PAdESOptions/visibleBox``).
    public let isVisible: Bool
}
