import Foundation

/// The visible agency signature of Decree 30/2020 Appendix I for attachments: no image; at the top right of page 1,
/// the document's number and notation (số và ký hiệu, e.g. "12/GM-UBND") and the signing time in ISO 8601 with
/// the Vietnam offset (e.g. 2026-11-25T14:03:05+07:00), Times New Roman, regular, 10 pt, black.
///
/// Times New Roman is not free to embed, so the default is Liberation Serif, which has the same metrics and covers
/// Vietnamese. The font is read and checked, and every character of the text mapped to a glyph, when the box is
/// made, so a bad font or text fails before any PDF is touched. A box can be reused for many signatures.
public struct VisibleSignatureBox: Sendable {
    /// Liberation Serif Regular as installed by Debian's fonts-liberation2 package.
    public static let defaultFontPath = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
    /// The decree's text size, in points.
    public static let fontSize = 10.0
    /// The longest number and notation accepted, in characters; real ones are far shorter.
    public static let maxTextLength = 64
    /// The characters of the signing time, which the font must also have.
    static let timeCharacters = "0123456789-:T+"

    /// The number and notation, NFC-normalised; empty for a box that shows the time alone.
    public let numberNotation: String
    public let fontPath: String
    /// Distance from the top and right edges of page 1's visible area, in points; 10 mm by default.
    public let margin: Double
    let font: TrueTypeFont

    public init(
        numberNotation: String, fontPath: String = VisibleSignatureBox.defaultFontPath, margin: Double = 10 * 72 / 25.4
    ) throws(VisibleSignatureError) {
        let text = numberNotation.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces)
        if let control = text.unicodeScalars.first(where: {
            $0.properties.generalCategory == .control || $0.properties.generalCategory == .lineSeparator
                || $0.properties.generalCategory == .paragraphSeparator || $0.properties.generalCategory == .format
        }) {
            throw .invalidText(text: text, reason: "contains the control character U+\(Self.hex(control))")
        }
        guard text.count <= Self.maxTextLength else {
            throw .invalidText(text: text, reason: "is longer than \(Self.maxTextLength) characters")
        }
        let font: TrueTypeFont
        do {
            font = try TrueTypeFont.load(path: fontPath)
        } catch {
            throw .font(error)
        }
        for scalar in (text + Self.timeCharacters).unicodeScalars where font.glyph(for: scalar) == nil {
            throw .missingGlyph(character: String(scalar), codePoint: "U+\(Self.hex(scalar))", fontPath: fontPath)
        }
        guard margin.isFinite, margin >= 0 else {
            throw .invalidText(text: text, reason: "cannot be placed with a margin of \(margin) points")
        }
        self.numberNotation = text
        self.fontPath = fontPath
        self.margin = margin
        self.font = font
    }

    /// The lines shown: the number and notation (when given), then the time.
    func lines(signingTime pdfDate: String) -> [String] {
        let time = Self.iso8601(pdfDate: pdfDate)
        return numberNotation.isEmpty ? [time] : [numberNotation, time]
    }

    /// `D:20261125140305+07'00'` (what `/M` holds) as `2026-11-25T14:03:05+07:00`, so that the box shows exactly
    /// the time in the signature dictionary.
    static func iso8601(pdfDate: String) -> String {
        let digits = Array(pdfDate.dropFirst(2))
        guard digits.count >= 20 else { return pdfDate }
        func part(_ range: Range<Int>) -> String { String(digits[range]) }
        return part(0..<4) + "-" + part(4..<6) + "-" + part(6..<8) + "T" + part(8..<10) + ":" + part(10..<12) + ":"
            + part(12..<14) + part(14..<17) + ":" + part(18..<20)
    }

    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
