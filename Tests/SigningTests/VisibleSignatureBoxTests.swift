import Foundation
import Testing

@testable import Signing

/// The box's text and font checks, its time format and its placement on rotated and cropped pages.
@Suite struct VisibleSignatureBoxTests {
    @Test func textIsNormalisedToNFCAndMappedToPrecomposedGlyphs() throws {
        // "Số" with o + combining circumflex + combining acute (NFD).
        let box = try VisibleSignatureBox(numberNotation: "So\u{302}\u{301} 7/QĐ-UBND")

        #expect(box.numberNotation == "Số 7/QĐ-UBND")
        #expect(box.numberNotation.unicodeScalars.count == 12)
        let font = try EmbeddedFont(font: box.font, texts: [box.numberNotation])
        let glyph = try #require(box.font.glyph(for: "ố"))
        #expect(font.encoded("ố") == [UInt8(glyph >> 8), UInt8(glyph & 0xFF)])
    }

    @Test func aCharacterWithoutAGlyphIsNamed() {
        #expect(
            throws: VisibleSignatureError.missingGlyph(
                character: "漢", codePoint: "U+6F22", fontPath: VisibleSignatureBox.defaultFontPath)
        ) {
            _ = try VisibleSignatureBox(numberNotation: "12/漢-UBND")
        }
    }

    @Test(arguments: ["12/GM\nUBND", "12/GM\u{0}", "12\u{2028}GM", "12/GM-UBND\u{200E}"])
    func controlCharactersAreRefused(text: String) {
        #expect {
            _ = try VisibleSignatureBox(numberNotation: text)
        } throws: { error in
            guard case .invalidText(_, let reason)? = error as? VisibleSignatureError else { return false }
            return reason.contains("control character")
        }
    }

    @Test func anOverlongNumberNotationIsRefused() {
        #expect {
            _ = try VisibleSignatureBox(numberNotation: String(repeating: "1", count: 65))
        } throws: { error in
            guard case .invalidText(_, let reason)? = error as? VisibleSignatureError else { return false }
            return reason.contains("longer than 64")
        }
    }

    @Test func missingTruncatedAndNonFontFilesAreTypedErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lienthong-font-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try Data(contentsOf: URL(fileURLWithPath: VisibleSignatureBox.defaultFontPath))
        let truncated = directory.appendingPathComponent("truncated.ttf")
        try original.prefix(original.count / 2).write(to: truncated)
        let text = directory.appendingPathComponent("notes.ttf")
        try Data("not a font".utf8).write(to: text)
        let missing = directory.appendingPathComponent("missing.ttf").path

        func kind(_ path: String) -> String? {
            do {
                _ = try VisibleSignatureBox(numberNotation: "1/GM", fontPath: path)
                return nil
            } catch {
                guard case .font(let fontError) = error, fontError.description.contains(path) else { return "other" }
                switch fontError {
                case .malformed: return "malformed"
                case .notTrueType: return "notTrueType"
                case .unreadable: return "unreadable"
                default: return "other"
                }
            }
        }
        #expect(kind(truncated.path) == "malformed")
        #expect(kind(text.path) == "notTrueType")
        #expect(kind(missing) == "unreadable")
        #expect(kind(directory.path) == "unreadable", "a directory is not a font file")
    }

    @Test func theTimeIsTheSignatureDictionarysTimeInISO8601() {
        #expect(VisibleSignatureBox.iso8601(pdfDate: "D:20261125140305+07'00'") == "2026-11-25T14:03:05+07:00")
        let date = Date(timeIntervalSince1970: 1_795_590_185.9)
        #expect(VisibleSignatureBox.iso8601(pdfDate: PDFDate.string(date)) == "2026-11-25T14:03:05+07:00")
    }

    @Test func anEmptyNumberNotationGivesATimeOnlyBox() throws {
        let box = try VisibleSignatureBox(numberNotation: "  ")
        #expect(box.lines(signingTime: "D:20261125140305+07'00'") == ["2026-11-25T14:03:05+07:00"])
        let full = try VisibleSignatureBox(numberNotation: "12/GM-UBND")
        #expect(full.lines(signingTime: "D:20261125140305+07'00'") == ["12/GM-UBND", "2026-11-25T14:03:05+07:00"])
    }

    @Test(arguments: [0, 90, 180, 270])
    func theWidgetRectangleAndFormMatrixPutUprightTextAtTheDisplayedTopRight(rotation: Int) throws {
        let geometry = PageGeometry(
            box: PageGeometry.Rectangle(left: 10, bottom: 20, right: 610, top: 820), rotation: rotation)
        let box = try VisibleSignatureBox(numberNotation: "12/GM-UBND", margin: 30)

        let appearance = try SignatureAppearance(
            box: box, lines: box.lines(signingTime: "D:20261125140305+07'00'"), geometry: geometry, first: 100)

        let rect = appearance.rectangle
        // The displayed top-right corner of the page, in user space, for each rotation.
        let corner: (x: Double, y: Double) =
            switch rotation {
            case 90: (10, 820)
            case 180: (10, 20)
            case 270: (610, 20)
            default: (610, 820)
            }
        let nearestX = abs(rect.left - corner.x) < abs(rect.right - corner.x) ? rect.left : rect.right
        let nearestY = abs(rect.bottom - corner.y) < abs(rect.top - corner.y) ? rect.bottom : rect.top
        #expect(abs(abs(nearestX - corner.x) - 30) < 0.001 && abs(abs(nearestY - corner.y) - 30) < 0.001, "\(rect)")
        let form = try #require(appearance.objects.first?.dictionary)
        let bbox = try #require(form["BBox"]?.array?.compactMap(VisibleSignatureInspection.number))
        let matrix = try #require(form["Matrix"]?.array?.compactMap(VisibleSignatureInspection.number))
        // The BBox transformed by the Matrix has the widget's size and starts at the origin.
        let corners = [(bbox[0], bbox[1]), (bbox[2], bbox[1]), (bbox[0], bbox[3]), (bbox[2], bbox[3])].map {
            (matrix[0] * $0.0 + matrix[2] * $0.1 + matrix[4], matrix[1] * $0.0 + matrix[3] * $0.1 + matrix[5])
        }
        #expect(abs((corners.map(\.0).max() ?? 0) - rect.width) < 0.001)
        #expect(abs((corners.map(\.1).max() ?? 0) - rect.height) < 0.001)
        #expect(corners.map(\.0).min() == 0 && corners.map(\.1).min() == 0)
        #expect(appearance.objects.map(\.reference.number) == Array(100..<106))
    }

    @Test func theWidthFollowsTheMeasuredText() throws {
        let geometry = PageGeometry(box: PageGeometry.Rectangle(left: 0, bottom: 0, right: 595, top: 842), rotation: 0)
        let box = try VisibleSignatureBox(numberNotation: String(repeating: "W", count: 30))
        let font = try EmbeddedFont(font: box.font, texts: [box.numberNotation])

        let appearance = try SignatureAppearance(
            box: box, lines: box.lines(signingTime: "D:20261125140305+07'00'"), geometry: geometry, first: 1)

        let expected = font.width(box.numberNotation, size: 10) + 2 * SignatureAppearance.padding
        #expect(abs(appearance.rectangle.width - expected) < 1)
        #expect(abs(appearance.rectangle.right - (595 - box.margin)) < 0.001)
    }
}
