/// Why a visible signature box cannot be made from the given text and font.
public enum VisibleSignatureError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The font file is unreadable, damaged, of an unsupported kind or not licensed for embedding.
    case font(TrueTypeError)
    /// The font has no glyph for a character of the text.
    case missingGlyph(character: String, codePoint: String, fontPath: String)
    /// The text cannot be shown on one line: a control character, or too long.
    case invalidText(text: String, reason: String)

    public var description: String {
        switch self {
        case .font(let error):
            return error.description
        case .missingGlyph(let character, let codePoint, let fontPath):
            return "the font \(fontPath) has no glyph for '\(character)' (\(codePoint)) in the signature box text; "
                + "correct the text or use a font that covers it (Liberation Serif covers Vietnamese)"
        case .invalidText(let text, let reason):
            return "the signature box text '\(text)' \(reason); give the number and notation on one line, e.g. "
                + "'12/GM-UBND'"
        }
    }
}
